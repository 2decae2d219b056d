/**
 * The one place the server keeps its database, so that replacing it (an HA store copy)
 * is one assignment: every user reads `current`, or holds `view`, which forwards to it.
 *
 *   OPEN ──replace(): beforeClose(), current.close()──> REPLACING ──replaceStore() settles,
 *    ^                                                               open() the store again
 *    └──────────────── current = the reopened database ──────────────┘
 *   OPEN | REPLACING ──close(): waits for a replacement, then current.close()──> CLOSED
 *
 * While REPLACING, calls through `view` fail with Neo.TransientError.General.DatabaseUnavailable
 * and stats() answers the last snapshot taken before the close.
 */
import type { Logger } from 'pino';
import { Neo4jError } from '../../protocol/errors.js';
import type { DatabaseStats } from '../database-options.js';
import type { GraphDatabase } from '../database.js';
import type { DatabaseSlot } from '../ha/driver/database-slot.js';

export interface DatabaseHolderOptions {
  /** Opens the database on its store directory (again), with the server's options. */
  readonly open: () => Promise<GraphDatabase>;
  /** Runs before the database closes for a replacement: the server forgets its open HTTP transactions. */
  readonly beforeClose?: () => void;
  readonly logger: Logger;
}

export class DatabaseHolder implements DatabaseSlot {
  readonly #options: DatabaseHolderOptions;
  readonly #view: GraphDatabase;
  #current: GraphDatabase;
  #replacing: Promise<GraphDatabase> | undefined;
  #statsBeforeClose: DatabaseStats | undefined;

  constructor(database: GraphDatabase, options: DatabaseHolderOptions) {
    this.#current = database;
    this.#options = options;
    this.#view = forwardingView(this);
  }

  get current(): GraphDatabase {
    return this.#current;
  }

  /** True while a replacement has the database closed. */
  get replacing(): boolean {
    return this.#replacing !== undefined;
  }

  /**
   * A GraphDatabase for users built once with one (the HTTP transaction endpoint, the query
   * engine): each property read goes to the current database, methods bound to it.
   */
  get view(): GraphDatabase {
    return this.#view;
  }

  stats(): DatabaseStats {
    return this.#statsBeforeClose ?? this.#current.stats();
  }

  replace(replaceStore: () => Promise<void>): Promise<GraphDatabase> {
    if (this.#replacing !== undefined) {
      return Promise.reject(new Error('the database is already being replaced; expected one replacement at a time (the HA driver serialises its store copies).'));
    }
    this.#replacing = this.#replace(replaceStore).finally(() => {
      this.#replacing = undefined;
      this.#statsBeforeClose = undefined;
    });
    return this.#replacing;
  }

  /** Closes the database, after a replacement under way. */
  async close(): Promise<void> {
    await this.#replacing?.catch(() => undefined);
    await this.#current.close();
  }

  async #replace(replaceStore: () => Promise<void>): Promise<GraphDatabase> {
    const old = this.#current;
    this.#statsBeforeClose = old.stats();
    this.#options.beforeClose?.();
    await old.close();
    this.#options.logger.info({ event: 'database_replacing', lastCommittedTxId: old.lastCommittedTxId }, 'database closed for a replacement of its store');
    let failure: unknown;
    try {
      await replaceStore();
    } catch (error) {
      failure = error;
    }
    this.#current = await this.#options.open();
    this.#options.logger.info(
      { event: 'database_replaced', lastCommittedTxId: this.#current.lastCommittedTxId, storeId: this.#current.storeId, replaced: failure === undefined },
      failure === undefined ? `database reopened on its new store at tx ${this.#current.lastCommittedTxId}` : 'database reopened on its old store (the replacement failed)',
    );
    if (failure !== undefined) throw failure;
    return this.#current;
  }
}

function forwardingView(holder: DatabaseHolder): GraphDatabase {
  const unavailable = (): never => {
    throw new Neo4jError(
      'Neo.TransientError.General.DatabaseUnavailable',
      'The database is being replaced by a copy of the HA master\'s store; retry in a moment (GET /db/manage/server/ha/available answers 200 again once it is back).',
    );
  };
  return new Proxy({} as GraphDatabase, {
    get(_target, property) {
      const database = holder.current;
      const value: unknown = Reflect.get(database, property, database);
      if (typeof value !== 'function') return value;
      return holder.replacing ? unavailable : (value as (...args: unknown[]) => unknown).bind(database);
    },
  });
}
