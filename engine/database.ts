/**
 * One graph database: the store files, the page cache over them, the transaction log,
 * the indexes, the commit pipeline and the checkpointer, opened together, recovered
 * together and closed together.
 *
 *   open():  page cache -> stores -> log (torn tail cut) -> recovery (replay after the
 *            last checkpoint) -> tokens and schema rules loaded -> indexes rebuilt ->
 *            checkpoint if anything was replayed -> OPEN
 *   close(): refuse new transactions -> roll back open ones -> wait for commits in
 *            flight -> checkpoint ('shutdown') -> close log, stores, page cache -> CLOSED
 */
import type { Logger } from 'pino';
import { Neo4jError } from '../protocol/errors.js';
import { Checkpointer } from './checkpoint/checkpointer.js';
import type { DatabaseOptions, DatabaseStats } from './database-options.js';
import { IndexSet } from './index/index-set.js';
import { NodeFileSystem } from './io/file-system.js';
import { PageCache } from './pagecache/page-cache.js';
import { recover } from './recovery/recovery.js';
import { NeoStores, type TokenKind } from './store/neo-stores.js';
import { PendingRecords } from './store/pending-records.js';
import { CommitPipeline } from './tx/commit-pipeline.js';
import { LockClient, LockManager } from './tx/lock-manager.js';
import { Transaction, type AccessMode, type TransactionKernel } from './tx/transaction.js';
import { writeTransactionState } from './tx/transaction-records.js';
import { TransactionLog, type CommittedTransaction } from './txlog/transaction-log.js';

type DatabaseState = 'open' | 'closing' | 'closed';

/**
 * Who may write, for a database that is a member of a cluster (the HA driver). Without a
 * gate every commit is admitted in the epoch the store recovered with.
 */
export interface WriteGate {
  /** Throws the Neo4jError a refused write gets; returns the epoch to stamp on the commit. */
  admitWrite(): number;
  /**
   * A local commit admitted in `epoch` is durable and applied; the client hears of it once
   * this resolves, and gets its error when it rejects (the outcome is then unknown).
   */
  committed(transaction: CommittedTransaction, epoch: number): Promise<void>;
}

export class GraphDatabase {
  readonly #logger: Logger;
  readonly #pageCache: PageCache;
  readonly #stores: NeoStores;
  readonly #log: TransactionLog;
  readonly #indexes: IndexSet;
  readonly #locks = new LockManager();
  readonly #pipeline: CommitPipeline;
  readonly #checkpointer: Checkpointer;
  readonly #onCommit: ((seconds: number) => void) | undefined;
  readonly #open = new Set<Transaction>();
  /** Tokens being created: one creation per name however many transactions ask. */
  readonly #tokensInCreation = new Map<string, Promise<number>>();
  readonly #kernel: TransactionKernel;
  readonly #appliedWaiters = new Set<{ readonly txId: number; readonly resolve: () => void; readonly timer: NodeJS.Timeout }>();
  #state: DatabaseState = 'open';
  #nextTransactionId = 1;
  #started = 0;
  #committed = 0;
  #rolledBack = 0;
  #epoch: number;
  #writeGate: WriteGate | undefined;

