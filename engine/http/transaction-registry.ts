/**
 * The open transactions of the HTTP API, by id. Each one is used by at most one request
 * at a time and is rolled back when no request comes for dbms.rest.transaction.idle_timeout.
 *
 *   create() ──> BUSY ──release()──> IDLE ──acquire()──> BUSY
 *                 │                   │  \
 *                 │ close()           │   └── idle timer fires ──> rolled back, removed,
 *                 v                   │       `transaction_expired` logged (later: 404)
 *               CLOSED <── close() ───┘ (DELETE: the caller rolls back)
 *               removed; the caller committed or rolled back its engine transaction
 *
 * acquire() of an unknown id answers Neo.ClientError.Transaction.TransactionNotFound and
 * of a BUSY one Neo.ClientError.Transaction.ConcurrentRequest (both 404, as Neo4j).
 * Ids count from 1 and are never reused while the engine runs.
 */
import type { Logger } from 'pino';
import { Neo4jError } from '../../protocol/errors.js';
import type { Transaction } from '../tx/transaction.js';

export class HttpTransaction {
  readonly id: number;
  /** The engine transaction, once begun (a begin may first wait for a bookmark). */
  transaction: Transaction | undefined;
  /**
   * The master's URL of this transaction when it runs there instead (a write sent to a
   * slave, engine/http/forwarded-write.ts); every later request of it is forwarded there.
   */
  forwardedTo: string | undefined;

  constructor(id: number) {
    this.id = id;
  }
}

interface Entry {
  readonly handle: HttpTransaction;
  state: 'busy' | 'idle';
  timer: NodeJS.Timeout | undefined;
}

export interface TransactionRegistryOptions {
  readonly idleTimeoutMs: number;
  readonly logger: Logger;
}

export class TransactionRegistry {
  readonly #idleTimeoutMs: number;
  readonly #logger: Logger;
  readonly #open = new Map<number, Entry>();
  #nextId = 1;

  constructor(options: TransactionRegistryOptions) {
    this.#idleTimeoutMs = options.idleTimeoutMs;
    this.#logger = options.logger;
  }

  /** Transactions open right now, busy or idle. */
  get size(): number {
    return this.#open.size;
  }

  /** A new transaction, BUSY for the request that begins it. */
  create(): HttpTransaction {
    const handle = new HttpTransaction(this.#nextId++);
    this.#open.set(handle.id, { handle, state: 'busy', timer: undefined });
    return handle;
  }

  /** The IDLE transaction `id`, now BUSY for the calling request. */
  acquire(id: number): HttpTransaction {
    const entry = this.#open.get(id);
    if (entry === undefined) {
      throw new Neo4jError('Neo.ClientError.Transaction.TransactionNotFound', 'Unrecognized transaction id. Transaction may have timed out and been rolled back.');
    }
    if (entry.state === 'busy') {
      throw new Neo4jError(
        'Neo.ClientError.Transaction.ConcurrentRequest',
        `Transaction ${id} is being used by another request right now; send the requests of one transaction one after the other.`,
      );
    }
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.state = 'busy';
    return entry.handle;
  }

  /** BUSY -> IDLE with a fresh idle timer; returns when (epoch ms) the transaction expires. */
  release(handle: HttpTransaction): number {
    const entry = this.#open.get(handle.id);
    if (entry?.state !== 'busy') throw new Error(`transaction ${handle.id} released while ${entry?.state ?? 'closed'}`);
    entry.state = 'idle';
    entry.timer = setTimeout(() => this.#expire(entry), this.#idleTimeoutMs);
    // An idle transaction must not keep the process alive; stop() rolls it back anyway.
    entry.timer.unref();
    return Date.now() + this.#idleTimeoutMs;
  }

  /** Removes the transaction: the caller has committed or rolled back its engine transaction. */
  close(handle: HttpTransaction): void {
    const entry = this.#open.get(handle.id);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    this.#open.delete(handle.id);
  }

  /** Rolls back and removes every open transaction (the server is stopping). */
  rollbackAll(): void {
    for (const { handle } of [...this.#open.values()]) {
      handle.transaction?.rollback();
      this.close(handle);
    }
  }

  #expire(entry: Entry): void {
    if (entry.state !== 'idle') return;
    const handle = entry.handle;
    handle.transaction?.rollback();
    this.close(handle);
    this.#logger.info({ event: 'transaction_expired', id: handle.id, idleTimeoutMs: this.#idleTimeoutMs }, `HTTP transaction ${handle.id} expired and was rolled back`);
  }
}
