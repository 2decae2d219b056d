/**
 * The receiving side of a store copy: a new member, one too far behind the master's
 * retained log, or one with a branch.
 *
 *   1. delete leftovers of interrupted copies (<storeDir>.copy-*)
 *   2. write the stream into <storeDir>.copy-<random> (store-copy-writer.ts): files, then
 *      a log that starts after the checkpoint and holds the transactions; all forced
 *   3. set the existing store (if any) aside: delete it, or move it aside as a branch
 *   4. rename the copy to storeDir, force the parent directory
 *
 * A failure in 1-2 (a broken stream, a source that stops, a full disk) deletes the copy
 * and leaves the existing store as it was. After a crash in 3-4 storeDir is missing or
 * empty; the member starts from nothing and copies again, which is safe because the store
 * given up was either behind the master or already set aside.
 *
 * Progress is logged as `store_copy` (store-copy-progress.ts), a failure as `store_copy`
 * with phase 'failed'. The database on storeDir must be closed during the copy, and only
 * one copy may run per storeDir (step 1 deletes any other). GraphDatabase.open on storeDir
 * afterwards recovers from the checkpoint, replaying the transactions received; the member
 * then pulls from lastTxId + 1.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { NodeFileSystem, type FileSystem } from '../io/file-system.js';
import { moveStoreAside, type BranchedDataPolicy } from './move-store-aside.js';
import type { StoreCopyChunk } from './store-copy-chunk.js';
import { StoreCopyError } from './store-copy-error.js';
import { StoreCopyProgressReporter, type StoreCopyProgress } from './store-copy-progress.js';
import { StoreCopyWriter } from './store-copy-writer.js';

export interface ReceiveStoreCopyOptions {
  /** Where the copied store goes (`<data>/databases/<active_database>`). */
  readonly storeDir: string;
  /** dbms.directories.data, for branches. */
  readonly dataDir: string;
  readonly fileSystem?: FileSystem;
  /** Events: store_copy (progress), branch_detected. */
  readonly logger: Logger;
  readonly onProgress?: (progress: StoreCopyProgress) => void;
  /**
   * What becomes of a store already in storeDir: deleted (it was merely behind; the
   * default), or moved aside as a branch per ha.branched_data_policy.
   */
  readonly replacing?: 'delete' | { readonly branch: BranchedDataPolicy; readonly reason: string };
  /** dbms.tx_log.rotation.size for the copy's log; 250 MiB by default. */
  readonly txLogRotationBytes?: number;
}

export interface StoreCopyResult {
  /** The last transaction the copy holds: pull from the next. */
  readonly lastTxId: number;
  /** File and transaction payload bytes received. */
  readonly bytes: number;
  /** Where a replaced branch went (undefined when there was none or it was deleted). */
  readonly branchMovedTo?: string;
}

const DEFAULT_ROTATION_BYTES = 250 * 1024 * 1024;
const COPY_INFIX = '.copy-';

export async function receiveStoreCopy(chunks: AsyncIterable<StoreCopyChunk>, options: ReceiveStoreCopyOptions): Promise<StoreCopyResult> {
  const { storeDir, logger } = options;
  const fileSystem = options.fileSystem ?? new NodeFileSystem();
  deleteLeftoverCopies(fileSystem, storeDir, logger);
  const copyDir = `${storeDir}${COPY_INFIX}${randomBytes(6).toString('hex')}`;
  fileSystem.mkdirs(copyDir);
  const writer = new StoreCopyWriter({
    fileSystem,
    dir: copyDir,
    logger,
    txLogRotationBytes: options.txLogRotationBytes ?? DEFAULT_ROTATION_BYTES,
    progress: (header) =>
      new StoreCopyProgressReporter(logger, options.onProgress, {
        totalBytes: header.files.reduce((sum, file) => sum + file.size, 0),
        checkpointTxId: header.checkpoint.txId,
      }),
  });
  try {
    for await (const chunk of chunks) {
      await writer.accept(chunk);
      if (writer.ended) break;
    }
    if (!writer.ended) {
      throw new StoreCopyError(
        'GLB_STORE_COPY_INVALID_STREAM',
        `the store copy stream stopped after tx ${writer.lastTxId} and ${writer.bytes} bytes without its end chunk: ` +
          'the source went away or failed. Start the copy again.',
      );
    }
  } catch (error) {
    await writer.abort();
    fileSystem.deleteRecursively(copyDir);
    logger.warn(
      { event: 'store_copy', phase: 'failed', storeDir, bytes: writer.bytes, err: error },
      'store copy failed; the copy was deleted and the existing store left as it was',
    );
    throw error;
  }

  let branchMovedTo: string | undefined;
  if (fileSystem.exists(storeDir)) {
    const replacing = options.replacing ?? 'delete';
    if (replacing === 'delete') fileSystem.deleteRecursively(storeDir);
    else {
      branchMovedTo = moveStoreAside({
        storeDir,
        dataDir: options.dataDir,
        policy: replacing.branch,
        logger,
        reason: replacing.reason,
        fileSystem,
      });
    }
  }
  fileSystem.rename(copyDir, storeDir);
  fileSystem.forceDirectory(path.dirname(storeDir));
  return { lastTxId: writer.lastTxId, bytes: writer.bytes, ...(branchMovedTo === undefined ? {} : { branchMovedTo }) };
}

function deleteLeftoverCopies(fileSystem: FileSystem, storeDir: string, logger: Logger): void {
  const parent = path.dirname(storeDir);
  const prefix = path.basename(storeDir) + COPY_INFIX;
  for (const name of fileSystem.list(parent)) {
    if (!name.startsWith(prefix)) continue;
    fileSystem.deleteRecursively(path.join(parent, name));
    logger.info({ event: 'store_copy_leftover_deleted', dir: path.join(parent, name) }, 'deleted the leftover of an interrupted store copy');
  }
}
