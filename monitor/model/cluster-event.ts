/**
 * The events the cluster model detects, what each carries, and how alert sinks treat them.
 * Every event has a stable `event` name, a sentence for people (`message`), the round's
 * time (`at`, epoch ms) and, when it is about one member, `instance`. Events handed out by
 * ClusterModel.update also carry the snapshot after that round; the snapshot's own
 * lastEvents hold the records without snapshots.
 */
import type { ClusterState, MonitoredRole } from './cluster-state.js';

interface EventBase {
  readonly message: string;
  readonly at: number;
}

/** What one observer reported about a peer it misses. */
export interface MissedHeartbeat {
  readonly observer: string;
  readonly alive: boolean;
  readonly heartbeatAgeSeconds: number | null;
}

/** A member's lag when lag_high or lag_recovered was detected. */
export interface LagDetails {
  readonly instance: string;
  readonly master: string;
  readonly lagTx: number;
  readonly lagSeconds: number;
  readonly lagSecondsLowerBound: boolean;
  readonly thresholds: { readonly lagTx: number; readonly lagSeconds: number };
}

/** One member's view, reduced to what agreement compares. */
export interface ViewSummary {
  readonly observer: string;
  readonly masters: readonly string[];
  readonly alive: readonly string[];
}

export type ClusterEventRecord =
  | (EventBase & {
      readonly event: 'master_reelected';
      /** The new master. */
      readonly instance: string;
      readonly from: string;
      readonly to: string;
      readonly epoch: number | null;
      readonly previousEpoch: number | null;
    })
  | (EventBase & { readonly event: 'no_master'; readonly lastMaster: string | null })
  | (EventBase & { readonly event: 'split_brain'; readonly masters: readonly string[] })
  | (EventBase & { readonly event: 'member_down'; readonly instance: string; readonly error: string | null; readonly lastRole: MonitoredRole | null })
  | (EventBase & { readonly event: 'member_up'; readonly instance: string; readonly role: MonitoredRole; readonly downSeconds: number | null })
  | (EventBase & LagDetails & { readonly event: 'lag_high' })
  | (EventBase & LagDetails & { readonly event: 'lag_recovered' })
  | (EventBase & { readonly event: 'heartbeat_missed'; readonly instance: string; readonly observers: readonly MissedHeartbeat[] })
  | (EventBase & { readonly event: 'views_disagree'; readonly views: readonly ViewSummary[] });

export type ClusterEventName = ClusterEventRecord['event'];

export type ClusterEvent = ClusterEventRecord & { readonly snapshot: ClusterState };

export interface ClusterEventKind {
  readonly severity: 'critical' | 'warning' | 'info';
  /**
   * The event that ends this one's condition (an alert sink resolves the alert on it);
   * undefined for one-shot events, which a sink ends itself (Alertmanager: endsAt ahead).
   * `resolves` marks the ending events themselves.
   */
  readonly resolvedBy?: ClusterEventName;
  readonly resolves?: ClusterEventName;
}

/**
 * Every event, with its severity for alerting. no_master, split_brain, heartbeat_missed and
 * views_disagree are edge-triggered without an ending event: the model re-arms them silently
 * when the condition ends, and the snapshot shows that it did.
 */
export const clusterEventKinds: Readonly<Record<ClusterEventName, ClusterEventKind>> = {
  master_reelected: { severity: 'warning' },
  no_master: { severity: 'critical' },
  split_brain: { severity: 'critical' },
  member_down: { severity: 'warning', resolvedBy: 'member_up' },
  member_up: { severity: 'info', resolves: 'member_down' },
  lag_high: { severity: 'warning', resolvedBy: 'lag_recovered' },
  lag_recovered: { severity: 'info', resolves: 'lag_high' },
  heartbeat_missed: { severity: 'warning' },
  views_disagree: { severity: 'warning' },
};
