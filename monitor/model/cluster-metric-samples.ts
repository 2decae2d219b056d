/**
 * The graphlb_cluster_* values of monitor/metrics/monitor-metric-definitions.ts, read off a
 * snapshot, so that the daemon sets its gauges from one place after every round. A value
 * the model does not know (a down member's tx id, lag without a single master, the epoch
 * from Neo4j) has no sample: the daemon should remove that series rather than show a
 * stale number.
 */
import type { MonitorMetricName } from '../metrics/monitor-metric-definitions.js';
import type { ClusterState, MonitoredRole } from './cluster-state.js';

export interface ClusterMetricSample {
  readonly name: MonitorMetricName;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const roles: readonly MonitoredRole[] = ['master', 'slave', 'unknown', 'down'];

/**
 * Every graphlb_cluster_* sample of `state`. graphlb_cluster_master_changes_total is the
 * counter's running total (masterChanges): increment the counter by the difference.
 */
export function clusterMetricSamples(state: ClusterState): ClusterMetricSample[] {
  const samples: ClusterMetricSample[] = [
    { name: 'graphlb_cluster_masters', labels: {}, value: state.masters.length },
    { name: 'graphlb_cluster_master_changes_total', labels: {}, value: state.masterChanges },
    { name: 'graphlb_cluster_views_agree', labels: {}, value: state.viewsAgree ? 1 : 0 },
  ];
  if (state.epoch !== null) samples.push({ name: 'graphlb_cluster_epoch', labels: {}, value: state.epoch });
  for (const member of state.members) {
    const instance = member.instance;
    samples.push({ name: 'graphlb_cluster_instance_up', labels: { instance }, value: member.up ? 1 : 0 });
    for (const role of roles) samples.push({ name: 'graphlb_cluster_role', labels: { instance, role }, value: member.role === role ? 1 : 0 });
    if (member.lastCommittedTxId !== null) samples.push({ name: 'graphlb_cluster_last_committed_tx_id', labels: { instance }, value: member.lastCommittedTxId });
    if (member.lagTx !== null) samples.push({ name: 'graphlb_cluster_lag_transactions', labels: { instance }, value: member.lagTx });
    if (member.lagSeconds !== null) samples.push({ name: 'graphlb_cluster_lag_seconds', labels: { instance }, value: member.lagSeconds });
    for (const view of member.views) {
      if (view.peer === instance || view.heartbeatAgeSeconds === null) continue;
      samples.push({ name: 'graphlb_cluster_heartbeat_age_seconds', labels: { instance, peer: view.peer }, value: view.heartbeatAgeSeconds });
    }
  }
  return samples;
}
