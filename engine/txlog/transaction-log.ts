/**
 * The transaction log: every commit is appended as one entry and made durable before it
 * is acknowledged. The byte layout is in log-format.ts; finding the real end after a
 * crash in log-tail-scanner.ts; reading in log-reader.ts; pruning in log-pruning.ts.
 *
 * Group commit. append() only serialises: it chains the checksum, queues the entry in
 * the pending batch and returns a promise. One flush at a time writes the whole batch
 * and forces it with one fdatasync; commits arriving while the device is busy form the
 * next batch, so with many committers one fdatasync covers many entries.
 *
 *            append()                setImmediate: #flush()
 *   IDLE ─────────────> SCHEDULED ─────────────────────────> FORCING
 *    ^                      ^        writev(batch), force()     │
 *    │ nothing pending      │ entries pending                   │ force() resolved:
 *    └──────────────────────┴───────────────────────────────────┘ resolve the batch in order, rotate if due
 *
 * Lifecycle.
 *
 *   open() ─> OPEN ──close()──> CLOSING ──(in-flight batch durable: #finishClose)──> CLOSED
 *              │                   │                                                   ^
 *              │ write, force or   │ write, force or rotation fails (#fail):           │
 *              │ rotation fails    │ waiting appends are rejected                      │
 *              v                   v                                                   │
 *            FAILED ─────────────────────────── close() ───────────────────────────────┘
 *
 * FAILED is final for this instance: after a failed fdatasync nobody knows which of the
 * written entries reached the disk, so appends reject with GLB_TX_LOG_FAILED until the
 * database is reopened and the tail scan establishes what is really there.
 *
 * Durability invariants:
 *   1. An append's promise resolves only after an fdatasync that began after its entry was written.
 *   2. Promises resolve in append order: batches are forced one at a time, in order.
 *   3. read() hands out only entries <= lastDurableTxId.
 *   4. A file is created with its header atomically (file and directory forced) before
 *      any entry goes into it; a file is only left behind after its last entry was forced.
 */
import type { Logger } from 'pino';
import type { FileSystem, StoreChannel } from '../io/file-system.js';
import type { ChainLink } from './chain-link.js';
import { parseLogFileVersion } from './log-file-name.js';
import { createLogFile, openLogFiles } from './log-files.js';
import type { LogFile } from './log-files.js';
import { LOG_ENTRY_HEADER_SIZE, LOG_HEADER_SIZE, MAX_PAYLOAD_BYTES, writeEntryHeader } from './log-format.js';
import { prunableFileCount } from './log-pruning.js';
import type { LogFileSpan } from './log-pruning.js';
import { readLogEntries } from './log-reader.js';
import { scanLogTail } from './log-tail-scanner.js';
import { verifyLogFiles } from './log-verifier.js';
import type { LogVerification } from './log-verifier.js';
import type { RetentionPolicy } from './retention-policy.js';
import { TransactionLogError } from './transaction-log-error.js';

export interface CommittedTransaction {
  readonly txId: number;
  readonly epoch: number;
  readonly timeMs: number;
  /** Chained checksum: crc32 of this entry's header fields and payload, seeded with the previous entry's checksum. */
  readonly checksum: number;
  readonly payload: Buffer;
}

export interface TransactionLogOptions {
  readonly dir: string;
  /** dbms.tx_log.rotation.size: rotate to a new file once the current one reaches this many bytes. */
  readonly rotationSizeBytes: number;
  readonly retention: RetentionPolicy;
  /** Events: log_rotated, log_pruned, log_truncated, log_failed. */
  readonly logger: Logger;
}

/** What open() found. */
export interface LogTail {
  /** 0 for an empty log. */
  readonly lastTxId: number;
  /** 0 for an empty log. */
  readonly lastChecksum: number;
  readonly lastEpoch: number;
  readonly lastTimeMs: number;
  /** Bytes cut off a torn tail (0 when clean). */
  readonly truncatedBytes: number;
}

export interface TransactionLogStats {
  readonly rotations: number;
  readonly appendedBytes: number;
  readonly forces: number;
  readonly files: number;
}

type State = 'open' | 'closing' | 'failed' | 'closed';

interface Waiter {
  readonly transaction: CommittedTransaction;
  readonly resolve: (transaction: CommittedTransaction) => void;
  readonly reject: (error: Error) => void;
}

