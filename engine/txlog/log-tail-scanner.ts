/**
 * Finds where the log really ends after a crash (Neo4j's LogTailScanner and
 * CorruptedLogsTruncator in one step): scans the newest file from its header and cuts
 * everything from the first invalid entry on. Only the newest file can hold a torn
 * tail, because a file is only left behind by rotation after its last entry was forced.
 */
import type { Logger } from 'pino';
import type { FileSystem, StoreChannel } from '../io/file-system.js';
import type { ChainLink } from './chain-link.js';
import { LogEntryCursor, describeStop } from './log-entry-cursor.js';
import type { LogFile } from './log-files.js';
import { LOG_HEADER_SIZE } from './log-format.js';

export interface ScannedTail {
  /** The newest file, open; appends write at `end`. */
  readonly channel: StoreChannel;
  readonly end: number;
  /** The last valid entry; the header's previous link when the file holds none. */
  readonly last: ChainLink;
  readonly truncatedBytes: number;
}

export function scanLogTail(fileSystem: FileSystem, file: LogFile, logger: Logger): ScannedTail {
  const channel = fileSystem.open(file.path);
  try {
    const size = channel.size();
    const cursor = new LogEntryCursor(channel, LOG_HEADER_SIZE, size, file.header.previous);
    while (cursor.next());
    const last: ChainLink = { txId: cursor.txId, checksum: cursor.checksum, epoch: cursor.epoch, timeMs: cursor.timeMs };
    let truncatedBytes = 0;
    if (cursor.stop !== 'end' && cursor.stop !== undefined) {
      truncatedBytes = size - cursor.position;
      channel.truncate(cursor.position);
      channel.forceSync();
      logger.warn(
        { event: 'log_truncated', file: file.name, txId: last.txId + 1, position: cursor.position, truncatedBytes, reason: cursor.stop },
        `cut ${truncatedBytes} bytes off transaction log file ${file.name} at byte ${cursor.position}: ${describeStop(cursor.stop)}. ` +
          `The log now ends at tx ${last.txId}; appends continue with tx ${last.txId + 1}.`,
      );
    }
    return { channel, end: cursor.position, last, truncatedBytes };
  } catch (error) {
    channel.close();
    throw error;
  }
}
