/**
 * Whether a request must go to the master ('write') or may go to a slave ('read'), and
 * why. Precedence, as issue 5 fixes it: the `access-mode` header, then `X-Write: 1`,
 * then the Cypher itself. The Cypher verdict comes from cypher/analysis.ts (`writes`),
 * the one definition of "this statement writes" in graphlb; this file only adds the
 * header rules, the "unparseable means write" rule and a cache.
 */
import { analyze, writes } from '../../cypher/analysis.js';
import { parse } from '../../cypher/parser.js';

export type RequestClass = 'read' | 'write';

/** What decided the class; a bounded set, so it can be a metric label. */
export type ClassReason = 'access-mode' | 'x-write' | 'cypher' | 'unparseable';

export interface Classification {
  readonly class: RequestClass;
  readonly reason: ClassReason;
}

export interface ClassifiedRequest {
  /** The `access-mode` header as received (READ or WRITE, any case); anything else is ignored. */
  readonly accessMode?: string | undefined;
  /** The `X-Write` header as received; only `1` means write, anything else is ignored. */
  readonly xWrite?: string | undefined;
  /** The texts of the request's statements, in order. */
  readonly statements: readonly string[];
}

export interface RequestClassifierOptions {
  /** Procedures known to only read, in any case (`db.labels`); a CALL of any other procedure is a write. */
  readonly readProcedures: Iterable<string>;
  /** How many distinct statement texts to remember; the least recently used is forgotten first. Default 10,000. */
  readonly cacheSize?: number;
}

export const DEFAULT_CLASSIFIER_CACHE_SIZE = 10_000;

// The outcomes are shared constants, so classify() allocates nothing on a cache hit.
const READ_BY_ACCESS_MODE: Classification = Object.freeze({ class: 'read', reason: 'access-mode' });
const WRITE_BY_ACCESS_MODE: Classification = Object.freeze({ class: 'write', reason: 'access-mode' });
const WRITE_BY_X_WRITE: Classification = Object.freeze({ class: 'write', reason: 'x-write' });
const READ_BY_CYPHER: Classification = Object.freeze({ class: 'read', reason: 'cypher' });
const WRITE_BY_CYPHER: Classification = Object.freeze({ class: 'write', reason: 'cypher' });
const WRITE_UNPARSEABLE: Classification = Object.freeze({ class: 'write', reason: 'unparseable' });

/** The verdict on one statement text, as cached. */
type Verdict = typeof READ_BY_CYPHER | typeof WRITE_BY_CYPHER | typeof WRITE_UNPARSEABLE;

/**
 * Classifies requests. Build one per configuration (the read-procedure list is fixed for
 * its lifetime, so cached verdicts never go stale) and call classify() per request.
 */
export class RequestClassifier {
  readonly #readProcedures: ReadonlySet<string>;
  readonly #cacheSize: number;
  // A Map iterates in insertion order, so re-inserting on a hit makes it an LRU list.
  readonly #cache = new Map<string, Verdict>();

  constructor(options: RequestClassifierOptions) {
    const cacheSize = options.cacheSize ?? DEFAULT_CLASSIFIER_CACHE_SIZE;
    if (!Number.isInteger(cacheSize) || cacheSize < 0) {
      throw new RangeError(`The statement cache size is ${String(cacheSize)}; expected a whole number of entries, 0 or more (0 turns the cache off).`);
    }
    this.#cacheSize = cacheSize;
    this.#readProcedures = new Set([...options.readProcedures].map((name) => name.toLowerCase()));
  }

  classify(request: ClassifiedRequest): Classification {
    const accessMode = request.accessMode?.trim().toUpperCase();
    if (accessMode === 'READ') return READ_BY_ACCESS_MODE;
    if (accessMode === 'WRITE') return WRITE_BY_ACCESS_MODE;
    if (request.xWrite?.trim() === '1') return WRITE_BY_X_WRITE;
    // The first statement that must run on the master decides, so the reason names it.
    // A request without statements (a bare BEGIN or COMMIT) writes nothing: read.
    for (const text of request.statements) {
      const verdict = this.#verdict(text);
      if (verdict !== READ_BY_CYPHER) return verdict;
    }
    return READ_BY_CYPHER;
  }

  /** How many statement texts are cached now (for tests and a gauge). */
  get cachedStatements(): number {
    return this.#cache.size;
  }

  #verdict(text: string): Verdict {
    const cached = this.#cache.get(text);
    if (cached !== undefined) {
      this.#cache.delete(text);
      this.#cache.set(text, cached);
      return cached;
    }
    const verdict = this.#decide(text);
    if (this.#cacheSize > 0) {
      if (this.#cache.size >= this.#cacheSize) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(text, verdict);
    }
    return verdict;
  }

  #decide(text: string): Verdict {
    let info;
    try {
      info = analyze(parse(text));
    } catch {
      // Whatever cannot be read might write; the master answers it (and reports the error) safely.
      return WRITE_UNPARSEABLE;
    }
    return writes(info, this.#readProcedures) ? WRITE_BY_CYPHER : READ_BY_CYPHER;
  }
}
