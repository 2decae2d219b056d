/**
 * Alertmanager's API v2 alert (`POST /api/v2/alerts` takes a JSON array of these), and the
 * monitor's alert names: CamelCase, the same as the Prometheus rules' where both exist
 * (dashboards/), so that Alertmanager groups and silences them alike.
 */
import type { ClusterEventName } from '../model/cluster-event.js';

export interface AlertmanagerAlert {
  /** alertname, cluster, severity, and instance for alerts about one member. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string } & Readonly<Record<string, string>>;
  /** RFC 3339. */
  readonly startsAt: string;
  /** RFC 3339: in the future while the alert holds, now when it is resolved. */
  readonly endsAt: string;
  readonly generatorURL: string;
}

export type AlertName = 'MasterReelected' | 'NoMaster' | 'SplitBrain' | 'MemberDown' | 'SlaveLagHigh' | 'HeartbeatMissed' | 'ViewsDisagree';

/** The alert each event starts; member_up and lag_recovered end one instead. */
export const alertNameOf: Readonly<Partial<Record<ClusterEventName, AlertName>>> = {
  master_reelected: 'MasterReelected',
  no_master: 'NoMaster',
  split_brain: 'SplitBrain',
  member_down: 'MemberDown',
  lag_high: 'SlaveLagHigh',
  heartbeat_missed: 'HeartbeatMissed',
  views_disagree: 'ViewsDisagree',
};

export const alertSummaries: Readonly<Record<AlertName, string>> = {
  MasterReelected: 'A new master was elected',
  NoMaster: 'No member of the cluster is master',
  SplitBrain: 'More than one member answers as master',
  MemberDown: 'A cluster member does not answer',
  SlaveLagHigh: 'A slave lags behind the master beyond the thresholds',
  HeartbeatMissed: 'Members miss the heartbeats of a peer',
  ViewsDisagree: 'The members disagree on the master or on who is alive',
};
