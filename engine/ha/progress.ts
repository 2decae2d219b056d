/**
 * What the master knows of each slave's replication progress, and which slaves a commit
 * is pushed to (`ha.tx_push_factor` of them, chosen by `ha.tx_push_strategy`).
 */

export type PushStrategy = 'fixed_ascending' | 'fixed_descending' | 'round_robin';

export interface SlaveProgress {
  readonly id: number;
  readonly lastTxId: number;
  readonly live: boolean;
}

export class ReplicationProgress {
  readonly #slaves = new Map<number, { lastTxId: number; live: boolean }>();
  /** The first slave of the previous round-robin choice; the next choice starts after it. */
  #lastStart: number | undefined;

  /** A slave's last applied tx id as it reported it (a heartbeat or a push acknowledgement). */
  report(slave: number, lastTxId: number): void {
    const entry = this.#slaves.get(slave);
    if (entry === undefined) this.#slaves.set(slave, { lastTxId, live: false });
    else entry.lastTxId = lastTxId;
  }

  /** Whether the slave follows this master and was heard from within the heartbeat timeout. */
  setLive(slave: number, live: boolean): void {
    const entry = this.#slaves.get(slave);
    if (entry === undefined) {
      if (live) this.#slaves.set(slave, { lastTxId: 0, live });
    } else entry.live = live;
  }

  /** Forgets every slave: a new epoch starts with no knowledge of who follows. */
  clear(): void {
    this.#slaves.clear();
    this.#lastStart = undefined;
  }

  slaves(): SlaveProgress[] {
    return [...this.#slaves].map(([id, s]) => ({ id, lastTxId: s.lastTxId, live: s.live })).sort((a, b) => a.id - b.id);
  }

  /** Up to `factor` live slaves to push the next commit to. */
  pushTargets(strategy: PushStrategy, factor: number): number[] {
    if (!Number.isInteger(factor) || factor < 0) {
      throw new RangeError(`ha.tx_push_factor must be a non-negative integer, got ${factor}; set it to 0 (pull only) or more.`);
    }
    const live = this.slaves().filter((s) => s.live).map((s) => s.id);
    const count = Math.min(factor, live.length);
    if (count === 0) return [];
    switch (strategy) {
      case 'fixed_ascending':
        return live.slice(0, count);
      case 'fixed_descending':
        return live.reverse().slice(0, count);
      case 'round_robin': {
        // The cursor is a server id, not an index, so a slave coming or going does not skip others.
        const last = this.#lastStart;
        let startIndex = last === undefined ? 0 : live.findIndex((id) => id > last);
        if (startIndex < 0) startIndex = 0;
        this.#lastStart = live[startIndex];
        return Array.from({ length: count }, (_, i) => live[(startIndex + i) % live.length]!);
      }
    }
  }
}
