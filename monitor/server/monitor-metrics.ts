/**
 * The monitor's Prometheus registry, built from the metric table
 * (monitor/metrics/monitor-metric-definitions.ts). The graphlb_cluster_* gauges are set
 * from the model's snapshot after every round, and a series the snapshot no longer has
 * (a down member's lag) is removed rather than left stale; graphlb_monitor_* count what
 * the monitor does as it happens. Process metrics from prom-client's defaults.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { monitorMetricDefinitions as defs, type MonitorMetricName } from '../metrics/monitor-metric-definitions.js';
import { clusterMetricSamples } from '../model/cluster-metric-samples.js';
import type { ClusterState } from '../model/cluster-state.js';

type ClusterGaugeName = Exclude<Extract<MonitorMetricName, `graphlb_cluster_${string}`>, 'graphlb_cluster_master_changes_total'>;

const clusterGaugeNames: readonly ClusterGaugeName[] = [
  'graphlb_cluster_instance_up',
  'graphlb_cluster_role',
  'graphlb_cluster_masters',
  'graphlb_cluster_epoch',
  'graphlb_cluster_last_committed_tx_id',
  'graphlb_cluster_lag_transactions',
  'graphlb_cluster_lag_seconds',
  'graphlb_cluster_heartbeat_age_seconds',
  'graphlb_cluster_views_agree',
];

export class MonitorMetrics {
  readonly registry = new Registry();
  readonly scrapes: Counter<'instance' | 'outcome'>;
  readonly scrapeDuration: Histogram<'instance'>;
  readonly events: Counter<'event'>;
  readonly alertsSent: Counter<'sink' | 'outcome'>;
  readonly configReloads: Counter<'outcome'>;
  readonly #masterChanges: Counter;
  readonly #gauges: ReadonlyMap<ClusterGaugeName, Gauge<string>>;
  #countedMasterChanges = 0;

  /** `queueLengths` is read at scrape time: deliveries waiting per sink. */
  constructor(queueLengths: () => Readonly<Record<'webhook' | 'alertmanager', number>>) {
    const registers = [this.registry];
    const help = (name: MonitorMetricName): string => defs[name].help;
    const labels = (name: MonitorMetricName): string[] => {
      const def = defs[name] as { readonly labelNames?: readonly string[] };
      return [...(def.labelNames ?? [])];
    };
    this.scrapes = new Counter({ name: 'graphlb_monitor_scrapes_total', help: help('graphlb_monitor_scrapes_total'), labelNames: ['instance', 'outcome'], registers });
    const duration = defs.graphlb_monitor_scrape_duration_seconds;
    this.scrapeDuration = new Histogram({ name: 'graphlb_monitor_scrape_duration_seconds', help: duration.help, labelNames: ['instance'], buckets: [...duration.buckets], registers });
    this.events = new Counter({ name: 'graphlb_monitor_events_total', help: help('graphlb_monitor_events_total'), labelNames: ['event'], registers });
    this.alertsSent = new Counter({ name: 'graphlb_monitor_alerts_sent_total', help: help('graphlb_monitor_alerts_sent_total'), labelNames: ['sink', 'outcome'], registers });
    this.configReloads = new Counter({ name: 'graphlb_monitor_config_reloads_total', help: help('graphlb_monitor_config_reloads_total'), labelNames: ['outcome'], registers });
    // Both series from the start, so that a rate() over them is 0 rather than empty until the first reload.
    for (const outcome of ['ok', 'failed']) this.configReloads.inc({ outcome }, 0);
    this.#masterChanges = new Counter({ name: 'graphlb_cluster_master_changes_total', help: help('graphlb_cluster_master_changes_total'), registers });
    new Gauge({
      name: 'graphlb_monitor_alert_queue_length',
      help: help('graphlb_monitor_alert_queue_length'),
      labelNames: ['sink'],
      registers,
      collect() {
        const lengths = queueLengths();
        this.set({ sink: 'webhook' }, lengths.webhook);
        this.set({ sink: 'alertmanager' }, lengths.alertmanager);
      },
    });
    this.#gauges = new Map(clusterGaugeNames.map((name) => [name, new Gauge({ name, help: help(name), labelNames: labels(name), registers })]));
    collectDefaultMetrics({ register: this.registry });
  }

  /** Sets every graphlb_cluster_* series from `state`, dropping the ones it lacks. */
  update(state: ClusterState): void {
    for (const gauge of this.#gauges.values()) gauge.reset();
    for (const sample of clusterMetricSamples(state)) {
      if (sample.name === 'graphlb_cluster_master_changes_total') {
        if (sample.value > this.#countedMasterChanges) this.#masterChanges.inc(sample.value - this.#countedMasterChanges);
        this.#countedMasterChanges = sample.value;
        continue;
      }
      this.#gauges.get(sample.name as ClusterGaugeName)?.set(sample.labels, sample.value);
    }
  }
}