export class TransactionLog {
  /**
   * Opens the log in dir (creating file .0 when there is none), scans the newest file to its
   * end, cuts a torn or corrupt tail (truncates; logs event 'log_truncated'), and positions for
   * appending.
   */
  static open(fileSystem: FileSystem, options: TransactionLogOptions): TransactionLog {
    if (!Number.isSafeInteger(options.rotationSizeBytes) || options.rotationSizeBytes <= 0) {
      throw new TransactionLogError(
        'GLB_TX_LOG_INVALID_ARGUMENT',
        `the transaction log rotation size is ${options.rotationSizeBytes}; expected a positive number of bytes (dbms.tx_log.rotation.size).`,
      );
    }
    const { files, droppedBytes } = openLogFiles(fileSystem, options.dir, options.logger);
    const scanned = scanLogTail(fileSystem, files[files.length - 1], options.logger);
    return new TransactionLog(fileSystem, options, files, scanned.channel, scanned.end, scanned.last, droppedBytes + scanned.truncatedBytes);
  }

  /**
   * Creates a log in dir, which must hold no log file yet, that continues `startAfter`'s
   * checksum chain: its first entry is tx startAfter.txId + 1 and is chained from
   * startAfter.checksum. A store copy starts its log here, right after the checkpoint its
   * store files hold, so that the source's transactions append with their own ids and checksums.
   */
  static createStartingAfter(fileSystem: FileSystem, options: TransactionLogOptions, startAfter: ChainLink): TransactionLog {
    const existing = fileSystem.list(options.dir).filter((name) => parseLogFileVersion(name) !== undefined);
    if (existing.length > 0) {
      throw new TransactionLogError(
        'GLB_TX_LOG_INVALID_ARGUMENT',
        `cannot start a new transaction log after tx ${startAfter.txId} in ${options.dir}: it already holds ${existing.join(', ')}. ` +
          'Start the new log in an empty directory.',
      );
    }
    checkField('tx id', startAfter.txId);
    checkField('epoch', startAfter.epoch);
    checkField('time', startAfter.timeMs);
    if (!Number.isInteger(startAfter.checksum) || startAfter.checksum < 0 || startAfter.checksum > 0xffff_ffff) {
      throw new TransactionLogError('GLB_TX_LOG_INVALID_ARGUMENT', `cannot start a log after checksum ${startAfter.checksum}: expected a u32.`);
    }
    fileSystem.mkdirs(options.dir);
    const { txId, checksum, epoch, timeMs } = startAfter;
    createLogFile(fileSystem, options.dir, { logVersion: 0, previous: { txId, checksum, epoch, timeMs } });
    return TransactionLog.open(fileSystem, options);
  }

  /** As found by open(). */
  readonly tail: LogTail;

  readonly #fileSystem: FileSystem;
  readonly #options: TransactionLogOptions;
  /** The retained files, oldest first; the last is the one being appended to. Readers hold this array and see rotation and pruning. */
  readonly #files: LogFile[];
  #channel: StoreChannel;
  /** Where the next batch is written in the current file. */
  #position: number;

  /** The last entry serialised by append(), the last written to the file, the last forced. */
  #appended: ChainLink;
  #written: ChainLink;
  #durable: ChainLink;

  #batchBuffers: Buffer[] = [];
  #batchBytes = 0;
  #batchWaiters: Waiter[] = [];
  #scheduled = false;
  #forcing = false;
  readonly #flushCallback = (): void => this.#flush();

  #state: State = 'open';
  #failure: TransactionLogError | undefined;
  #closed: Promise<void> | undefined;
  #resolveClosed: (() => void) | undefined;

  #rotations = 0;
  #appendedBytes = 0;
  #forces = 0;

  private constructor(
    fileSystem: FileSystem,
    options: TransactionLogOptions,
    files: LogFile[],
    channel: StoreChannel,
    position: number,
    last: ChainLink,
    truncatedBytes: number,
  ) {
    this.#fileSystem = fileSystem;
    this.#options = options;
    this.#files = files;
    this.#channel = channel;
    this.#position = position;
    this.#appended = last;
    this.#written = last;
    this.#durable = last;
    this.tail = { lastTxId: last.txId, lastChecksum: last.checksum, lastEpoch: last.epoch, lastTimeMs: last.timeMs, truncatedBytes };
  }

  get lastAppendedTxId(): number {
    return this.#appended.txId;
  }

  get lastDurableTxId(): number {
    return this.#durable.txId;
  }

  /** Of the last appended entry. */
  get lastChecksum(): number {
    return this.#appended.checksum;
  }

