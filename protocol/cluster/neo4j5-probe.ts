/**
 * Neo4j 5 (and 4.x, whose endpoints are the same): `/db/{database}/cluster/writable`,
 * `read-only`, `available` and `status`, for the one database whose role routes
 * requests. lastCommittedTxId is that database's lastAppliedRaftIndex.
 */
import { clusterEndpointsProbe } from './cluster-endpoints.js';
import type { MemberProbe } from './member-probe.js';

export function neo4j5Probe(database: string): MemberProbe {
  return clusterEndpointsProbe(`/db/${encodeURIComponent(database)}/cluster`);
}
