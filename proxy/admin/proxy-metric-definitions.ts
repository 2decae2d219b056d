/**
 * Every metric the proxy exports on its admin listener (`GET /metrics`), in one table:
 * the registry is built from it and the dashboards and alert rules in dashboards/ are
 * checked against it. All names start with graphlb_proxy_ (design.md section 5);
 * prom-client's default process_* and nodejs_* metrics come on top.
 *
 * Label values are bounded sets: `class` read|write|transaction|other, `member` a
 * configured member name or "none", `outcome` one of requestOutcomes.
 */
import type { MetricDefinition } from '../../protocol/prometheus/metric-definition.js';

/**
 * How a client request ended. `ok`: the member answered (whatever its status);
 * `hold_timeout`: a write found no master within routing.writeHold (503);
 * `no_member`: nothing could serve it (503); `member_failed`: the member failed after the
 * request was sent, so it was not resent (502); `transaction_lost`: the request named an
 * open transaction whose member is gone (404); `bad_request`: the proxy refused it (4xx);
 * `client_aborted`: the client went away first.
 */
export const requestOutcomes = ['ok', 'hold_timeout', 'no_member', 'member_failed', 'transaction_lost', 'bad_request', 'client_aborted'] as const;
export type RequestOutcome = (typeof requestOutcomes)[number];

/**
 * `read`/`write`: a statement request routed by its class; `transaction`: a request in
 * an open transaction, routed to that transaction's member; `other`: anything else
 * forwarded (discovery document, HA endpoints).
 */
export const requestClasses = ['read', 'write', 'transaction', 'other'] as const;
export type ProxyRequestClass = (typeof requestClasses)[number];

const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const proxyMetricDefinitions = {
  graphlb_proxy_requests_total: {
    type: 'counter',
    help: 'Client requests by class, the member that served them ("none" if no member did) and outcome.',
    labelNames: ['class', 'member', 'outcome'],
  },
  graphlb_proxy_request_duration_seconds: {
    type: 'histogram',
    help: 'Seconds from a client request\'s arrival to the end of its answer, write holds included.',
    labelNames: ['class', 'member'],
    buckets: latencyBuckets,
  },
  graphlb_proxy_classifications_total: {
    type: 'counter',
    help: 'Statement requests classified, by class and what decided it (access-mode, x-write, cypher, unparseable).',
    labelNames: ['class', 'reason'],
  },
  graphlb_proxy_sharded_reads_total: {
    type: 'counter',
    help: 'Reads routed by a shard key, by the member that got them; a member\'s share is its rate over the sum.',
    labelNames: ['member'],
  },
  graphlb_proxy_read_fallbacks_total: {
    type: 'counter',
    help: 'Reads sent to the master because no slave qualified (down, lagging beyond routing.maxLagTx, or behind the request\'s bookmark).',
  },
  graphlb_proxy_forward_retries_total: {
    type: 'counter',
    help: 'Requests sent again because the first member failed before any byte of them reached it.',
    labelNames: ['member'],
  },
  graphlb_proxy_received_bytes_total: { type: 'counter', help: 'Bytes of request bodies received from clients.' },
  graphlb_proxy_sent_bytes_total: { type: 'counter', help: 'Bytes of response bodies sent to clients.' },
  graphlb_proxy_in_flight_requests: {
    type: 'gauge',
    help: 'Requests forwarded to a member and not yet answered.',
    labelNames: ['member'],
  },
  graphlb_proxy_member_up: {
    type: 'gauge',
    help: '1 when the member serves (health up and role master or slave), else 0.',
    labelNames: ['member'],
  },
  graphlb_proxy_member_role: {
    type: 'gauge',
    help: '1 for the member\'s role as of its last good health check (master, slave, unknown), 0 for the others.',
    labelNames: ['member', 'role'],
  },
  graphlb_proxy_member_last_committed_tx_id: {
    type: 'gauge',
    help: 'The member\'s last committed transaction id at its last good health check.',
    labelNames: ['member'],
  },
  graphlb_proxy_member_lag_transactions: {
    type: 'gauge',
    help: 'Transactions the member is behind the master, as of the last health checks.',
    labelNames: ['member'],
  },
  graphlb_proxy_health_checks_total: {
    type: 'counter',
    help: 'Health checks of members, by outcome (ok, failed).',
    labelNames: ['member', 'outcome'],
  },
  graphlb_proxy_master_present: { type: 'gauge', help: '1 when the proxy knows a master to send writes to, else 0.' },
  graphlb_proxy_master_changes_total: { type: 'counter', help: 'Times the member writes go to changed (to none included).' },
  graphlb_proxy_write_holds_active: { type: 'gauge', help: 'Writes waiting for a master right now.' },
  graphlb_proxy_write_holds_total: {
    type: 'counter',
    help: 'Writes that waited for a master, by outcome (released: forwarded once a master appeared; timed_out: 503 after routing.writeHold; aborted: the client left).',
    labelNames: ['outcome'],
  },
  graphlb_proxy_write_hold_duration_seconds: {
    type: 'histogram',
    help: 'Seconds a write waited for a master.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
  },
  graphlb_proxy_open_transactions: { type: 'gauge', help: 'Open transactions begun through the proxy and not yet committed, rolled back or expired.' },
  graphlb_proxy_config_reloads_total: {
    type: 'counter',
    help: 'Configuration reloads (SIGHUP), by outcome (ok, failed: the old configuration stays).',
    labelNames: ['outcome'],
  },
} as const satisfies Record<string, MetricDefinition>;

export type ProxyMetricName = keyof typeof proxyMetricDefinitions;
