/**
 * Streams committed transactions from a tx id onward, across files: what replication and
 * incremental backup pull. Synchronous and lazy: a file is opened when the iteration
 * reaches it and closed when it moves on or stops.
 *
 * The reader verifies the checksum chain as it goes, so it never hands out a damaged
 * entry. It sees the live list of retained files, so a file pruned before the iteration
 * reaches it ends the iteration with GLB_TX_LOG_PRUNED instead of reading a hole.
 */
import type { FileSystem } from '../io/file-system.js';
import type { ChainLink } from './chain-link.js';
import { LogEntryCursor, describeStop } from './log-entry-cursor.js';
import type { LogFile } from './log-files.js';
import { LOG_HEADER_SIZE } from './log-format.js';
import type { CommittedTransaction } from './transaction-log.js';
import { TransactionLogError } from './transaction-log-error.js';

/** Index of the file holding `txId`: the last one whose header's previous tx id is below it. */
export function fileIndexOf(files: readonly LogFile[], txId: number): number {
  let low = 0;
  let high = files.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (files[middle].header.previous.txId < txId) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Entries `fromTxId..upToTxId` from `files` (the log's live list, oldest first); the caller
 * has checked that `fromTxId` is retained.
 */
export function* readLogEntries(
  fileSystem: FileSystem,
  files: readonly LogFile[],
  fromTxId: number,
  upToTxId: number,
): Generator<CommittedTransaction, void, undefined> {
  if (fromTxId > upToTxId) return;
  let version = files[fileIndexOf(files, fromTxId)].version;
  let link: ChainLink | undefined;
  for (;;) {
    const file = retainedFile(fileSystem, files, version, fromTxId, upToTxId);
    if (link !== undefined && (file.header.previous.txId !== link.txId || file.header.previous.checksum !== link.checksum)) {
      throw new TransactionLogError(
        'GLB_TX_LOG_CORRUPT',
        `transaction log file ${file.name} continues from tx ${file.header.previous.txId} (checksum ${file.header.previous.checksum}), ` +
          `but the file before it ends at tx ${link.txId} (checksum ${link.checksum}). Run verify() and restore the store from a backup.`,
      );
    }
    const channel = fileSystem.open(file.path);
    try {
      const cursor = new LogEntryCursor(channel, LOG_HEADER_SIZE, channel.size(), file.header.previous);
      while (cursor.next()) {
        if (cursor.txId >= fromTxId) {
          yield { txId: cursor.txId, epoch: cursor.epoch, timeMs: cursor.timeMs, checksum: cursor.checksum, payload: Buffer.from(cursor.payload) };
        }
        if (cursor.txId >= upToTxId) return;
      }
      if (cursor.stop !== 'end' && cursor.stop !== undefined) {
        throw new TransactionLogError(
          'GLB_TX_LOG_CORRUPT',
          `cannot read tx ${cursor.txId + 1} from transaction log file ${file.name} at byte ${cursor.position}: ${describeStop(cursor.stop)}. ` +
            'Run verify() and restore the store from a backup.',
        );
      }
      link = { txId: cursor.txId, checksum: cursor.checksum, epoch: cursor.epoch, timeMs: cursor.timeMs };
    } finally {
      channel.close();
    }
    version++;
  }
}

function retainedFile(fileSystem: FileSystem, files: readonly LogFile[], version: number, fromTxId: number, upToTxId: number): LogFile {
  const oldest = files[0];
  if (version < oldest.version) {
    throw new TransactionLogError(
      'GLB_TX_LOG_PRUNED',
      `transactions from ${fromTxId} were pruned while being read: the oldest retained log file is now ${oldest.name} ` +
        `(from tx ${oldest.header.previous.txId + 1}). Read again from there, or copy the whole store.`,
    );
  }
  const file = files[version - oldest.version];
  if (file === undefined || !fileSystem.exists(file.path)) {
    throw new TransactionLogError(
      'GLB_TX_LOG_CORRUPT',
      `transaction log file version ${version} is missing, but transactions up to ${upToTxId} were committed after it. ` +
        'Restore the store from a backup.',
    );
  }
  return file;
}
