/**
 * When a checkpoint is due: `dbms.checkpoint.interval.time` after the last one, or
 * `dbms.checkpoint.interval.tx` transactions after it, whichever comes first. Pure: the
 * caller passes the clock and the positions.
 */
export type CheckpointReason = 'time' | 'tx count' | 'recovery' | 'shutdown' | 'explicit';

export class CheckpointThreshold {
  readonly #intervalMs: number;
  readonly #intervalTx: number;

  constructor(intervalMs: number, intervalTx: number) {
    this.#intervalMs = intervalMs;
    this.#intervalTx = intervalTx;
  }

  /** The reason a checkpoint is due, or undefined when none is. Nothing is due without new transactions. */
  due(lastCheckpointTxId: number, lastCheckpointMs: number, appliedTxId: number, nowMs: number): CheckpointReason | undefined {
    if (appliedTxId <= lastCheckpointTxId) return undefined;
    if (appliedTxId - lastCheckpointTxId >= this.#intervalTx) return 'tx count';
    if (nowMs - lastCheckpointMs >= this.#intervalMs) return 'time';
    return undefined;
  }
}
