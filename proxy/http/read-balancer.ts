/**
 * Where a read goes (issue 5): to a serving slave no further behind the master than
 * routing.maxLagTx (to the master as well with `reads: all`), and with bookmarks only to
 * members that have applied them; to the master when none qualifies (a fallback); with a
 * shard key, to the ring's member among those; else by routing.balance.
 *
 * The eligible list for a snapshot is worked out once and reused until the snapshot
 * changes (reads without bookmarks and without a failed member, the common case).
 */
import type { Balance, ProxyConfig } from '../config/proxy-config.js';
import type { ClusterSnapshot, MemberStatus } from '../discovery/cluster-snapshot.js';
import { ShardRing } from '../routing/shard-ring.js';

export interface ReadChoice {
  readonly member: string;
  /** No member qualified and the master took it. */
  readonly fallback: boolean;
  /** Chosen by the shard ring. */
  readonly sharded: boolean;
}

/** Members a request already failed on, with the time they failed: skipped in snapshots no newer than that. */
export type FailedMembers = ReadonlyMap<string, number>;

interface Eligible {
  readonly list: readonly string[];
  readonly set: ReadonlySet<string>;
}

export class ReadBalancer {
  readonly #known: ReadonlySet<string>;
  readonly #allMembers: boolean;
  readonly #maxLagTx: number;
  readonly #balance: Balance;
  readonly #ring: ShardRing;
  #next = 0;
  #cachedFor: ClusterSnapshot | undefined;
  #cached: Eligible = { list: [], set: new Set() };

  constructor(config: ProxyConfig) {
    const names = config.cluster.members.map((member) => member.name);
    this.#known = new Set(names);
    this.#allMembers = config.routing.reads === 'all';
    this.#maxLagTx = config.routing.maxLagTx;
    this.#balance = config.routing.balance;
    this.#ring = new ShardRing(names, { vnodes: config.sharding.vnodes, loadFactor: config.sharding.loadFactor, pins: config.sharding.pins });
  }

  choose(snapshot: ClusterSnapshot, minTxId: number, shardKey: string | undefined, failed: FailedMembers | undefined, inFlight: (member: string) => number): ReadChoice | undefined {
    const eligible = minTxId === 0 && failed === undefined ? this.#eligibleCached(snapshot) : this.#eligible(snapshot, minTxId, failed);
    if (eligible.list.length === 0) {
      const master = snapshot.master;
      if (master === undefined || !this.#known.has(master) || isFailed(failed, master, snapshot)) return undefined;
      return { member: master, fallback: true, sharded: false };
    }
    if (shardKey !== undefined) {
      const member = this.#ring.pick(shardKey, eligible.set, inFlight);
      if (member !== undefined) return { member, fallback: false, sharded: true };
    }
    return { member: this.#balanced(eligible.list, inFlight), fallback: false, sharded: false };
  }

  #balanced(list: readonly string[], inFlight: (member: string) => number): string {
    const start = this.#next++ % list.length;
    if (this.#next >= Number.MAX_SAFE_INTEGER) this.#next = 0;
    if (this.#balance === 'round-robin') return list[start]!;
    // Least outstanding; the rotating start breaks ties round-robin.
    let best = list[start]!;
    let bestLoad = inFlight(best);
    for (let i = 1; i < list.length && bestLoad > 0; i++) {
      const member = list[(start + i) % list.length]!;
      const load = inFlight(member);
      if (load < bestLoad) {
        best = member;
        bestLoad = load;
      }
    }
    return best;
  }

  #eligibleCached(snapshot: ClusterSnapshot): Eligible {
    if (this.#cachedFor !== snapshot) {
      this.#cached = this.#eligible(snapshot, 0, undefined);
      this.#cachedFor = snapshot;
    }
    return this.#cached;
  }

  #eligible(snapshot: ClusterSnapshot, minTxId: number, failed: FailedMembers | undefined): Eligible {
    const list: string[] = [];
    for (const member of snapshot.members) {
      if (this.#serves(member, snapshot, minTxId) && !isFailed(failed, member.name, snapshot)) list.push(member.name);
    }
    return { list, set: new Set(list) };
  }

  #serves(member: MemberStatus, snapshot: ClusterSnapshot, minTxId: number): boolean {
    if (!member.serving || !this.#known.has(member.name)) return false;
    if (member.role !== 'slave' && !(this.#allMembers && member.name === snapshot.master)) return false;
    // An unknown lag (a flavor without tx ids) counts as none, as member-reading.ts says.
    if (member.lagTx !== undefined && member.lagTx > this.#maxLagTx) return false;
    return minTxId === 0 || (member.lastCommittedTxId !== undefined && member.lastCommittedTxId >= minTxId);
  }
}

export function isFailed(failed: FailedMembers | undefined, member: string, snapshot: ClusterSnapshot): boolean {
  const at = failed?.get(member);
  return at !== undefined && snapshot.at <= at;
}
