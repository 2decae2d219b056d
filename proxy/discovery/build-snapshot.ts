/**
 * From each member's last checks to a ClusterSnapshot, pure. The master is the one
 * serving member whose role is master; with two or more, the one of the highest epoch
 * when every one's epoch is known and the highest is unique (graphlb's beans carry the
 * epoch; an old master cut off from the cluster keeps a lower one), otherwise none:
 * writes wait rather than go to a master that may be deposed.
 */
import type { MemberReading } from '../../protocol/cluster/member-reading.js';
import type { ClusterSnapshot, MemberHealth, MemberStatus } from './cluster-snapshot.js';

export interface MemberFacts {
  readonly name: string;
  readonly origin: string;
  readonly health: MemberHealth;
  /** From the last good check; undefined before one. */
  readonly reading: MemberReading | undefined;
  readonly lastCheckAt: number | undefined;
  readonly lastError: string | undefined;
}

export interface BuiltSnapshot {
  readonly snapshot: ClusterSnapshot;
  /** The serving members that say they are master, when there is more than one. */
  readonly splitBrain: readonly string[];
}

function chooseMaster(candidates: readonly MemberFacts[]): string | undefined {
  if (candidates.length === 1) return candidates[0]?.name;
  let best: MemberFacts | undefined;
  let tie = false;
  for (const candidate of candidates) {
    const epoch = candidate.reading?.epoch;
    if (epoch === undefined) return undefined;
    const bestEpoch = best?.reading?.epoch;
    if (bestEpoch === undefined || epoch > bestEpoch) {
      best = candidate;
      tie = false;
    } else if (epoch === bestEpoch) {
      tie = true;
    }
  }
  return tie ? undefined : best?.name;
}

export function buildSnapshot(members: readonly MemberFacts[], at: number): BuiltSnapshot {
  const serving = (member: MemberFacts): boolean => member.health === 'up' && member.reading !== undefined && member.reading.role !== 'unknown';
  const masters = members.filter((member) => serving(member) && member.reading?.role === 'master');
  const master = masters.length === 0 ? undefined : chooseMaster(masters);
  const masterTx = members.find((member) => member.name === master)?.reading?.lastCommittedTxId;
  const statuses: MemberStatus[] = members.map((member) => {
    const tx = member.reading?.lastCommittedTxId;
    let lagTx: number | undefined;
    if (member.name === master) lagTx = 0;
    else if (masterTx !== undefined && tx !== undefined) lagTx = masterTx - tx;
    return Object.freeze({
      name: member.name,
      origin: member.origin,
      health: member.health,
      role: member.reading?.role ?? 'unknown',
      serving: serving(member),
      lastCommittedTxId: tx,
      epoch: member.reading?.epoch,
      lagTx,
      lastCheckAt: member.lastCheckAt,
      lastError: member.lastError,
    });
  });
  return {
    snapshot: Object.freeze({ members: Object.freeze(statuses), master, at }),
    splitBrain: masters.length > 1 ? masters.map((member) => member.name) : [],
  };
}

/**
 * Whether a reader would see a difference (everything but `at` and `lastCheckAt`, which
 * move at every check and would otherwise wake every listener every interval).
 */
export function sameSnapshot(a: ClusterSnapshot, b: ClusterSnapshot): boolean {
  if (a.master !== b.master || a.members.length !== b.members.length) return false;
  return a.members.every((x, index) => {
    const y = b.members[index] as MemberStatus;
    return (
      x.name === y.name &&
      x.origin === y.origin &&
      x.health === y.health &&
      x.role === y.role &&
      x.serving === y.serving &&
      x.lastCommittedTxId === y.lastCommittedTxId &&
      x.epoch === y.epoch &&
      x.lagTx === y.lagTx &&
      x.lastError === y.lastError
    );
  });
}
