/**
 * Neo4j 3.5 causal clustering: the unified endpoints under
 * `/db/manage/server/causalclustering/`, which cores and read replicas both answer (so
 * no core-then-replica fallback is needed: a read replica is read-only, never writable,
 * and a slave here). The older `/db/manage/server/core/*` and
 * `/db/manage/server/read-replica/available` carry no status JSON and so no tx position.
 * lastCommittedTxId is the status JSON's lastAppliedRaftIndex.
 *
 * Neo4j 4.x moved these endpoints to `/db/{database}/cluster/*`, which is what the
 * `neo4j5` probe asks: a 4.x cluster is probed as `neo4j5`.
 */
import { clusterEndpointsProbe } from './cluster-endpoints.js';
import type { MemberProbe } from './member-probe.js';

export const causalProbe: MemberProbe = clusterEndpointsProbe('/db/manage/server/causalclustering');
