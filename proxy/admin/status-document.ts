/**
 * The JSON the admin listener answers on `GET /status`, and what `graphlb status` reads:
 * the cluster as discovery last saw it, with what the forwarder is doing right now.
 * Absent values are `null` (never missing keys), so a reader can rely on the shape.
 */
import type { MemberRole } from '../../protocol/cluster/member-reading.js';
import type { ClusterSnapshot, MemberHealth } from '../discovery/cluster-snapshot.js';

export interface MemberStatusDocument {
  readonly name: string;
  readonly origin: string;
  readonly health: MemberHealth;
  readonly role: MemberRole;
  readonly serving: boolean;
  readonly lastCommittedTxId: number | null;
  readonly lagTx: number | null;
  /** Requests forwarded to the member and not yet answered. */
  readonly inFlight: number;
  /** The member's fraction (0..1) of the reads routed by a shard key since the proxy started; null before the first one. */
  readonly shardShare: number | null;
  /** ISO time of the last completed check; null before the first. */
  readonly lastCheckAt: string | null;
  readonly lastError: string | null;
}

export interface StatusDocument {
  /** The member writes go to; null while there is none. */
  readonly master: string | null;
  readonly members: readonly MemberStatusDocument[];
  readonly holds: { readonly active: number };
  readonly openTransactions: number;
  readonly config: { readonly file: string; readonly loadedAt: string };
  readonly startedAt: string;
}

export interface StatusInputs {
  readonly snapshot: ClusterSnapshot;
  readonly inFlight: ReadonlyMap<string, number>;
  /** Sharded reads per member since start (the graphlb_proxy_sharded_reads_total counter). */
  readonly shardedReads: ReadonlyMap<string, number>;
  readonly activeHolds: number;
  readonly openTransactions: number;
  readonly configFile: string;
  /** Epoch milliseconds. */
  readonly configLoadedAt: number;
  /** Epoch milliseconds. */
  readonly startedAt: number;
}

export function statusDocument(inputs: StatusInputs): StatusDocument {
  let shardedTotal = 0;
  for (const count of inputs.shardedReads.values()) shardedTotal += count;
  return {
    master: inputs.snapshot.master ?? null,
    members: inputs.snapshot.members.map((member) => ({
      name: member.name,
      origin: member.origin,
      health: member.health,
      role: member.role,
      serving: member.serving,
      lastCommittedTxId: member.lastCommittedTxId ?? null,
      lagTx: member.lagTx ?? null,
      inFlight: inputs.inFlight.get(member.name) ?? 0,
      shardShare: shardedTotal === 0 ? null : (inputs.shardedReads.get(member.name) ?? 0) / shardedTotal,
      lastCheckAt: member.lastCheckAt === undefined ? null : new Date(member.lastCheckAt).toISOString(),
      lastError: member.lastError ?? null,
    })),
    holds: { active: inputs.activeHolds },
    openTransactions: inputs.openTransactions,
    config: { file: inputs.configFile, loadedAt: new Date(inputs.configLoadedAt).toISOString() },
    startedAt: new Date(inputs.startedAt).toISOString(),
  };
}

/**
 * `/healthz`: healthy means "writes can go somewhere now", the question a load balancer
 * in front of several proxies (or `graphlb up`) asks. Reads may still be served without a
 * master, but a proxy that cannot take writes should not be the one chosen. Undefined
 * when healthy, else one line saying why not.
 */
export function unhealthyReason(snapshot: ClusterSnapshot): string | undefined {
  if (snapshot.master !== undefined) return undefined;
  if (snapshot.members.length === 0) return 'no master: no members are configured';
  const members = snapshot.members.map((member) => {
    if (member.health === 'down') return `${member.name} down${member.lastError === undefined ? '' : ` (${member.lastError.replace(/\s+/g, ' ')})`}`;
    return `${member.name} ${member.role}`;
  });
  return `no master: ${members.join(', ')}; writes wait up to routing.writeHold for one`;
}
