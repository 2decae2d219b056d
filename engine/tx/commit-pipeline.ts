/**
 * The commit pipeline: every transaction becomes durable, then visible, in tx id order.
 *
 *   prepare (sync)     the logical changes become record after-images in a change set,
 *                      reading through the records of transactions still in the pipeline
 *   append (sync)      the payload gets the next tx id and joins the log's next group
 *                      commit; its after-images join the pending records
 *   force (async)      the log forces the group (one fdatasync for many commits)
 *   apply (sync)       in tx id order: after-images into the page cache, index entries of
 *                      the touched nodes moved, pending records dropped; the commit is
 *                      acknowledged
 *
 * Durability invariants:
 *   1. A transaction is acknowledged only after its log entry is forced.
 *   2. Store pages change only after the log entry that explains the change is forced,
 *      so a page written back at any time never holds a change the log could lose.
 *   3. Readers see only applied transactions (read committed); prepare sees pending
 *      ones too, so two back-to-back commits that touch one record (a relationship
 *      chain through a shared node) never overwrite each other's after-image.
 *   4. Once the log fails, nothing more is accepted: after a failed fsync it is unknown
 *      what reached the disk, and only a restart (recovery) can tell.
 */
import type { Logger } from 'pino';
import { Neo4jError } from '../../protocol/errors.js';
import type { IndexSet, NodeIndexState } from '../index/index-set.js';
import type { NeoStores } from '../store/neo-stores.js';
import type { PendingRecords } from '../store/pending-records.js';
import type { RecordChangeSet } from '../store/record-change-set.js';
import { decodePayload, encodePayload, type TransactionPayload } from '../store/record-command.js';
import { StoreType } from '../store/store-type.js';
import type { CommittedTransaction, TransactionLog } from '../txlog/transaction-log.js';

/** Where the store stands: the last transaction applied to it. */
export interface AppliedPosition {
  readonly txId: number;
  readonly checksum: number;
  readonly epoch: number;
  readonly timeMs: number;
}

interface InFlight {
  readonly txId: number;
  readonly payload: TransactionPayload;
  readonly resolve: (committed: CommittedTransaction) => void;
  readonly reject: (error: Error) => void;
  committed: CommittedTransaction | undefined;
}

export interface CommitPipelineOptions {
  readonly stores: NeoStores;
  readonly log: TransactionLog;
  readonly indexes: IndexSet;
  readonly pending: PendingRecords;
  readonly logger: Logger;
  readonly applied: AppliedPosition;
  /** The epoch stamped on new transactions. */
  readonly epoch: () => number;
  /** Called after each applied transaction. */
  readonly onApplied: (position: AppliedPosition) => void;
}

export class CommitPipeline {
  readonly #stores: NeoStores;
  readonly #log: TransactionLog;
  readonly #indexes: IndexSet;
  readonly #pending: PendingRecords;
  readonly #logger: Logger;
  readonly #epoch: () => number;
  readonly #onApplied: (position: AppliedPosition) => void;
  /** Appended, not yet applied, in tx id order. */
  readonly #inFlight: InFlight[] = [];
  #applied: AppliedPosition;
  #failure: Error | undefined;
  #idleWaiters: Array<() => void> = [];

  constructor(options: CommitPipelineOptions) {
    this.#stores = options.stores;
    this.#log = options.log;
    this.#indexes = options.indexes;
    this.#pending = options.pending;
    this.#logger = options.logger;
    this.#epoch = options.epoch;
    this.#onApplied = options.onApplied;
    this.#applied = options.applied;
  }

  get applied(): AppliedPosition {
    return this.#applied;
  }

  get inFlight(): number {
    return this.#inFlight.length;
  }

