/**
 * What one health check learns about one cluster member, whichever kind of cluster it
 * is. The proxy (routing) and the monitor (the cluster model) both poll members; each
 * flavor's endpoints and answers are decoded into this one shape, so neither cares
 * whether the member is graphlb, Neo4j 3.x HA, a 3.5/4.x causal cluster or Neo4j 5.
 */

/** design.md section 5 `cluster.flavor`. */
export type ClusterFlavor = 'ha' | 'causal' | 'neo4j5';

/**
 * The member's part in routing: `master` takes writes (an HA master, a causal leader,
 * a Neo4j 5 writer), `slave` serves reads (an HA slave, a follower or read replica), and
 * `unknown` serves nothing (Neo4j's UNKNOWN: between elections, starting, or cut off).
 */
export type MemberRole = 'master' | 'slave' | 'unknown';

export interface MemberReading {
  readonly role: MemberRole;
  /**
   * The last transaction the member has applied: the HA bean's LastCommittedTxId, or the
   * causal status JSON's lastAppliedRaftIndex. Undefined when the flavor's answers do not
   * carry it (then the member's lag is unknown and reads treat it as not lagging).
   */
  readonly lastCommittedTxId: number | undefined;
  /** graphlb's bean `Epoch` (the current master's term); undefined from Neo4j. */
  readonly epoch: number | undefined;
}
