/**
 * Start-up recovery: the store files hold every transaction up to the last checkpoint
 * (and maybe some after it, from pages written back since); the log holds every
 * acknowledged transaction, its torn tail already cut by TransactionLog.open. Replaying
 * the after-images of every transaction after the checkpoint, in order, brings the
 * store to the end of the log; replaying one the store already has changes nothing.
 */
import type { Logger } from 'pino';
import type { NeoStores } from '../store/neo-stores.js';
import { decodePayload } from '../store/record-command.js';
import type { AppliedPosition } from '../tx/commit-pipeline.js';
import type { TransactionLog } from '../txlog/transaction-log.js';

export interface RecoveryResult {
  /** Where the store stands afterwards: the last transaction of the log. */
  readonly applied: AppliedPosition;
  readonly replayed: number;
  readonly durationMs: number;
}

export function recover(stores: NeoStores, log: TransactionLog, logger: Logger): RecoveryResult {
  const started = performance.now();
  const meta = stores.metaData.read();
  const tail = log.tail;
  if (tail.lastTxId < meta.checkpointTxId) {
    throw new Error(
      `The store was checkpointed at transaction ${meta.checkpointTxId} but the transaction log ends at ${tail.lastTxId}: ` +
        'log files are missing. Restore the log files or the store from a backup.',
    );
  }
  let applied: AppliedPosition = {
    txId: meta.checkpointTxId,
    checksum: meta.checkpointChecksum,
    epoch: meta.checkpointEpoch,
    timeMs: meta.checkpointTimeMs,
  };
  let replayed = 0;
  if (tail.lastTxId > meta.checkpointTxId) {
    logger.info({ event: 'recovery_started', fromTxId: meta.checkpointTxId + 1, toTxId: tail.lastTxId }, 'recovering transactions after the last checkpoint');
    for (const tx of log.read(meta.checkpointTxId + 1)) {
      stores.apply(decodePayload(tx.payload).commands);
      applied = { txId: tx.txId, checksum: tx.checksum, epoch: tx.epoch, timeMs: tx.timeMs };
      replayed++;
    }
    // Ids handed out after the checkpoint were not written anywhere: count them again.
    stores.rebuildIdGenerators();
  } else if (tail.lastTxId > 0) {
    applied = { txId: tail.lastTxId, checksum: tail.lastChecksum, epoch: tail.lastEpoch, timeMs: tail.lastTimeMs };
  }
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  if (replayed > 0 || tail.truncatedBytes > 0) {
    logger.info(
      { event: 'recovery', replayed, lastTxId: applied.txId, truncatedBytes: tail.truncatedBytes, durationMs },
      `recovered ${replayed} transactions in ${durationMs} ms`,
    );
  }
  return { applied, replayed, durationMs };
}
