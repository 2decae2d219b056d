/**
 * Checks the whole retained log from disk, trusting nothing held in memory: every file's
 * header, that each file continues exactly where the one before it ended (tx id and
 * checksum), every entry's checksum and tx id, and that no bytes follow the last entry.
 */
import type { FileSystem } from '../io/file-system.js';
import type { ChainLink } from './chain-link.js';
import { LogEntryCursor, describeStop } from './log-entry-cursor.js';
import { readLogFileHeader } from './log-files.js';
import type { LogFile } from './log-files.js';
import { LOG_HEADER_SIZE } from './log-format.js';

export type LogVerification =
  | { readonly ok: true; readonly firstTxId: number; readonly lastTxId: number }
  | { readonly ok: false; readonly txId: number; readonly reason: string };

export function verifyLogFiles(fileSystem: FileSystem, files: readonly LogFile[]): LogVerification {
  let link: ChainLink | undefined;
  for (const file of files) {
    const expectedTxId = (link ?? file.header.previous).txId + 1;
    if (!fileSystem.exists(file.path)) return { ok: false, txId: expectedTxId, reason: `log file ${file.name} is missing` };
    const decoded = readLogFileHeader(fileSystem, file.path);
    if (!decoded.ok) return { ok: false, txId: expectedTxId, reason: `log file ${file.name}: ${decoded.reason}` };
    const header = decoded.header;
    if (header.logVersion !== file.version) {
      return { ok: false, txId: expectedTxId, reason: `log file ${file.name}: the header says log version ${header.logVersion}` };
    }
    if (link !== undefined && !sameLink(header.previous, link)) {
      return {
        ok: false,
        txId: expectedTxId,
        reason:
          `log file ${file.name} continues from tx ${header.previous.txId} (checksum ${header.previous.checksum}, epoch ${header.previous.epoch}), ` +
          `but the file before it ends at tx ${link.txId} (checksum ${link.checksum}, epoch ${link.epoch})`,
      };
    }
    const channel = fileSystem.open(file.path);
    try {
      const cursor = new LogEntryCursor(channel, LOG_HEADER_SIZE, channel.size(), header.previous);
      while (cursor.next());
      if (cursor.stop !== 'end' && cursor.stop !== undefined) {
        return { ok: false, txId: cursor.txId + 1, reason: `log file ${file.name} at byte ${cursor.position}: ${describeStop(cursor.stop)}` };
      }
      link = { txId: cursor.txId, checksum: cursor.checksum, epoch: cursor.epoch, timeMs: cursor.timeMs };
    } finally {
      channel.close();
    }
  }
  const first = files[0].header.previous.txId + 1;
  return { ok: true, firstTxId: first, lastTxId: link === undefined ? first - 1 : link.txId };
}

function sameLink(a: ChainLink, b: ChainLink): boolean {
  return a.txId === b.txId && a.checksum === b.checksum && a.epoch === b.epoch && a.timeMs === b.timeMs;
}
