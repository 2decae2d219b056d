/**
 * Every metric the monitor exports at `GET /metrics`, in one table: the registry is built
 * from it and the dashboards and alert rules in dashboards/ are checked against it.
 * graphlb_cluster_*: the cluster as the monitor's model sees it (design.md section 6);
 * graphlb_monitor_*: the monitor itself. `instance` is a configured member name.
 */
import type { MetricDefinition } from '../../protocol/prometheus/metric-definition.js';

export const monitorMetricDefinitions = {
  graphlb_cluster_instance_up: {
    type: 'gauge',
    help: '1 when the member answered the last scrape round, else 0.',
    labelNames: ['instance'],
  },
  graphlb_cluster_role: {
    type: 'gauge',
    help: '1 for the member\'s role (master, slave, unknown, down), 0 for the others.',
    labelNames: ['instance', 'role'],
  },
  graphlb_cluster_masters: { type: 'gauge', help: 'Members that answer as master right now (1 is healthy; 0 no master; 2 or more split brain).' },
  graphlb_cluster_master_changes_total: { type: 'counter', help: 'Re-elections seen: the master is another member than the last one seen, or the same member with a higher epoch (the first master seen is not one).' },
  graphlb_cluster_epoch: { type: 'gauge', help: 'The highest master epoch any member reports (graphlb; absent for Neo4j).' },
  graphlb_cluster_last_committed_tx_id: {
    type: 'gauge',
    help: 'The member\'s last committed transaction id.',
    labelNames: ['instance'],
  },
  graphlb_cluster_lag_transactions: {
    type: 'gauge',
    help: 'Transactions the member is behind the master (0 for the master).',
    labelNames: ['instance'],
  },
  graphlb_cluster_lag_seconds: {
    type: 'gauge',
    help: 'Seconds since the master was at the transaction id this member has now applied (0 when caught up).',
    labelNames: ['instance'],
  },
  graphlb_cluster_heartbeat_age_seconds: {
    type: 'gauge',
    help: 'Seconds since `instance` last heard from `peer`, as `instance` reports it.',
    labelNames: ['instance', 'peer'],
  },
  graphlb_cluster_views_agree: { type: 'gauge', help: '1 when every member that answered sees the same master and the same members alive, else 0.' },
  graphlb_monitor_scrapes_total: {
    type: 'counter',
    help: 'Scrapes of members, by outcome (ok, failed).',
    labelNames: ['instance', 'outcome'],
  },
  graphlb_monitor_scrape_duration_seconds: {
    type: 'histogram',
    help: 'Seconds one member\'s scrape (metrics, HA bean, HA endpoints) took.',
    labelNames: ['instance'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  },
  graphlb_monitor_events_total: {
    type: 'counter',
    help: 'Cluster events detected, by event (master_reelected, no_master, split_brain, member_down, member_up, lag_high, lag_recovered, heartbeat_missed, views_disagree).',
    labelNames: ['event'],
  },
  graphlb_monitor_alerts_sent_total: {
    type: 'counter',
    help: 'Alert deliveries, by sink (webhook, alertmanager) and outcome (ok, failed, dropped: the bounded queue was full).',
    labelNames: ['sink', 'outcome'],
  },
  graphlb_monitor_config_reloads_total: {
    type: 'counter',
    help: 'Reloads of the configuration file (SIGHUP), by outcome (ok, failed: the file was refused and the previous configuration stays in force).',
    labelNames: ['outcome'],
  },
  graphlb_monitor_alert_queue_length: {
    type: 'gauge',
    help: 'Alert deliveries waiting to be sent or retried, by sink.',
    labelNames: ['sink'],
  },
} as const satisfies Record<string, MetricDefinition>;

export type MonitorMetricName = keyof typeof monitorMetricDefinitions;
