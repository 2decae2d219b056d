/**
 * Whether a member's history is a prefix of the master's, decided from the checksum
 * chain: each checksum covers every transaction before it, so equal checksums at one tx
 * id mean equal histories up to it. Pure: the caller fetches the checksums.
 *
 *   local beyond the master's last tx      branched (it holds transactions the master lacks)
 *   local at tx 0                          same history (an empty store is everyone's prefix)
 *   checksums at local's last tx differ    branched
 *   master no longer has that checksum     undecided (its log was pruned: the member needs a
 *                                          store copy anyway; keeping its store aside is safe)
 *   otherwise                              same history: pull from local's last tx + 1
 */

export interface TransactionHistory {
  readonly lastTxId: number;
  /** The chained checksum of transaction txId, undefined when no longer known (pruned). */
  checksumAt(txId: number): number | undefined;
}

export type BranchVerdict =
  | { readonly verdict: 'same_history' }
  | { readonly verdict: 'branched'; readonly atTxId: number; readonly reason: string }
  | { readonly verdict: 'undecided'; readonly atTxId: number; readonly reason: string };

export function detectBranch(local: TransactionHistory, master: TransactionHistory): BranchVerdict {
  if (local.lastTxId > master.lastTxId) {
    return {
      verdict: 'branched',
      atTxId: master.lastTxId + 1,
      reason: `this member has transactions up to ${local.lastTxId}, the master only up to ${master.lastTxId}`,
    };
  }
  const txId = local.lastTxId;
  if (txId === 0) return { verdict: 'same_history' };
  const mine = local.checksumAt(txId);
  const theirs = master.checksumAt(txId);
  if (mine === undefined || theirs === undefined) {
    return {
      verdict: 'undecided',
      atTxId: txId,
      reason: `the checksum of tx ${txId} is no longer known to ${mine === undefined ? 'this member' : 'the master'} (its log was pruned)`,
    };
  }
  if (mine !== theirs) {
    return { verdict: 'branched', atTxId: txId, reason: `tx ${txId} has checksum ${mine} here and ${theirs} on the master` };
  }
  return { verdict: 'same_history' };
}
