/**
 * The log files of a store directory: finding them, reading and checking their headers,
 * creating new ones. The headers are read once, at open, and kept in memory: they are
 * what read() uses to find the file holding a tx, and what pruning uses to know each
 * file's range of tx ids and times without reading the file.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { FileSystem } from '../io/file-system.js';
import { EMPTY_CHAIN } from './chain-link.js';
import { isLeftoverLogFile, logFileName, parseLogFileVersion } from './log-file-name.js';
import { LOG_HEADER_SIZE, decodeLogFileHeader, encodeLogFileHeader } from './log-format.js';
import type { DecodedLogFileHeader, LogFileHeader } from './log-format.js';
import { TransactionLogError } from './transaction-log-error.js';

export interface LogFile {
  readonly version: number;
  readonly name: string;
  readonly path: string;
  readonly header: LogFileHeader;
}

/**
 * Creates the file for `header.logVersion` holding only its header, atomically: after a
 * crash the file either does not exist or has its whole header, and the directory entry
 * is durable before anything is appended to it.
 */
export function createLogFile(fileSystem: FileSystem, dir: string, header: LogFileHeader): LogFile {
  const name = logFileName(header.logVersion);
  const file = path.join(dir, name);
  fileSystem.writeFileAtomic(file, encodeLogFileHeader(header));
  return { version: header.logVersion, name, path: file, header };
}

export function readLogFileHeader(fileSystem: FileSystem, file: string): DecodedLogFileHeader {
  const channel = fileSystem.open(file);
  try {
    const buffer = Buffer.alloc(LOG_HEADER_SIZE);
    return decodeLogFileHeader(buffer, channel.read(buffer, 0, LOG_HEADER_SIZE, 0));
  } finally {
    channel.close();
  }
}

/**
 * The retained log files of `dir`, oldest first, creating file 0 of an empty log when there
 * is none. A newest file whose header cannot be read cannot be continued, since nothing
 * says where its chain starts; it is cut like a torn tail (deleted, counted in
 * `droppedBytes`) and the log goes on in the file before it. Files are created
 * atomically, so a crash alone does not leave such a file. A damaged header anywhere
 * else, a gap in the versions or headers whose chain goes backwards stop the open.
 */
export function openLogFiles(fileSystem: FileSystem, dir: string, logger: Logger): { files: LogFile[]; droppedBytes: number } {
  fileSystem.mkdirs(dir);
  const names = fileSystem.list(dir);
  const versions: number[] = [];
  for (const name of names) {
    if (isLeftoverLogFile(name)) fileSystem.delete(path.join(dir, name));
    const version = parseLogFileVersion(name);
    if (version !== undefined) versions.push(version);
  }
  if (versions.length === 0) {
    return { files: [createLogFile(fileSystem, dir, { logVersion: 0, previous: EMPTY_CHAIN })], droppedBytes: 0 };
  }
  versions.sort((a, b) => a - b);
  for (let i = 1; i < versions.length; i++) {
    if (versions[i] !== versions[0] + i) {
      throw new TransactionLogError(
        'GLB_TX_LOG_CORRUPT',
        `transaction log files in ${dir} skip from ${logFileName(versions[i - 1])} to ${logFileName(versions[i])}: ` +
          'the retained files must have consecutive versions, so transactions are missing. Restore the store from a backup.',
      );
    }
  }

  const newestFirst: LogFile[] = [];
  let droppedBytes = 0;
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i];
    const name = logFileName(version);
    const file = path.join(dir, name);
    const decoded = readLogFileHeader(fileSystem, file);
    const problem = !decoded.ok
      ? decoded.reason
      : decoded.header.logVersion !== version
        ? `the header says log version ${decoded.header.logVersion}`
        : undefined;
    if (decoded.ok && problem === undefined) {
      newestFirst.push({ version, name, path: file, header: decoded.header });
    } else if (newestFirst.length === 0 && i > 0) {
      const truncatedBytes = fileSystem.fileSize(file);
      fileSystem.delete(file);
      droppedBytes += truncatedBytes;
      logger.warn(
        { event: 'log_truncated', file: name, truncatedBytes, reason: problem },
        `deleted transaction log file ${name}: ${problem}; the log continues in ${logFileName(version - 1)}`,
      );
    } else {
      throw new TransactionLogError(
        'GLB_TX_LOG_CORRUPT',
        `transaction log file ${file} cannot be read: ${problem}. Only the newest log file may be cut after a crash; ` +
          'this one holds committed transactions. Restore the store from a backup.',
      );
    }
  }
  if (droppedBytes > 0) fileSystem.forceDirectory(dir);

  const files = newestFirst.reverse();
  for (let i = 1; i < files.length; i++) {
    if (files[i].header.previous.txId < files[i - 1].header.previous.txId) {
      throw new TransactionLogError(
        'GLB_TX_LOG_CORRUPT',
        `transaction log file ${files[i].name} starts after tx ${files[i].header.previous.txId}, before its predecessor ` +
          `${files[i - 1].name} (after tx ${files[i - 1].header.previous.txId}): the files do not form one log. Restore the store from a backup.`,
      );
    }
  }
  return { files, droppedBytes };
}
