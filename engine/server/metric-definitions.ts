/**
 * Every metric the engine exports at GET /metrics, with its type and help, in one
 * table: the registry is built from it and dashboards and alert rules are checked
 * against it. Neo4j's names (dots as underscores, `_total` on counters) where Neo4j has
 * the metric, so that the same dashboards work against Neo4j 3.x HA; graphlb's own
 * under graphlb_engine_. prom-client's default process_* and nodejs_* metrics come on
 * top and are not listed here.
 */
import type { MetricDefinition } from '../../protocol/prometheus/metric-definition.js';

export const engineMetricDefinitions = {
  neo4j_transaction_started_total: { type: 'counter', help: 'Transactions started.' },
  neo4j_transaction_committed_total: { type: 'counter', help: 'Transactions committed.' },
  neo4j_transaction_rollbacks_total: { type: 'counter', help: 'Transactions rolled back.' },
  neo4j_transaction_active: { type: 'gauge', help: 'Transactions open right now.' },
  neo4j_transaction_last_committed_tx_id: { type: 'gauge', help: 'Id of the last committed transaction.' },
  neo4j_page_cache_hits_total: { type: 'counter', help: 'Page cache pins that found their page in memory.' },
  neo4j_page_cache_page_faults_total: { type: 'counter', help: 'Page cache pins that had to read their page from a store file.' },
  neo4j_page_cache_evictions_total: { type: 'counter', help: 'Pages evicted from the page cache to make room.' },
  neo4j_page_cache_flushes_total: { type: 'counter', help: 'Dirty pages written back to their store file.' },
  neo4j_page_cache_hit_ratio: { type: 'gauge', help: 'Hits over hits plus faults since start, 0 to 1.' },
  neo4j_page_cache_usage_ratio: { type: 'gauge', help: 'Page cache frames in use over all frames, 0 to 1.' },
  neo4j_ids_in_use_node: { type: 'gauge', help: 'Node ids in use.' },
  neo4j_ids_in_use_relationship: { type: 'gauge', help: 'Relationship ids in use.' },
  neo4j_ids_in_use_property: { type: 'gauge', help: 'Property record ids in use.' },
  neo4j_cluster_is_master: { type: 'gauge', help: '1 when this instance is the HA master, else 0 (always 0 in dbms.mode=SINGLE).' },
  neo4j_cluster_is_available: { type: 'gauge', help: '1 when this instance is an available HA master or slave, else 0.' },
  neo4j_cluster_slave_pull_updates_total: { type: 'counter', help: 'Pulls from the master that brought this slave at least one transaction.' },
  neo4j_cluster_slave_pull_update_up_to_tx: { type: 'gauge', help: 'Id of the last transaction this slave applied from a pull.' },
  neo4j_network_master_network_tx_writes_total: { type: 'counter', help: 'Bytes of transactions this instance sent to slaves as master (pull answers and pushes).' },
  neo4j_network_slave_network_tx_writes_total: { type: 'counter', help: 'Bytes of transactions this instance received from its master as slave.' },
  graphlb_engine_epoch: { type: 'gauge', help: 'Epoch of the master this instance follows or is (0 before the first master).' },
  graphlb_engine_elections_total: { type: 'counter', help: 'Election rounds this instance opened.' },
  graphlb_engine_heartbeat_age_seconds: {
    type: 'gauge',
    help: 'Seconds since this instance last heard from a cluster peer.',
    labelNames: ['peer'],
  },
  graphlb_engine_push_acks_total: { type: 'counter', help: 'Pushes of a commit to a slave acknowledged as durably applied.' },
  graphlb_engine_push_failures_total: { type: 'counter', help: 'Commits acknowledged without every push acknowledgement (a slave refused or did not answer in time).' },
  graphlb_engine_store_copies_total: { type: 'counter', help: 'Copies of the master\'s store this instance received whole (new, too far behind the master\'s log, or branched).' },
  graphlb_engine_branches_total: { type: 'counter', help: 'Times this instance found its store branched from the master\'s (moved aside per ha.branched_data_policy).' },
  graphlb_engine_commit_duration_seconds: {
    type: 'histogram',
    help: 'Seconds from commit() to the acknowledgement of a durable commit.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  },
  graphlb_engine_checkpoints_total: { type: 'counter', help: 'Checkpoints completed.' },
  graphlb_engine_tx_log_rotations_total: { type: 'counter', help: 'Transaction log rotations.' },
  graphlb_engine_info: {
    type: 'gauge',
    help: 'Always 1; the labels describe the engine.',
    labelNames: ['version', 'mode'],
  },
} as const satisfies Record<string, MetricDefinition>;

export type EngineMetricName = keyof typeof engineMetricDefinitions;
