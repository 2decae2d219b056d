/**
 * The High Availability bean's content from the core's view of the cluster: roles as
 * Neo4j writes them ('master', 'slave', 'UNKNOWN'), heartbeat ages in milliseconds, and
 * the uris each member announced (member_info).
 */
import type { HighAvailabilityInfo } from '../../../protocol/ha/high-availability-bean.js';
import { formatLastUpdateTime } from '../../../protocol/ha/high-availability-bean.js';
import type { MemberView } from '../peer.js';

export interface BeanSource {
  readonly serverId: number;
  /** undefined while the members are still being learned (no core yet). */
  readonly view: readonly MemberView[] | undefined;
  /** The epoch of the current master as this member knows it. */
  readonly epoch: number | undefined;
  readonly tickMs: number;
  readonly lastCommittedTxId: number;
  /** Wall-clock time of the last update pulled or pushed from the master; undefined when none. */
  readonly lastUpdateMillis: number | undefined;
  readonly uris: ReadonlyMap<number, readonly string[]>;
}

export function neo4jRole(role: MemberView['role']): 'master' | 'slave' | 'UNKNOWN' {
  return role === 'master' || role === 'slave' ? role : 'UNKNOWN';
}

export function highAvailabilityInfo(source: BeanSource): HighAvailabilityInfo {
  const own = source.view?.find((m) => m.id === source.serverId);
  const role = neo4jRole(own?.role ?? 'unknown');
  const members = source.view ?? [];
  return {
    instanceId: String(source.serverId),
    available: role !== 'UNKNOWN',
    alive: true,
    role,
    lastUpdateTime: formatLastUpdateTime(source.lastUpdateMillis),
    lastCommittedTxId: source.lastCommittedTxId,
    epoch: source.epoch,
    instancesInCluster: members.map((member) => {
      const memberRole = neo4jRole(member.role);
      return {
        instanceId: String(member.id),
        haRole: memberRole,
        alive: member.alive,
        available: member.alive && memberRole !== 'UNKNOWN',
        uris: source.uris.get(member.id) ?? [],
        lastCommittedTxId: member.id === source.serverId ? source.lastCommittedTxId : member.lastTxId,
        lastHeartbeatMillis: member.heartbeatAgeTicks === undefined ? undefined : member.heartbeatAgeTicks * source.tickMs,
      };
    }),
  };
}
