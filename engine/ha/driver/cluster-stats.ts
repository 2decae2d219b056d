/**
 * What the HA driver reports to the metrics, read once per scrape. Defined here so the
 * server's metrics depend on a plain value, not on the driver.
 */

export interface PeerHeartbeatAge {
  readonly peer: number;
  /** Seconds since the peer was last heard from. */
  readonly seconds: number;
}

export interface ClusterStats {
  readonly isMaster: boolean;
  /** Master or slave: a member with a known role that serves. */
  readonly isAvailable: boolean;
  readonly epoch: number;
  /** Election rounds this member opened. */
  readonly elections: number;
  /** Peers heard from at least once. */
  readonly heartbeatAges: readonly PeerHeartbeatAge[];
  /** Pull answers that brought this slave at least one transaction. */
  readonly pullUpdates: number;
  /** The last tx id this slave applied from a pull. */
  readonly pullUpToTx: number;
  /** Bytes of transactions this member sent as master (pull answers, pushes). */
  readonly masterTxBytes: number;
  /** Bytes of transactions this member received as slave. */
  readonly slaveTxBytes: number;
  readonly pushAcks: number;
  readonly pushFailures: number;
  /** Store copies this member received whole (a new member, one too far behind, a branch). */
  readonly storeCopies: number;
  /** Times this member found its store branched from the master's. */
  readonly branches: number;
}

export const noClusterStats: ClusterStats = {
  isMaster: false,
  isAvailable: false,
  epoch: 0,
  elections: 0,
  heartbeatAges: [],
  pullUpdates: 0,
  pullUpToTx: 0,
  masterTxBytes: 0,
  slaveTxBytes: 0,
  pushAcks: 0,
  pushFailures: 0,
  storeCopies: 0,
  branches: 0,
};
