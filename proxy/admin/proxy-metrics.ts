/**
 * The proxy's Prometheus registry, built from the metric table. Events (requests, holds,
 * retries, health checks, reloads) feed counters and histograms as they happen; states
 * (members, in-flight requests, open transactions, active holds) are read from their
 * owners at scrape time, so the hot path never touches a gauge.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ClusterSnapshot } from '../discovery/cluster-snapshot.js';
import { proxyMetricDefinitions as defs } from './proxy-metric-definitions.js';

/** Where the scrape-time gauges read their values. */
export interface ProxyMetricSources {
  readonly cluster: () => ClusterSnapshot;
  /** Requests in flight per member name; members without any may be absent. */
  readonly inFlight: () => ReadonlyMap<string, number>;
  readonly openTransactions: () => number;
  readonly activeHolds: () => number;
}

const roles = ['master', 'slave', 'unknown'] as const;

export class ProxyMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'class' | 'member' | 'outcome'>;
  readonly requestDuration: Histogram<'class' | 'member'>;
  readonly classifications: Counter<'class' | 'reason'>;
  readonly shardedReads: Counter<'member'>;
  readonly readFallbacks: Counter;
  readonly forwardRetries: Counter<'member'>;
  readonly receivedBytes: Counter;
  readonly sentBytes: Counter;
  readonly healthChecks: Counter<'member' | 'outcome'>;
  readonly masterChanges: Counter;
  readonly writeHolds: Counter<'outcome'>;
  readonly writeHoldDuration: Histogram;
  readonly configReloads: Counter<'outcome'>;

  constructor(sources: ProxyMetricSources) {
    const registers = [this.registry];
    const counter = <L extends string>(name: keyof typeof defs): Counter<L> => {
      const def: { help: string; labelNames?: readonly string[] } = defs[name];
      return new Counter<L>({ name, help: def.help, labelNames: (def.labelNames ?? []) as readonly L[], registers });
    };
    this.requests = counter('graphlb_proxy_requests_total');
    this.classifications = counter('graphlb_proxy_classifications_total');
    this.shardedReads = counter('graphlb_proxy_sharded_reads_total');
    this.readFallbacks = counter('graphlb_proxy_read_fallbacks_total');
    this.forwardRetries = counter('graphlb_proxy_forward_retries_total');
    this.receivedBytes = counter('graphlb_proxy_received_bytes_total');
    this.sentBytes = counter('graphlb_proxy_sent_bytes_total');
    this.healthChecks = counter('graphlb_proxy_health_checks_total');
    this.masterChanges = counter('graphlb_proxy_master_changes_total');
    this.writeHolds = counter('graphlb_proxy_write_holds_total');
    this.configReloads = counter('graphlb_proxy_config_reloads_total');
    // Series that exist from the start, so that a rate() over them is 0 rather than empty
    // until the first hold or reload (dashboards and alert rules read them).
    for (const outcome of ['released', 'timed_out', 'aborted']) this.writeHolds.inc({ outcome }, 0);
    for (const outcome of ['ok', 'failed']) this.configReloads.inc({ outcome }, 0);
    const duration = defs.graphlb_proxy_request_duration_seconds;
    this.requestDuration = new Histogram({ name: 'graphlb_proxy_request_duration_seconds', help: duration.help, labelNames: duration.labelNames, buckets: [...duration.buckets], registers });
    const hold = defs.graphlb_proxy_write_hold_duration_seconds;
    this.writeHoldDuration = new Histogram({ name: 'graphlb_proxy_write_hold_duration_seconds', help: hold.help, buckets: [...hold.buckets], registers });

    const gauge = (name: keyof typeof defs, collect: (gauge: Gauge<string>) => void): void => {
      const def: { help: string; labelNames?: readonly string[] } = defs[name];
      new Gauge({
        name,
        help: def.help,
        labelNames: def.labelNames ?? [],
        registers,
        collect() {
          // Members can leave on a reload: start from nothing so none lingers.
          this.reset();
          collect(this);
        },
      });
    };
    gauge('graphlb_proxy_in_flight_requests', (g) => {
      for (const member of sources.cluster().members) g.set({ member: member.name }, sources.inFlight().get(member.name) ?? 0);
    });
    gauge('graphlb_proxy_member_up', (g) => {
      for (const member of sources.cluster().members) g.set({ member: member.name }, member.serving ? 1 : 0);
    });
    gauge('graphlb_proxy_member_role', (g) => {
      for (const member of sources.cluster().members) {
        for (const role of roles) g.set({ member: member.name, role }, member.role === role ? 1 : 0);
      }
    });
    gauge('graphlb_proxy_member_last_committed_tx_id', (g) => {
      for (const member of sources.cluster().members) {
        if (member.lastCommittedTxId !== undefined) g.set({ member: member.name }, member.lastCommittedTxId);
      }
    });
    gauge('graphlb_proxy_member_lag_transactions', (g) => {
      for (const member of sources.cluster().members) {
        if (member.lagTx !== undefined) g.set({ member: member.name }, member.lagTx);
      }
    });
    gauge('graphlb_proxy_master_present', (g) => g.set(sources.cluster().master === undefined ? 0 : 1));
    gauge('graphlb_proxy_write_holds_active', (g) => g.set(sources.activeHolds()));
    gauge('graphlb_proxy_open_transactions', (g) => g.set(sources.openTransactions()));
    collectDefaultMetrics({ register: this.registry });
  }
}
