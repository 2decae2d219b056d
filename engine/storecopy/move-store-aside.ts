/**
 * A member whose store holds transactions the master does not have (a branch) gives it up
 * for a copy of the master's, keeping it per `ha.branched_data_policy`:
 *
 *   keep_all    moved to <data>/databases/branched/<time>/, earlier branches stay
 *   keep_last   moved there too, earlier branches are deleted
 *   keep_none   deleted
 *
 * Logged at warn as `branch_detected`, since an operator may want to look at what was set
 * aside: it may hold writes the cluster no longer has.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { NodeFileSystem, type FileSystem } from '../io/file-system.js';

export type BranchedDataPolicy = 'keep_all' | 'keep_last' | 'keep_none';

export interface MoveStoreAsideOptions {
  /** The store to set aside; must exist. */
  readonly storeDir: string;
  /** dbms.directories.data: branches go under <dataDir>/databases/branched/. */
  readonly dataDir: string;
  readonly policy: BranchedDataPolicy;
  readonly logger: Logger;
  /** Why, for the log line: what the branch check found. */
  readonly reason: string;
  readonly fileSystem?: FileSystem;
  /** The time that names the branch directory; now by default. */
  readonly nowMs?: number;
}

export function branchedDir(dataDir: string): string {
  return path.join(dataDir, 'databases', 'branched');
}

/** Moves or deletes the store per the policy; returns where it went, undefined when deleted. */
export function moveStoreAside(options: MoveStoreAsideOptions): string | undefined {
  const { storeDir, dataDir, policy, logger, reason } = options;
  const fileSystem = options.fileSystem ?? new NodeFileSystem();
  if (!fileSystem.exists(storeDir)) {
    throw new Error(`cannot move the store ${storeDir} aside: it does not exist. Expected the directory of the branched store.`);
  }
  let movedTo: string | undefined;
  const deleted: string[] = [];
  if (policy === 'keep_none') {
    fileSystem.deleteRecursively(storeDir);
  } else {
    const root = branchedDir(dataDir);
    fileSystem.mkdirs(root);
    movedTo = freshName(fileSystem, root, options.nowMs ?? Date.now());
    fileSystem.rename(storeDir, movedTo);
    if (policy === 'keep_last') {
      for (const name of fileSystem.list(root)) {
        const older = path.join(root, name);
        if (older === movedTo) continue;
        fileSystem.deleteRecursively(older);
        deleted.push(older);
      }
    }
    fileSystem.forceDirectory(root);
  }
  fileSystem.forceDirectory(path.dirname(storeDir));
  logger.warn(
    { event: 'branch_detected', storeDir, movedTo: movedTo ?? null, policy, reason, deletedBranches: deleted },
    movedTo === undefined
      ? `branched store ${storeDir} deleted (ha.branched_data_policy=${policy}): ${reason}`
      : `branched store ${storeDir} moved to ${movedTo} (ha.branched_data_policy=${policy}): ${reason}`,
  );
  return movedTo;
}

/** An ISO time without ':' (not allowed in Windows file names), made unique with a suffix. */
function freshName(fileSystem: FileSystem, root: string, nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replaceAll(':', '-');
  let candidate = path.join(root, stamp);
  for (let n = 1; fileSystem.exists(candidate); n++) candidate = path.join(root, `${stamp}-${n}`);
  return candidate;
}
