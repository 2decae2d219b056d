/**
 * The engine's Prometheus registry, built from the metric table. Counters and gauges
 * are read from one DatabaseStats snapshot per scrape (prom-client collect()
 * callbacks), so a scrape costs one stats() call and the hot paths pay nothing; the
 * commit histogram is the one metric fed as things happen.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseStats } from '../database-options.js';
import { noClusterStats, type ClusterStats } from '../ha/driver/cluster-stats.js';
import { engineMetricDefinitions, type EngineMetricName } from './metric-definitions.js';

type ClusterMetricName =
  | 'neo4j_cluster_is_master'
  | 'neo4j_cluster_is_available'
  | 'neo4j_cluster_slave_pull_updates_total'
  | 'neo4j_cluster_slave_pull_update_up_to_tx'
  | 'neo4j_network_master_network_tx_writes_total'
  | 'neo4j_network_slave_network_tx_writes_total'
  | 'graphlb_engine_epoch'
  | 'graphlb_engine_elections_total'
  | 'graphlb_engine_push_acks_total'
  | 'graphlb_engine_push_failures_total'
  | 'graphlb_engine_store_copies_total'
  | 'graphlb_engine_branches_total';

type StatMetricName = Exclude<
  EngineMetricName,
  'graphlb_engine_commit_duration_seconds' | 'graphlb_engine_info' | 'graphlb_engine_heartbeat_age_seconds' | ClusterMetricName
>;

/** The HA metrics, read from the cluster snapshot (zero in dbms.mode=SINGLE). */
const clusterReaders: { readonly [K in ClusterMetricName]: (cluster: ClusterStats) => number } = {
  neo4j_cluster_is_master: (c) => (c.isMaster ? 1 : 0),
  neo4j_cluster_is_available: (c) => (c.isAvailable ? 1 : 0),
  neo4j_cluster_slave_pull_updates_total: (c) => c.pullUpdates,
  neo4j_cluster_slave_pull_update_up_to_tx: (c) => c.pullUpToTx,
  neo4j_network_master_network_tx_writes_total: (c) => c.masterTxBytes,
  neo4j_network_slave_network_tx_writes_total: (c) => c.slaveTxBytes,
  graphlb_engine_epoch: (c) => c.epoch,
  graphlb_engine_elections_total: (c) => c.elections,
  graphlb_engine_push_acks_total: (c) => c.pushAcks,
  graphlb_engine_push_failures_total: (c) => c.pushFailures,
  graphlb_engine_store_copies_total: (c) => c.storeCopies,
  graphlb_engine_branches_total: (c) => c.branches,
};

/** Where each metric read from the stats finds its value; the type makes sure none is missing. */
const statReaders: { readonly [K in StatMetricName]: (stats: DatabaseStats) => number } = {
  neo4j_transaction_started_total: (s) => s.transactions.started,
  neo4j_transaction_committed_total: (s) => s.transactions.committed,
  neo4j_transaction_rollbacks_total: (s) => s.transactions.rolledBack,
  neo4j_transaction_active: (s) => s.transactions.active,
  neo4j_transaction_last_committed_tx_id: (s) => s.transactions.lastCommittedTxId,
  neo4j_page_cache_hits_total: (s) => s.pageCache.hits,
  neo4j_page_cache_page_faults_total: (s) => s.pageCache.faults,
  neo4j_page_cache_evictions_total: (s) => s.pageCache.evictions,
  neo4j_page_cache_flushes_total: (s) => s.pageCache.flushes,
  neo4j_page_cache_hit_ratio: (s) => s.pageCache.hitRatio,
  neo4j_page_cache_usage_ratio: (s) => s.pageCache.usageRatio,
  neo4j_ids_in_use_node: (s) => s.idsInUse.node,
  neo4j_ids_in_use_relationship: (s) => s.idsInUse.relationship,
  neo4j_ids_in_use_property: (s) => s.idsInUse.property,
  graphlb_engine_checkpoints_total: (s) => s.checkpoints,
  graphlb_engine_tx_log_rotations_total: (s) => s.logRotations,
};

const noStats: DatabaseStats = {
  transactions: { started: 0, committed: 0, rolledBack: 0, active: 0, lastCommittedTxId: 0 },
  pageCache: { hits: 0, faults: 0, evictions: 0, flushes: 0, hitRatio: 0, usageRatio: 0 },
  idsInUse: { node: 0, relationship: 0, property: 0 },
  checkpoints: 0,
  logRotations: 0,
};

export interface EngineInfo {
  readonly version: string;
  readonly mode: string;
}

export class EngineMetrics {
  readonly #registry = new Registry();
  readonly #commitDuration: Histogram;
  #stats: DatabaseStats = noStats;
  #cluster: ClusterStats = noClusterStats;

  constructor(engine: EngineInfo) {
    const registers = [this.#registry];
    const currentStats = (): DatabaseStats => this.#stats;
    const currentCluster = (): ClusterStats => this.#cluster;
    for (const [name, definition] of Object.entries(engineMetricDefinitions)) {
      let read: () => number;
      if (name in statReaders) {
        const reader = statReaders[name as StatMetricName];
        read = () => reader(currentStats());
      } else if (name in clusterReaders) {
        const reader = clusterReaders[name as ClusterMetricName];
        read = () => reader(currentCluster());
      } else {
        continue;
      }
      if (definition.type === 'counter') {
        new Counter({
          name,
          help: definition.help,
          registers,
          collect() {
            this.reset();
            this.inc(read());
          },
        });
      } else {
        new Gauge({
          name,
          help: definition.help,
          registers,
          collect() {
            this.set(read());
          },
        });
      }
    }
    const commit = engineMetricDefinitions.graphlb_engine_commit_duration_seconds;
    this.#commitDuration = new Histogram({
      name: 'graphlb_engine_commit_duration_seconds',
      help: commit.help,
      buckets: [...commit.buckets],
      registers,
    });
    const info = engineMetricDefinitions.graphlb_engine_info;
    new Gauge({ name: 'graphlb_engine_info', help: info.help, labelNames: info.labelNames, registers }).set(
      { version: engine.version, mode: engine.mode },
      1,
    );
    const heartbeatAge = engineMetricDefinitions.graphlb_engine_heartbeat_age_seconds;
    new Gauge({
      name: 'graphlb_engine_heartbeat_age_seconds',
      help: heartbeatAge.help,
      labelNames: heartbeatAge.labelNames,
      registers,
      collect() {
        this.reset();
        for (const age of currentCluster().heartbeatAges) this.set({ peer: String(age.peer) }, age.seconds);
      },
    });
    collectDefaultMetrics({ register: this.#registry });
  }

  /** Called once per acknowledged commit (DatabaseOptions.onCommit). */
  observeCommit(seconds: number): void {
    this.#commitDuration.observe(seconds);
  }

  get contentType(): string {
    return this.#registry.contentType;
  }

  /** The Prometheus text of every metric, counters and gauges read from `stats` and `cluster`. */
  scrape(stats: DatabaseStats, cluster: ClusterStats = noClusterStats): Promise<string> {
    // prom-client runs every collect() synchronously at the start of metrics(), so
    // concurrent scrapes each see their own snapshot.
    this.#stats = stats;
    this.#cluster = cluster;
    return this.#registry.metrics();
  }
}
