/**
 * Doing a checkpoint, and scheduling it. A checkpoint makes the store files hold every
 * applied transaction, so that recovery can start after it and the log before it may be
 * pruned:
 *
 *   1. note the applied position P (JS runs this step through 4 without interleaving,
 *      so no transaction is applied meanwhile)
 *   2. write every dirty page and force every store file
 *   3. write the id files
 *   4. write `neostore` with checkpoint = P, atomically and forced
 *   5. prune log files the retention policy lets go (never one after P)
 *
 * A crash anywhere before 4 leaves the previous checkpoint in force; replaying from
 * there is idempotent, so pages already written in 2 do no harm.
 */
import type { Logger } from 'pino';
import type { PageCache } from '../pagecache/page-cache.js';
import type { NeoStores } from '../store/neo-stores.js';
import type { AppliedPosition } from '../tx/commit-pipeline.js';
import type { TransactionLog } from '../txlog/transaction-log.js';
import { CheckpointThreshold, type CheckpointReason } from './checkpoint-threshold.js';

export interface CheckpointerOptions {
  readonly stores: NeoStores;
  readonly pageCache: PageCache;
  readonly log: TransactionLog;
  readonly logger: Logger;
  readonly intervalMs: number;
  readonly intervalTx: number;
  readonly applied: () => AppliedPosition;
}

/** How often the time threshold is looked at; the tx threshold is looked at on every apply. */
const POLL_MS = 1000;

export class Checkpointer {
  readonly #options: CheckpointerOptions;
  readonly #threshold: CheckpointThreshold;
  #lastTxId: number;
  #lastMs: number;
  #count = 0;
  #timer: NodeJS.Timeout | undefined;
  #scheduled = false;

  constructor(options: CheckpointerOptions) {
    this.#options = options;
    this.#threshold = new CheckpointThreshold(options.intervalMs, options.intervalTx);
    const meta = options.stores.metaData.read();
    this.#lastTxId = meta.checkpointTxId;
    this.#lastMs = Date.now();
  }

  get checkpoints(): number {
    return this.#count;
  }

  get lastCheckpointTxId(): number {
    return this.#lastTxId;
  }

  start(): void {
    this.#timer = setInterval(() => this.#checkDue(), Math.min(POLL_MS, this.#options.intervalMs));
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Called after each applied transaction: schedules a checkpoint when the tx threshold is reached. */
  applied(position: AppliedPosition): void {
    if (this.#scheduled || position.txId - this.#lastTxId < this.#options.intervalTx) return;
    this.#scheduled = true;
    // Off the commit path: the acknowledgements of this group go out first.
    setImmediate(() => {
      this.#scheduled = false;
      this.#checkDue();
    });
  }

  checkpoint(reason: CheckpointReason): AppliedPosition {
    const { stores, pageCache, log, logger } = this.#options;
    const started = performance.now();
    const position = this.#options.applied();
    const flushesBefore = pageCache.stats().flushes;
    pageCache.flushAll();
    stores.flushIds();
    const meta = stores.metaData.read();
    const nowMs = Date.now();
    stores.metaData.write({
      ...meta,
      checkpointTxId: position.txId,
      checkpointChecksum: position.checksum,
      checkpointEpoch: position.epoch,
      checkpointTimeMs: nowMs,
    });
    const pruned = log.prune(position.txId, nowMs);
    this.#lastTxId = position.txId;
    this.#lastMs = nowMs;
    this.#count++;
    logger.info(
      {
        event: 'checkpoint',
        reason,
        txId: position.txId,
        pagesFlushed: pageCache.stats().flushes - flushesBefore,
        logFilesPruned: pruned.length,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      `checkpoint at tx ${position.txId} (${reason})`,
    );
    return position;
  }

  #checkDue(): void {
    const reason = this.#threshold.due(this.#lastTxId, this.#lastMs, this.#options.applied().txId, Date.now());
    if (reason === undefined) return;
    try {
      this.checkpoint(reason);
    } catch (error) {
      this.#options.logger.error({ event: 'checkpoint_failed', err: error }, 'checkpoint failed; the previous one stays in force');
    }
  }
}
