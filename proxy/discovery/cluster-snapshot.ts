/**
 * The proxy's picture of the cluster at one moment, as member discovery keeps it and the
 * forwarder, the admin listener and `graphlb status` read it. A snapshot is immutable:
 * discovery replaces the whole object when anything changes, so readers can hold one for
 * the length of a routing decision without seeing it change underneath them.
 */
import type { MemberRole } from '../../protocol/cluster/member-reading.js';

/**
 * Health as HAProxy keeps it: `up` after `health.rise` consecutive good checks (or at
 * the first good check after the proxy starts), `down` after `health.fall` consecutive
 * failed ones, or at once when forwarding to the member fails.
 */
export type MemberHealth = 'up' | 'down';

export interface MemberStatus {
  readonly name: string;
  /** The member's HTTP origin, `http://127.0.0.1:7481`. */
  readonly origin: string;
  readonly health: MemberHealth;
  /** From the last good check; `unknown` before the first one. */
  readonly role: MemberRole;
  /** Routable: up, and its role is master or slave. */
  readonly serving: boolean;
  readonly lastCommittedTxId: number | undefined;
  readonly epoch: number | undefined;
  /** The master's last tx id minus this member's; undefined without a master or either tx id. */
  readonly lagTx: number | undefined;
  /** Epoch milliseconds of the last completed check, good or failed. */
  readonly lastCheckAt: number | undefined;
  /** Why the last check failed (or why the member is down); undefined after a good check. */
  readonly lastError: string | undefined;
}

export interface ClusterSnapshot {
  /** In configuration order. */
  readonly members: readonly MemberStatus[];
  /**
   * The member writes go to: the one serving member whose role is master. With two
   * serving masters the one of the higher epoch, and none when that does not decide.
   */
  readonly master: string | undefined;
  /** Epoch milliseconds at which this snapshot was made. */
  readonly at: number;
}

/** What the forwarder and the admin listener need from discovery. */
export interface ClusterView {
  snapshot(): ClusterSnapshot;
  /** Called with every new snapshot; returns the function that unsubscribes. */
  onChange(listener: (snapshot: ClusterSnapshot) => void): () => void;
  /**
   * Forwarding to `member` failed at the connection level: take it out of routing now
   * and check it again at once, rather than at the next interval.
   */
  reportForwardingError(member: string, error: Error): void;
}
