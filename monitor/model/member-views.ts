/**
 * Each member's view of the cluster (its High Availability bean's InstancesInCluster) and
 * whether the views agree.
 *
 * Views agree when every member that answered with a bean sees the same master and the same
 * set of alive members. A view's master is the peers it sees alive with haRole master: a
 * killed master keeps haRole master in the others' views with alive false (recorded from a
 * real cluster), so a dead master is nobody's master. Peers are compared by HA server id,
 * which every view uses alike.
 */
import type { HighAvailabilityInfo } from '../../protocol/ha/high-availability-bean.js';
import type { ViewSummary } from './cluster-event.js';
import type { PeerView } from './cluster-state.js';

/** The name shown for a peer whose HA server id is not matched to a configured member yet. */
export function unmatchedPeerName(instanceId: string): string {
  return `server-id:${instanceId}`;
}

/** The observer's view of every peer in its bean, named through `nameOf` (HA server id to configured name). */
export function peerViews(bean: HighAvailabilityInfo, nameOf: ReadonlyMap<string, string>): PeerView[] {
  return bean.instancesInCluster.map((info) => ({
    peer: nameOf.get(info.instanceId) ?? unmatchedPeerName(info.instanceId),
    instanceId: info.instanceId,
    role: info.haRole.toLowerCase(),
    alive: info.alive,
    available: info.available,
    lastCommittedTxId: info.lastCommittedTxId ?? null,
    heartbeatAgeSeconds: info.lastHeartbeatMillis === undefined ? null : info.lastHeartbeatMillis / 1000,
  }));
}

/** What agreement compares of one view: its alive masters and alive members, sorted by name. */
export function summarizeView(observer: string, views: readonly PeerView[]): ViewSummary {
  const alive = views.filter((view) => view.alive);
  return {
    observer,
    masters: alive.filter((view) => view.role === 'master').map((view) => view.peer).sort(),
    alive: alive.map((view) => view.peer).sort(),
  };
}

/** True when all summaries are equal (always with fewer than two). */
export function viewsAgree(summaries: readonly ViewSummary[]): boolean {
  const first = summaries[0];
  if (first === undefined) return true;
  const key = (summary: ViewSummary): string => `${summary.masters.join(',')}|${summary.alive.join(',')}`;
  const expected = key(first);
  return summaries.every((summary) => key(summary) === expected);
}