  /**
   * Commits whatever `prepare` writes into a fresh change set; resolves with the committed
   * transaction (tx id, epoch, checksum, payload) once it is durable and applied.
   */
  commit(prepare: (changes: RecordChangeSet) => void): Promise<CommittedTransaction> {
    if (this.#failure !== undefined) {
      return Promise.reject(
        new Neo4jError('Neo.DatabaseError.Transaction.TransactionLogError', `The transaction log failed earlier (${this.#failure.message}); restart the instance to recover.`),
      );
    }
    const changes = this.#stores.newChangeSet(this.#pending);
    let payload: TransactionPayload;
    let bytes: Buffer;
    try {
      prepare(changes);
      payload = changes.payload();
      bytes = encodePayload(payload);
    } catch (error) {
      changes.abort();
      if (error instanceof Neo4jError) throw error;
      throw new Neo4jError('Neo.DatabaseError.Transaction.TransactionCommitFailed', `Could not prepare the commit: ${(error as Error).message}`, { cause: error });
    }
    const txId = this.#log.lastAppendedTxId + 1;
    let durable: Promise<CommittedTransaction>;
    try {
      durable = this.#log.append(txId, this.#epoch(), Date.now(), bytes);
    } catch (error) {
      changes.abort();
      throw new Neo4jError('Neo.DatabaseError.Transaction.TransactionLogError', `Could not append to the transaction log: ${(error as Error).message}`, { cause: error });
    }
    return this.#enqueue(txId, payload, durable);
  }

  /**
   * Takes a transaction committed by another member with its tx id, epoch, time and
   * checksum (replication): appended to this log, then applied in order like a local
   * commit. Rejects with the log's GLB_TX_LOG_OUT_OF_ORDER for a gap and GLB_TX_LOG_DIVERGED
   * when the histories differ; nothing is appended then.
   */
  async replicate(committed: CommittedTransaction): Promise<CommittedTransaction> {
    if (this.#failure !== undefined) {
      throw new Neo4jError('Neo.DatabaseError.Transaction.TransactionLogError', `The transaction log failed earlier (${this.#failure.message}); restart the instance to recover.`);
    }
    const payload = decodePayload(committed.payload);
    const durable = this.#log.append(committed.txId, committed.epoch, committed.timeMs, committed.payload, committed.checksum);
    return this.#enqueue(committed.txId, payload, durable);
  }

  #enqueue(txId: number, payload: TransactionPayload, durable: Promise<CommittedTransaction>): Promise<CommittedTransaction> {
    this.#pending.add(payload.commands);
    return new Promise<CommittedTransaction>((resolve, reject) => {
      const entry: InFlight = { txId, payload, resolve, reject, committed: undefined };
      this.#inFlight.push(entry);
      durable.then(
        (committed) => {
          entry.committed = committed;
          this.#applyDurable();
        },
        (error: Error) => this.#fail(error),
      );
    });
  }

  /** Resolves once nothing is in flight. */
  idle(): Promise<void> {
    if (this.#inFlight.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #applyDurable(): void {
    while (this.#inFlight.length > 0 && this.#inFlight[0]!.committed !== undefined) {
      const entry = this.#inFlight.shift()!;
      const committed = entry.committed!;
      try {
        this.#apply(entry.payload);
      } catch (error) {
        // The log has it, the store could not take it: only recovery can mend that.
        this.#fail(error as Error);
        entry.reject(new Neo4jError('Neo.DatabaseError.Transaction.TransactionCommitFailed', `Transaction ${entry.txId} is in the log but could not be applied: ${(error as Error).message}`));
        return;
      }
      this.#applied = { txId: committed.txId, checksum: committed.checksum, epoch: committed.epoch, timeMs: committed.timeMs };
      this.#onApplied(this.#applied);
      entry.resolve(committed);
    }
    if (this.#inFlight.length === 0) this.#notifyIdle();
  }

  #apply(payload: TransactionPayload): void {
    const touched = payload.touchedNodes;
    const before: NodeIndexState[] = new Array(touched.length);
    for (let i = 0; i < touched.length; i++) before[i] = this.#indexes.readNode(this.#stores, touched[i]!);
    this.#stores.apply(payload.commands);
    this.#pending.remove(payload.commands);
    for (let i = 0; i < touched.length; i++) {
      this.#indexes.update(touched[i]!, before[i]!, this.#indexes.readNode(this.#stores, touched[i]!));
    }
    for (const command of payload.commands) {
      if (command.store === StoreType.schema) {
        this.#indexes.syncRules(this.#stores);
        break;
      }
    }
  }

  #fail(error: Error): void {
    if (this.#failure === undefined) {
      this.#failure = error;
      this.#logger.error({ event: 'commit_pipeline_failed', err: error }, 'transaction log failed; no more commits until restart');
    }
    const failed = new Neo4jError('Neo.DatabaseError.Transaction.TransactionLogError', `Could not make the transaction durable: ${error.message}`, { cause: error });
    for (const entry of this.#inFlight.splice(0)) {
      this.#pending.remove(entry.payload.commands);
      entry.reject(failed);
    }
    this.#notifyIdle();
  }

  #notifyIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
