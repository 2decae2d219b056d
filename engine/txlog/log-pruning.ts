/**
 * Which log files the retention policy lets go: a pure decision over what the headers and
 * file sizes say, so each policy form can be tested without a disk.
 *
 * Only a run of the oldest files is ever deleted, never one from the middle: read() and
 * replication need the retained files to form one unbroken chain. Whatever the policy,
 * the current (newest) file stays, and so does every file holding a transaction after the
 * checkpoint, because recovery replays from there.
 */
import type { RetentionPolicy } from './retention-policy.js';

/** What pruning needs to know about one log file. */
export interface LogFileSpan {
  /** Tx id of the file's last entry; the header's previous tx id when it holds none. */
  readonly lastTxId: number;
  /** How many entries the file holds. */
  readonly txCount: number;
  readonly sizeBytes: number;
  /** Time of the file's last entry; the header's previous time when it holds none. */
  readonly lastTimeMs: number;
}

/**
 * How many of the oldest files may be deleted. `files` are oldest first and the last one is
 * the current file.
 */
export function prunableFileCount(
  files: readonly LogFileSpan[],
  policy: RetentionPolicy,
  checkpointTxId: number,
  nowMs: number,
): number {
  const allowed = Math.min(policyAllows(files, policy, nowMs), files.length - 1);
  let count = 0;
  while (count < allowed && files[count].lastTxId <= checkpointTxId) count++;
  return count;
}

/** How many of the oldest files the policy alone would let go, before the checkpoint and the current file have their say. */
function policyAllows(files: readonly LogFileSpan[], policy: RetentionPolicy, nowMs: number): number {
  switch (policy.kind) {
    case 'all':
      return 0;
    case 'none':
      return files.length;
    case 'files':
      return Math.max(0, files.length - policy.count);
    case 'size': {
      // The newest files whose sizes add up to no more than the limit stay; the file that
      // would cross it and everything older go.
      let total = files[files.length - 1].sizeBytes;
      let kept = 1;
      while (kept < files.length) {
        total += files[files.length - 1 - kept].sizeBytes;
        if (total > policy.bytes) break;
        kept++;
      }
      return files.length - kept;
    }
    case 'txs': {
      // The newest files stay until they cover the wanted number of transactions.
      let covered = 0;
      let kept = 0;
      while (kept < files.length && covered < policy.count) {
        covered += files[files.length - 1 - kept].txCount;
        kept++;
      }
      return files.length - kept;
    }
    case 'age': {
      const cutoff = nowMs - policy.milliseconds;
      let count = 0;
      while (count < files.length && files[count].lastTimeMs <= cutoff) count++;
      return count;
    }
  }
}
