/**
 * When the master reached each transaction id, as the monitor saw it: the basis of a
 * member's lag in seconds.
 *
 * Lag in seconds is how long the member's data has been stale: the time since the master
 * first held a transaction the member has not applied yet. With the member at tx `m`, that
 * is `now - t`, where `t` is the first round in which the monitor saw the master's last
 * committed tx id above `m`. It is 0 when the member has everything the master has. The
 * value is rounded down to the round: the master passed `m` somewhere between the round
 * before `t` and `t`, so the true lag is at most one monitor interval more.
 *
 * Only the rounds in which the master's tx id changed are kept (change points), in a ring of
 * fixed capacity, so that a quiet cluster costs nothing and a busy one keeps the last
 * `capacity` changes (one per round at most: at interval 1s the default keeps the last hour
 * of a cluster that commits every second). When the master passed `m` before the oldest
 * change point kept, the lag is the age of that oldest point and `lowerBound` says the true
 * lag may be larger.
 *
 * The ids are assumed to grow. A master whose id is lower than the last one recorded (a new
 * master elected with fewer transactions; its store wins and the others' extra transactions
 * are a branch) starts the history afresh.
 */

export interface LagSeconds {
  readonly seconds: number;
  /** The master passed the member's tx id before the oldest change point kept. */
  readonly lowerBound: boolean;
}

const caughtUp: LagSeconds = { seconds: 0, lowerBound: false };

export class MasterTxHistory {
  readonly #capacity: number;
  /** Epoch ms of the round that first saw txIds[i]; a ring starting at #start. */
  readonly #times: Float64Array;
  readonly #txIds: Float64Array;
  #start = 0;
  #length = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(`the master tx history capacity must be an integer of at least 2 (change points kept); got ${capacity}`);
    }
    this.#capacity = capacity;
    this.#times = new Float64Array(capacity);
    this.#txIds = new Float64Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** The newest tx id recorded, undefined when empty. */
  get latest(): number | undefined {
    return this.#length === 0 ? undefined : this.#txIds[this.#slot(this.#length - 1)];
  }

  /** Records the master's tx id seen in the round at `at` (epoch ms). */
  record(at: number, txId: number): void {
    const latest = this.latest;
    if (latest === txId) return;
    if (latest !== undefined && txId < latest) {
      this.#start = 0;
      this.#length = 0;
    }
    if (this.#length === this.#capacity) {
      this.#start = (this.#start + 1) % this.#capacity;
      this.#length--;
    }
    const slot = this.#slot(this.#length);
    this.#times[slot] = at;
    this.#txIds[slot] = txId;
    this.#length++;
  }

  /** The lag in seconds at `now` of a member that has applied up to `memberTxId`. */
  lagSeconds(memberTxId: number, now: number): LagSeconds {
    const latest = this.latest;
    if (latest === undefined || memberTxId >= latest) return caughtUp;
    // Binary search for the first change point above memberTxId (the ids grow).
    let low = 0;
    let high = this.#length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#txIds[this.#slot(middle)]! > memberTxId) high = middle;
      else low = middle + 1;
    }
    const seconds = Math.max(0, now - this.#times[this.#slot(low)]!) / 1000;
    return { seconds, lowerBound: low === 0 };
  }

  #slot(index: number): number {
    return (this.#start + index) % this.#capacity;
  }
}
