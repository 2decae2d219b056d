/**
 * The sending side of a store copy (HA catch-up of a new or far-behind member; online
 * backup). Each iteration is one whole copy from a fresh checkpoint, so a failed copy is
 * restarted by iterating again.
 *
 * Why a live store can be copied without stopping commits: the checkpoint makes the
 * store files hold every transaction up to tx C. While the files are then read, commits
 * go on and the page cache may write some of their pages back, so a file read later can
 * hold changes of transactions after C; never of one the log could lose, because pages
 * change only after their transaction's log entry is forced. The copy then carries every
 * transaction after C, and the target's recovery replays them onto the files. Replaying an
 * after-image the file already holds changes nothing — the same property crash recovery
 * relies on — so the result is the source's store as of the last transaction sent.
 *
 * `neostore` and the .id files are read in the same tick as the checkpoint (the
 * checkpoint rewrites them whole; a later one could otherwise hand out a `neostore`
 * whose checkpoint is past the files). Record files are read up to their size at the
 * checkpoint; records beyond it were created after C and come back by replay.
 *
 * If a later checkpoint prunes the log after C before it was read, the copy fails with
 * GLB_STORE_COPY_LOG_PRUNED: start it again.
 */
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { GraphDatabase } from '../database.js';
import { NodeFileSystem, type FileSystem } from '../io/file-system.js';
import { decodeMetaData, META_DATA_FILE } from '../store/meta-data-store.js';
import type { CommittedTransaction } from '../txlog/transaction-log.js';
import { TransactionLogError } from '../txlog/transaction-log-error.js';
import type { StoreCopyChunk, StoreCopyHeader } from './store-copy-chunk.js';
import { StoreCopyError } from './store-copy-error.js';
import { isSnapshotFile, storeFileNames } from './store-files.js';

export interface StoreCopySourceOptions {
  /** The directory `database` was opened on (DatabaseOptions.storeDir). */
  readonly storeDir: string;
  /** The one `database` was opened with; the operating system's by default. */
  readonly fileSystem?: FileSystem;
  /** Events: store_copy_served (phase start, done, failed). */
  readonly logger: Logger;
  /** Bytes per file chunk, 1 MiB by default. */
  readonly chunkBytes?: number;
}

export type StoreCopySource = AsyncIterable<StoreCopyChunk>;

const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export function createStoreCopySource(database: GraphDatabase, options: StoreCopySourceOptions): StoreCopySource {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes <= 0) {
    throw new RangeError(`a store copy chunk of ${chunkBytes} bytes: expected a positive integer number of bytes.`);
  }
  const fileSystem = options.fileSystem ?? new NodeFileSystem();
  return { [Symbol.asyncIterator]: () => streamCopy(database, fileSystem, options, chunkBytes) };
}

