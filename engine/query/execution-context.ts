/**
 * What one run of a statement carries through its operators and expressions: the
 * transaction, the bound parameters, the statistics being counted, the statement's
 * clock, and the bound on rows and collections.
 */
import type { Transaction } from '../tx/transaction.js';
import { tooManyRows } from './query-errors.js';
import type { StatisticsCounter } from './query-statistics.js';
import type { RuntimeValue } from './runtime-values.js';

/** Rows produced between two yields to the event loop, so one long statement cannot starve the others. */
const ROWS_BETWEEN_YIELDS = 8192;

export class ExecutionContext {
  readonly tx: Transaction;
  readonly parameters: Readonly<Record<string, RuntimeValue>>;
  readonly statistics: StatisticsCounter;
  readonly maxRows: number;
  /** timestamp(): one value for the whole statement, as in Neo4j. */
  readonly timestamp: bigint;
  /** Nodes DELETE could not remove yet because relationships remained (see entity-writes.ts). */
  readonly pendingNodeDeletes = new Set<number>();
  #rowsSinceYield = 0;

  constructor(tx: Transaction, parameters: Readonly<Record<string, RuntimeValue>>, statistics: StatisticsCounter, maxRows: number) {
    this.tx = tx;
    this.parameters = parameters;
    this.statistics = statistics;
    this.maxRows = maxRows;
    this.timestamp = BigInt(Date.now());
  }

  /** Throws MemoryPoolOutOfMemoryError when `size` passes maxRows. */
  checkSize(size: number, what: string): void {
    if (size > this.maxRows) throw tooManyRows(what, this.maxRows);
  }

  /**
   * Counts produced rows; every few thousand, resolves only after the event loop has
   * turned (other requests get served). Returns undefined when no pause is due, so the
   * caller awaits nothing on the common path.
   */
  pace(rows: number): Promise<void> | undefined {
    this.#rowsSinceYield += rows;
    if (this.#rowsSinceYield < ROWS_BETWEEN_YIELDS) return undefined;
    this.#rowsSinceYield = 0;
    return new Promise((resolve) => setImmediate(resolve));
  }
}
