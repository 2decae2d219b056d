/**
 * What routing reads from a begin or autocommit body: the statement texts (classifier),
 * the first statement's parameters (shard key) and the bookmarks. Native JSON.parse reads
 * it; protocol's decodeTransactionRequest, the careful decoder that keeps INTEGER/FLOAT
 * apart, runs only when JSON.parse's result could differ from its own, so that a body is
 * refused exactly when, and with exactly the message, that decoder gives:
 *
 *   - JSON.parse fails, or the shape is not the one transaction-request.ts accepts;
 *   - nesting deeper than maxRequestNesting (JSON.parse has no depth limit);
 *   - an integral or infinite number beyond 2^53: either an integer literal that may be outside the
 *     int64 range the decoder refuses, or one whose double is not the literal; the
 *     decoder's bigint keeps it, so a shard key `9007199254740993` stays that text
 *     (String of its double would be ...992, another key and another member).
 *
 * Every other number stringifies the same both ways: a safe integer's double is exact,
 * `1.0` and `1` are both "1", `-0` and `0` both "0"; non-integral numbers are no shard key.
 * Bodies are at most forwarding.maxRequestBody bytes, so the decoder's length limit
 * (characters, never more than bytes) cannot apply here either.
 */
import { decodeTransactionRequest, maxRequestNesting } from '../../protocol/http/transaction-request.js';

export interface RoutingInputs {
  readonly statements: readonly string[];
  /** The first statement's parameters; numbers in them are doubles, integers within 2^53 only. */
  readonly parameters: Readonly<Record<string, unknown>> | undefined;
  readonly bookmarks: readonly string[];
}

const none: RoutingInputs = Object.freeze({ statements: Object.freeze([]), parameters: undefined, bookmarks: Object.freeze([]) });

/**
 * Reads `body` (already decoded from UTF-8); throws decodeTransactionRequest's Neo4jError
 * when that decoder refuses it.
 */
export function readRoutingInputs(body: string, maxLength: number): RoutingInputs {
  if (body.length === 0) return none;
  const fast = fastRead(body);
  if (fast !== undefined) return fast;
  const request = decodeTransactionRequest(body, { maxLength, maxDepth: maxRequestNesting });
  return {
    statements: request.statements.map((statement) => statement.statement),
    parameters: request.statements[0]?.parameters,
    bookmarks: request.bookmarks,
  };
}

/** The inputs when JSON.parse agrees with the careful decoder; undefined when that decoder must decide. */
function fastRead(body: string): RoutingInputs | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isObject(json)) return undefined;
  let statements: readonly string[] = none.statements;
  let parameters: Readonly<Record<string, unknown>> | undefined;
  let bookmarks: readonly string[] = none.bookmarks;
  for (const key in json) {
    const value = json[key];
    if (key === 'statements') {
      if (value === null) continue;
      if (!Array.isArray(value)) return undefined;
      const texts: string[] = [];
      for (let i = 0; i < value.length; i++) {
        const statement: unknown = value[i];
        if (!isObject(statement) || !statementShape(statement)) return undefined;
        texts.push(statement['statement'] as string);
        if (i === 0) parameters = (statement['parameters'] ?? undefined) as Record<string, unknown> | undefined;
      }
      statements = texts;
    } else if (key === 'bookmarks') {
      if (value === null) continue;
      if (!Array.isArray(value)) return undefined;
      for (const item of value) if (typeof item !== 'string') return undefined;
      bookmarks = value as string[];
    } else return undefined;
  }
  // Depth and numbers are checked over the whole body, as the decoder checks them.
  if (!plain(json, 1)) return undefined;
  return { statements, parameters, bookmarks };
}

/** A statement object as readStatement (transaction-request.ts) accepts it. */
function statementShape(statement: Record<string, unknown>): boolean {
  if (typeof statement['statement'] !== 'string') return false;
  const parameters = statement['parameters'];
  if (parameters !== undefined && parameters !== null && !isObject(parameters)) return false;
  const includeStats = statement['includeStats'];
  if (includeStats !== undefined && includeStats !== null && typeof includeStats !== 'boolean') return false;
  const contents = statement['resultDataContents'];
  if (contents === undefined || contents === null) return true;
  if (!Array.isArray(contents)) return false;
  for (const item of contents) {
    if (typeof item !== 'string') return false;
    const name = item.toLowerCase();
    if (name !== 'row' && name !== 'graph') return false;
  }
  return true;
}

/** No nesting deeper than maxRequestNesting and no integral number beyond 2^53 in `value` (at `depth`). */
function plain(value: unknown, depth: number): boolean {
  // An infinite double can be an integer literal beyond int64 as well as a huge float.
  if (typeof value === 'number') return Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value));
  if (typeof value !== 'object' || value === null) return true;
  if (depth > maxRequestNesting) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!plain(item, depth + 1)) return false;
    return true;
  }
  for (const key in value) if (!plain((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
