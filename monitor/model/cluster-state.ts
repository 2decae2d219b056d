/**
 * The cluster as the monitor's model sees it after a round: what `GET /api/cluster`
 * serves, what the status page draws and what every event carries. Plain JSON: absent
 * values are null, never undefined.
 */
import type { ClusterEventRecord } from './cluster-event.js';

/** `down`: the member did not answer the last round (or answered garbage). */
export type MonitoredRole = 'master' | 'slave' | 'unknown' | 'down';

/** One member's view of one peer, from its High Availability bean's InstancesInCluster. */
export interface PeerView {
  /** The peer's configured name, or `server-id:<id>` while the monitor has not matched its HA server id. */
  readonly peer: string;
  readonly instanceId: string;
  /** The bean's haRole lower-cased: master, slave or unknown. */
  readonly role: string;
  readonly alive: boolean;
  readonly available: boolean;
  /** The peer's last committed tx id as the observer last heard it (graphlb only). */
  readonly lastCommittedTxId: number | null;
  /** Seconds since the observer last heard from the peer (graphlb only; 0 for itself). */
  readonly heartbeatAgeSeconds: number | null;
}

export interface MemberState {
  readonly instance: string;
  /** Answered the last round. */
  readonly up: boolean;
  readonly role: MonitoredRole;
  /** Up and serving: master or slave. */
  readonly available: boolean;
  /** Why the last round failed, when it did. */
  readonly error: string | null;
  /** Epoch ms of the last round the member answered. */
  readonly lastSeenAt: number | null;
  /** The member's HA server id (its bean's InstanceId), once seen. */
  readonly instanceId: string | null;
  readonly lastCommittedTxId: number | null;
  readonly epoch: number | null;
  /** The master's last committed tx id minus this member's; 0 for the master; null without exactly one master or either tx id. */
  readonly lagTx: number | null;
  /** Seconds since the master first held a transaction this member lacks (see master-tx-history.ts); null like lagTx. */
  readonly lagSeconds: number | null;
  /** The master passed this member's tx id before the oldest point the monitor kept: lagSeconds is at least this much. */
  readonly lagSecondsLowerBound: boolean;
  /** Inside a lag_high episode (until lag_recovered). */
  readonly lagHigh: boolean;
  /** Its view of every member it knows, itself included; empty without a bean. */
  readonly views: readonly PeerView[];
}

export interface ClusterState {
  readonly cluster: string | null;
  /** Epoch ms of the last round applied; null before the first. */
  readonly at: number | null;
  readonly rounds: number;
  /** In configured order. */
  readonly members: readonly MemberState[];
  /** Members answering master in the last round. */
  readonly masters: readonly string[];
  /** The master when exactly one member answers master, else null. */
  readonly master: string | null;
  /** The highest epoch any answering member reports (graphlb); null from Neo4j. */
  readonly epoch: number | null;
  /** Every member with a bean sees the same alive master(s) and the same alive members (true with fewer than two views). */
  readonly viewsAgree: boolean;
  /** master_reelected events so far (graphlb_cluster_master_changes_total). */
  readonly masterChanges: number;
  /** The latest events, oldest first, bounded. */
  readonly lastEvents: readonly ClusterEventRecord[];
}