  /**
   * Appends the next entry (txId must be lastAppendedTxId + 1, else throws). The promise resolves
   * once the entry is durable; entries appended while an fdatasync is in flight are written and
   * forced together by the next one. Resolution order equals append order.
   *
   * The log keeps `payload` (it is written later, by the flush, and handed back in the
   * result) rather than copying it: do not change it afterwards.
   *
   * A transaction committed by another member (replication) passes the checksum it has
   * there as `expectedChecksum`: when this log's chain would give it another one, the two
   * histories have diverged and nothing is appended (GLB_TX_LOG_DIVERGED).
   */
  append(txId: number, epoch: number, timeMs: number, payload: Buffer, expectedChecksum?: number): Promise<CommittedTransaction> {
    if (this.#state === 'failed') return Promise.reject(this.#failure);
    if (this.#state !== 'open') {
      throw new TransactionLogError('GLB_TX_LOG_CLOSED', `cannot append tx ${txId}: the transaction log in ${this.#options.dir} is closed.`);
    }
    if (txId !== this.#appended.txId + 1) {
      throw new TransactionLogError(
        'GLB_TX_LOG_OUT_OF_ORDER',
        `cannot append tx ${txId}: the log's last tx is ${this.#appended.txId}, so the next must be ${this.#appended.txId + 1}. ` +
          'Transaction ids are gap-free; append them in commit order.',
      );
    }
    checkField('epoch', epoch);
    checkField('time', timeMs);
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new TransactionLogError(
        'GLB_TX_LOG_INVALID_ARGUMENT',
        `cannot append tx ${txId}: its payload of ${payload.length} bytes exceeds the ${MAX_PAYLOAD_BYTES} bytes an entry can hold. Split the transaction.`,
      );
    }

    const header = Buffer.allocUnsafe(LOG_ENTRY_HEADER_SIZE);
    const checksum = writeEntryHeader(header, txId, epoch, timeMs, payload, this.#appended.checksum);
    if (expectedChecksum !== undefined && checksum !== expectedChecksum) {
      throw new TransactionLogError(
        'GLB_TX_LOG_DIVERGED',
        `cannot append tx ${txId}: its checksum is ${expectedChecksum} where it was committed, but ${checksum} after this log's tx ${this.#appended.txId}. ` +
          'This member holds transactions the other does not: its store must be moved aside and copied again.',
      );
    }
    const transaction: CommittedTransaction = { txId, epoch, timeMs, checksum, payload };
    this.#appended = transaction;
    this.#batchBuffers.push(header);
    if (payload.length > 0) this.#batchBuffers.push(payload);
    this.#batchBytes += LOG_ENTRY_HEADER_SIZE + payload.length;
    return new Promise((resolve, reject) => {
      this.#batchWaiters.push({ transaction, resolve, reject });
      if (!this.#scheduled && !this.#forcing) this.#schedule();
    });
  }

  /**
   * Durable entries with txId >= fromTxId, in order, across files (sync iteration, buffered reads).
   * Throws Error with code 'GLB_TX_LOG_PRUNED' when fromTxId is older than the oldest retained.
   * The entries are those durable when read() is called.
   */
  read(fromTxId: number): IterableIterator<CommittedTransaction> {
    if (!Number.isSafeInteger(fromTxId) || fromTxId < 1) {
      throw new TransactionLogError('GLB_TX_LOG_INVALID_ARGUMENT', `cannot read from tx ${fromTxId}: tx ids are integers from 1.`);
    }
    const oldest = this.oldestTxId();
    if (fromTxId < oldest) {
      throw new TransactionLogError(
        'GLB_TX_LOG_PRUNED',
        `cannot read from tx ${fromTxId}: the transaction log keeps transactions from ${oldest} on (${this.#files[0].name}); ` +
          'older log files were pruned under dbms.tx_log.rotation.retention_policy. Copy the whole store instead, ' +
          'or keep more log files.',
      );
    }
    return readLogEntries(this.#fileSystem, this.#files, fromTxId, this.#durable.txId);
  }

  /** Oldest tx id still readable (lastAppendedTxId + 1 when the log holds no entries). */
  oldestTxId(): number {
    return this.#files[0].header.previous.txId + 1;
  }

  /**
   * Deletes whole files that the retention policy lets go and that hold no transaction after
   * checkpointTxId; never the current file. Logs 'log_pruned'. Returns the deleted file names.
   */
  prune(checkpointTxId: number, nowMs: number): string[] {
    const spans: LogFileSpan[] = [];
    for (let i = 0; i < this.#files.length; i++) {
      const file = this.#files[i];
      const current = i === this.#files.length - 1;
      const last = current ? this.#written : this.#files[i + 1].header.previous;
      spans.push({
        lastTxId: last.txId,
        txCount: last.txId - file.header.previous.txId,
        sizeBytes: current ? this.#position : this.#fileSystem.fileSize(file.path),
        lastTimeMs: last.timeMs,
      });
    }
    const count = prunableFileCount(spans, this.#options.retention, checkpointTxId, nowMs);
    if (count === 0) return [];

    const deleted = this.#files.slice(0, count);
    // Drop them from the list before deleting, so a reader moving on meets "pruned", not a missing file.
    this.#files.splice(0, count);
    for (const file of deleted) this.#fileSystem.delete(file.path);
    this.#fileSystem.forceDirectory(this.#options.dir);
    const names = deleted.map((file) => file.name);
    this.#options.logger.info(
      { event: 'log_pruned', files: names, oldestTxId: this.oldestTxId(), checkpointTxId },
      `pruned ${names.length} transaction log file(s); the log now keeps transactions from ${this.oldestTxId()} on`,
    );
    return names;
  }

  /** Walks every retained file and verifies the checksum chain, file headers and tx id continuity. */
  verify(): LogVerification {
    return verifyLogFiles(this.#fileSystem, this.#files);
  }

  stats(): TransactionLogStats {
    return { rotations: this.#rotations, appendedBytes: this.#appendedBytes, forces: this.#forces, files: this.#files.length };
  }

  /** Waits for in-flight appends to become durable, then closes. */
  close(): Promise<void> {
    if (this.#closed !== undefined) return this.#closed;
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    if (this.#state === 'open') this.#state = 'closing';
    if (!this.#scheduled && !this.#forcing) this.#finishClose();
    return this.#closed;
  }

  #schedule(): void {
    this.#scheduled = true;
    setImmediate(this.#flushCallback);
  }

  #flush(): void {
    this.#scheduled = false;
    const buffers = this.#batchBuffers;
    const waiters = this.#batchWaiters;
    const bytes = this.#batchBytes;
    this.#batchBuffers = [];
    this.#batchWaiters = [];
    this.#batchBytes = 0;
    try {
      this.#channel.writev(buffers, this.#position);
    } catch (error) {
      this.#fail(error, 'write to', waiters);
      return;
    }
    this.#position += bytes;
    this.#appendedBytes += bytes;
    this.#written = waiters[waiters.length - 1].transaction;
    this.#forcing = true;
    this.#channel.force().then(
      () => this.#forced(waiters),
      (error: unknown) => this.#fail(error, 'fdatasync', waiters),
    );
  }

  #forced(waiters: readonly Waiter[]): void {
    this.#forcing = false;
    this.#forces++;
    this.#durable = waiters[waiters.length - 1].transaction;
    for (const waiter of waiters) waiter.resolve(waiter.transaction);
    if (this.#position >= this.#options.rotationSizeBytes) {
      try {
        this.#rotate();
      } catch (error) {
        this.#fail(error, 'rotate', []);
        return;
      }
    }
    if (this.#batchWaiters.length > 0) this.#schedule();
    else if (this.#state === 'closing') this.#finishClose();
  }

  #rotate(): void {
    const current = this.#files[this.#files.length - 1];
    const next = createLogFile(this.#fileSystem, this.#options.dir, { logVersion: current.version + 1, previous: this.#written });
    const channel = this.#fileSystem.open(next.path);
    this.#channel.close();
    this.#channel = channel;
    this.#position = LOG_HEADER_SIZE;
    this.#files.push(next);
    this.#rotations++;
    this.#options.logger.info(
      { event: 'log_rotated', file: next.name, lastTxId: this.#written.txId },
      `rotated the transaction log to ${next.name} after ${current.name} reached ${this.#options.rotationSizeBytes} bytes`,
    );
  }

  #fail(cause: unknown, operation: string, waiters: readonly Waiter[]): void {
    this.#forcing = false;
    const file = this.#files[this.#files.length - 1].name;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const failure = new TransactionLogError(
      'GLB_TX_LOG_FAILED',
      `the transaction log could not ${operation} ${file}: ${reason}. Transactions after ${this.#durable.txId} may or may not be on disk, ` +
        'so the log accepts no more commits. Fix the disk, then restart the database: recovery finds what the log really holds.',
      { cause },
    );
    this.#failure = failure;
    const pending = this.#batchWaiters;
    this.#batchBuffers = [];
    this.#batchWaiters = [];
    this.#batchBytes = 0;
    this.#options.logger.error(
      { event: 'log_failed', file, operation, lastDurableTxId: this.#durable.txId, err: cause },
      failure.message,
    );
    for (const waiter of waiters) waiter.reject(failure);
    for (const waiter of pending) waiter.reject(failure);
    const closing = this.#state === 'closing';
    this.#state = 'failed';
    if (closing) this.#finishClose();
  }

  #finishClose(): void {
    this.#channel.close();
    this.#state = 'closed';
    this.#resolveClosed?.();
  }
}

function checkField(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TransactionLogError(
      'GLB_TX_LOG_INVALID_ARGUMENT',
      `cannot append an entry with ${name} ${value}: expected a non-negative safe integer.`,
    );
  }
}
