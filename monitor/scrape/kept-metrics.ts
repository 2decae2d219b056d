/**
 * The samples of a member's /metrics the monitor keeps: what the cluster model falls back
 * on (the last committed tx id) and what the status page shows. A scrape keeps a handful
 * of numbers rather than the whole text so that a round costs little memory however
 * many series a member exports.
 *
 * Labels are dropped: a metric kept here has one series, except the per-peer heartbeat
 * age, whose oldest (largest) value is kept: the one that matters for "heartbeats arrive".
 */
import type { MetricFamily } from '../../protocol/prometheus/metric-family.js';

export const keptMetricNames: readonly string[] = [
  'neo4j_transaction_last_committed_tx_id',
  'neo4j_transaction_committed_total',
  'neo4j_transaction_active',
  'neo4j_cluster_is_master',
  'neo4j_cluster_is_available',
  'graphlb_engine_epoch',
  'graphlb_engine_heartbeat_age_seconds',
];

const kept = new Set(keptMetricNames);

/** The kept samples of `families`, by metric name; a name with several series keeps the largest value. */
export function keptMetrics(families: readonly MetricFamily[]): Map<string, number> {
  const values = new Map<string, number>();
  for (const family of families) {
    for (const sample of family.samples) {
      if (!kept.has(sample.name) || Number.isNaN(sample.value)) continue;
      const previous = values.get(sample.name);
      if (previous === undefined || sample.value > previous) values.set(sample.name, sample.value);
    }
  }
  return values;
}