  private constructor(options: DatabaseOptions) {
    this.#logger = options.logger;
    this.#onCommit = options.onCommit;
    const fileSystem = options.fileSystem ?? new NodeFileSystem();
    fileSystem.mkdirs(options.storeDir);
    this.#pageCache = new PageCache(fileSystem, { memoryBytes: options.pageCacheBytes });
    this.#stores = NeoStores.open(fileSystem, this.#pageCache, options.storeDir);
    this.#log = TransactionLog.open(fileSystem, {
      dir: options.storeDir,
      rotationSizeBytes: options.txLogRotationBytes,
      retention: options.txLogRetention,
      logger: options.logger,
    });
    const recovery = recover(this.#stores, this.#log, options.logger);
    this.#stores.loadTokensAndRules();
    this.#epoch = recovery.applied.epoch;
    this.#indexes = new IndexSet();
    this.#indexes.rebuild(this.#stores);
    this.#checkpointer = new Checkpointer({
      stores: this.#stores,
      pageCache: this.#pageCache,
      log: this.#log,
      logger: options.logger,
      intervalMs: options.checkpointIntervalMs,
      intervalTx: options.checkpointIntervalTx,
      applied: () => this.#pipeline.applied,
    });
    this.#pipeline = new CommitPipeline({
      stores: this.#stores,
      log: this.#log,
      indexes: this.#indexes,
      pending: new PendingRecords(),
      logger: options.logger,
      applied: recovery.applied,
      epoch: () => this.#epoch,
      onApplied: (position) => {
        this.#checkpointer.applied(position);
        if (this.#appliedWaiters.size > 0) this.#wakeAppliedWaiters(position.txId);
      },
    });
    if (recovery.replayed > 0) this.#checkpointer.checkpoint('recovery');
    this.#checkpointer.start();
    this.#kernel = {
      stores: this.#stores,
      indexes: this.#indexes,
      locks: this.#locks,
      tokenFor: (kind, name) => this.#tokenFor(kind, name),
      commit: (transaction) => this.#commit(transaction),
      closed: (transaction, outcome) => this.#closed(transaction, outcome),
    };
  }

  /** Opens (creating or recovering) the database under options.storeDir. */
  static async open(options: DatabaseOptions): Promise<GraphDatabase> {
    const database = new GraphDatabase(options);
    options.logger.info(
      { event: 'database_started', storeDir: options.storeDir, lastCommittedTxId: database.lastCommittedTxId, storeId: database.#stores.metaData.read().storeId },
      `database open at tx ${database.lastCommittedTxId}`,
    );
    return database;
  }

  get lastCommittedTxId(): number {
    return this.#pipeline.applied.txId;
  }

  /** The store's identity, fixed when it was created. */
  get storeId(): string {
    return this.#stores.metaData.read().storeId;
  }

  beginTransaction(mode: AccessMode = 'WRITE'): Transaction {
    if (this.#state !== 'open') {
      throw new Neo4jError('Neo.TransientError.General.DatabaseUnavailable', 'The database is shutting down; no new transactions are accepted.');
    }
    const transaction = new Transaction(this.#kernel, mode, new LockClient(this.#nextTransactionId++));
    this.#open.add(transaction);
    this.#started++;
    return transaction;
  }

  /**
   * Applies a transaction committed by another member (the master), keeping its tx id,
   * epoch, time and checksum; resolves once it is durable here and visible. Rejects with
   * the transaction log's GLB_TX_LOG_OUT_OF_ORDER for a gap and GLB_TX_LOG_DIVERGED when
   * this store's history differs from the sender's (a branch).
   */
  async applyReplicated(transaction: CommittedTransaction): Promise<number> {
    return (await this.#pipeline.replicate(transaction)).txId;
  }

  /**
   * Resolves once this instance has applied transaction `txId` (a bookmark), or rejects
   * after `timeoutMs` with Neo.TransientError.Transaction.BookmarkTimeout.
   */
  awaitApplied(txId: number, timeoutMs: number): Promise<void> {
    if (this.lastCommittedTxId >= txId) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#appliedWaiters.delete(waiter);
        reject(
          new Neo4jError(
            'Neo.TransientError.Transaction.BookmarkTimeout',
            `This instance has applied transactions up to ${this.lastCommittedTxId}; the bookmark asks for ${txId}, which did not arrive within ${timeoutMs} ms.`,
          ),
        );
      }, timeoutMs);
      const waiter = { txId, resolve, timer };
      this.#appliedWaiters.add(waiter);
    });
  }

  /** Installs (or removes) the gate every local write passes; replicated transactions bypass it. */
  setWriteGate(gate: WriteGate | undefined): void {
    this.#writeGate = gate;
  }

  /** Forces a checkpoint now (backups and tests); returns the tx id it covers. */
  checkpoint(): number {
    return this.#checkpointer.checkpoint('explicit').txId;
  }

  /** Consistency check of the store: the problems found, none when consistent. */
  check(): string[] {
    return this.#stores.check();
  }

  /** The transaction log, for readers that stream committed transactions (replication, backup). */
  get transactionLog(): TransactionLog {
    return this.#log;
  }

  stats(): DatabaseStats {
    const pageCache = this.#pageCache.stats();
    const ids = this.#stores.idsInUse();
    return {
      transactions: {
        started: this.#started,
        committed: this.#committed,
        rolledBack: this.#rolledBack,
        active: this.#open.size,
        lastCommittedTxId: this.lastCommittedTxId,
      },
      pageCache: {
        hits: pageCache.hits,
        faults: pageCache.faults,
        evictions: pageCache.evictions,
        flushes: pageCache.flushes,
        hitRatio: pageCache.hitRatio,
        usageRatio: pageCache.usageRatio,
      },
      idsInUse: { node: ids.node, relationship: ids.relationship, property: ids.property },
      checkpoints: this.#checkpointer.checkpoints,
      logRotations: this.#log.stats().rotations,
    };
  }

  async close(): Promise<void> {
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    this.#logger.info({ event: 'database_stopping', openTransactions: this.#open.size }, 'closing the database');
    for (const transaction of [...this.#open]) if (transaction.status === 'open' || transaction.status === 'marked_for_termination') transaction.rollback();
    await this.#pipeline.idle();
    this.#checkpointer.stop();
    this.#checkpointer.checkpoint('shutdown');
    await this.#log.close();
    this.#stores.close();
    this.#pageCache.close();
    this.#state = 'closed';
    this.#logger.info({ event: 'database_stopped', lastCommittedTxId: this.lastCommittedTxId }, 'database closed');
  }

  async #commit(transaction: Transaction): Promise<number> {
    const state = transaction.state;
    if (state.isEmpty) return this.lastCommittedTxId;
    const started = performance.now();
    const gate = this.#writeGate;
    const epoch = gate === undefined ? this.#epoch : (this.#epoch = gate.admitWrite());
    const committed = await this.#pipeline.commit((changes) => writeTransactionState(state, this.#stores, changes));
    if (gate !== undefined) await gate.committed(committed, epoch);
    this.#onCommit?.((performance.now() - started) / 1000);
    return committed.txId;
  }

  #wakeAppliedWaiters(txId: number): void {
    for (const waiter of this.#appliedWaiters) {
      if (waiter.txId > txId) continue;
      clearTimeout(waiter.timer);
      this.#appliedWaiters.delete(waiter);
      waiter.resolve();
    }
  }

  #closed(transaction: Transaction, outcome: 'committed' | 'rolled_back' | 'failed'): void {
    this.#locks.releaseAll(transaction.lockClient);
    this.#open.delete(transaction);
    if (outcome === 'committed') this.#committed++;
    else this.#rolledBack++;
  }

  #tokenFor(kind: TokenKind, name: string): number | Promise<number> {
    const id = this.#stores.tokenId(kind, name);
    if (id !== undefined) return id;
    const key = `${kind}:${name}`;
    let creation = this.#tokensInCreation.get(key);
    if (creation === undefined) {
      // A token is a write of its own: a member that may not write must not create one.
      if (this.#writeGate !== undefined) this.#epoch = this.#writeGate.admitWrite();
      const tokenId = this.#stores.allocateTokenId(kind);
      creation = this.#pipeline
        .commit((changes) => changes.createToken(kind, tokenId, name))
        .then(
          () => tokenId,
          (error: unknown) => {
            this.#stores.freeTokenId(kind, tokenId);
            throw error;
          },
        )
        .finally(() => this.#tokensInCreation.delete(key));
      this.#tokensInCreation.set(key, creation);
    }
    return creation;
  }
}