async function* streamCopy(
  database: GraphDatabase,
  fileSystem: FileSystem,
  options: StoreCopySourceOptions,
  chunkBytes: number,
): AsyncGenerator<StoreCopyChunk, void, undefined> {
  const { logger, storeDir } = options;
  const started = performance.now();
  const { header, snapshots } = checkpointAndSnapshot(database, fileSystem, storeDir);
  const checkpointTxId = header.checkpoint.txId;
  const totalBytes = header.files.reduce((sum, file) => sum + file.size, 0);
  logger.info(
    { event: 'store_copy_served', phase: 'start', storeId: header.storeId, checkpointTxId, files: header.files.length, totalBytes },
    `serving a store copy from the checkpoint at tx ${checkpointTxId}: ${header.files.length} files, ${totalBytes} bytes`,
  );
  let lastTxId = checkpointTxId;
  try {
    yield header;
    for (const file of header.files) {
      const snapshot = snapshots.get(file.name);
      if (snapshot !== undefined) {
        for (let offset = 0; offset < snapshot.length; offset += chunkBytes) {
          yield { kind: 'file', name: file.name, offset, bytes: snapshot.subarray(offset, offset + chunkBytes) };
        }
      } else {
        yield* readFileChunks(fileSystem, path.join(storeDir, file.name), file.size, chunkBytes);
      }
    }
    let sinceYield = 0;
    for (const transaction of readLogAfter(database, checkpointTxId)) {
      yield { kind: 'tx', transaction };
      lastTxId = transaction.txId;
      sinceYield += transaction.payload.length;
      // Fairness: the serving process keeps committing and answering while it streams.
      if (sinceYield >= chunkBytes) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
    // Logged first: a receiver stops iterating once it has the end chunk.
    logger.info(
      { event: 'store_copy_served', phase: 'done', checkpointTxId, lastTxId, durationMs: Math.round(performance.now() - started) },
      `served a store copy up to tx ${lastTxId}`,
    );
    yield { kind: 'end', lastTxId };
  } catch (error) {
    logger.warn({ event: 'store_copy_served', phase: 'failed', checkpointTxId, lastTxId, err: error }, 'serving a store copy failed');
    throw error;
  }
}

/**
 * Checkpoints and, without yielding, reads what the checkpoint wrote whole, so that they
 * describe exactly that checkpoint.
 */
function checkpointAndSnapshot(
  database: GraphDatabase,
  fileSystem: FileSystem,
  storeDir: string,
): { header: StoreCopyHeader; snapshots: Map<string, Buffer> } {
  const checkpointTxId = database.checkpoint();
  const snapshots = new Map<string, Buffer>();
  const files = storeFileNames().map((name) => {
    const file = path.join(storeDir, name);
    if (!fileSystem.exists(file)) {
      throw new StoreCopyError(
        'GLB_STORE_COPY_SOURCE',
        `cannot copy the store: ${file} does not exist. Expected the store directory the database was opened on; pass that as storeDir.`,
      );
    }
    if (!isSnapshotFile(name)) return { name, size: fileSystem.fileSize(file) };
    const bytes = fileSystem.readFile(file);
    snapshots.set(name, bytes);
    return { name, size: bytes.length };
  });
  const metaFile = path.join(storeDir, META_DATA_FILE);
  const meta = decodeMetaData(metaFile, snapshots.get(META_DATA_FILE)!);
  if (meta.storeId !== database.storeId || meta.checkpointTxId !== checkpointTxId) {
    throw new StoreCopyError(
      'GLB_STORE_COPY_SOURCE',
      `cannot copy the store: ${metaFile} belongs to store ${meta.storeId} checkpointed at tx ${meta.checkpointTxId}, ` +
        `but the database being copied is store ${database.storeId}, just checkpointed at tx ${checkpointTxId}. ` +
        'Pass the directory the database was opened on as storeDir.',
    );
  }
  const checkpoint = { txId: meta.checkpointTxId, checksum: meta.checkpointChecksum, epoch: meta.checkpointEpoch, timeMs: meta.checkpointTimeMs };
  return { header: { kind: 'header', storeId: meta.storeId, checkpoint, files }, snapshots };
}

async function* readFileChunks(fileSystem: FileSystem, file: string, size: number, chunkBytes: number): AsyncGenerator<StoreCopyChunk, void, undefined> {
  const name = path.basename(file);
  const channel = fileSystem.open(file);
  try {
    for (let offset = 0; offset < size; offset += chunkBytes) {
      const bytes = Buffer.allocUnsafe(Math.min(chunkBytes, size - offset));
      const read = channel.read(bytes, 0, bytes.length, offset);
      if (read < bytes.length) {
        throw new StoreCopyError(
          'GLB_STORE_COPY_SOURCE',
          `cannot copy ${file}: it had ${size} bytes at the checkpoint but ends at ${offset + read} now; store files never shrink, ` +
            'so something else changed the store directory. Stop it and copy again.',
        );
      }
      yield { kind: 'file', name, offset, bytes };
      await yieldToEventLoop();
    }
  } finally {
    channel.close();
  }
}

function* readLogAfter(database: GraphDatabase, checkpointTxId: number): Generator<CommittedTransaction, void, undefined> {
  try {
    yield* database.transactionLog.read(checkpointTxId + 1);
  } catch (error) {
    if (error instanceof TransactionLogError && error.code === 'GLB_TX_LOG_PRUNED') {
      throw new StoreCopyError(
        'GLB_STORE_COPY_LOG_PRUNED',
        `the store copy needs the transactions after its checkpoint at tx ${checkpointTxId}, but a later checkpoint pruned them ` +
          'while the store files were being sent. Start the copy again (it takes a new checkpoint), or keep more log files ' +
          '(dbms.tx_log.rotation.retention_policy).',
        { cause: error },
      );
    }
    throw error;
  }
}
