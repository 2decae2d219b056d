/**
 * The chained checksum a transaction log holds for one tx id, for the branch check
 * (engine/storecopy/detect-branch.ts): undefined when the log no longer holds it (pruned,
 * or the checkpoint a store copy started from) or never held it.
 */
import type { TransactionLog } from '../../txlog/transaction-log.js';

export function checksumAt(log: TransactionLog, txId: number): number | undefined {
  if (txId < 1 || txId > log.lastAppendedTxId) return undefined;
  if (txId === log.lastAppendedTxId) return log.lastChecksum;
  try {
    for (const transaction of log.read(txId)) return transaction.txId === txId ? transaction.checksum : undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'GLB_TX_LOG_PRUNED') return undefined;
    throw error;
  }
  return undefined;
}
