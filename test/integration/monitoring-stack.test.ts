/**
 * The whole monitoring stack as real processes on loopback: a 3-member HA cluster, the
 * proxy, `graphlb monitor`, and Debian's Alertmanager and Prometheus, the latter with
 * the prometheus.yml renderPrometheusConfig writes for these ports and the SHIPPED
 * dashboards/prometheus/rules.yml.
 *
 * Under a write and read load through the proxy, every PromQL expression of every
 * dashboard returns data from that Prometheus. Those that only have data once the
 * cluster failed over (the re-election annotation, the proxy's write holds) are checked
 * after the kill -9 of the master, which must also bring: `master_reelected` at the
 * monitor's webhook, both MasterReelected alerts in Alertmanager (the monitor's pushed
 * one and the rule's, told apart by their labels) and at Alertmanager's webhook, and the
 * new master in the monitor's /api/cluster.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { renderAlertmanagerConfig } from '../../dashboards/alertmanager-config.js';
import { dashboardExpressions, type DashboardExpression } from '../../dashboards/dashboard-expressions.js';
import { dashboards } from '../../dashboards/dashboards.js';
import { renderPrometheusConfig } from '../../dashboards/prometheus-config.js';
import type { ClusterState } from '../../monitor/model/cluster-state.js';
import { eventually, HaCluster } from '../support/ha-cluster.js';
import { type AlertmanagerAlert, AlertmanagerUnderTest, PrometheusUnderTest, StackProcess } from '../support/monitoring-stack.js';
import { memberName, ProxyUnderTest } from '../support/proxy.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';
import { RecordingServer } from '../support/recording-server.js';

const rulesFile = fileURLToPath(new URL('../../dashboards/prometheus/rules.yml', import.meta.url));
const clusterName = 'stack-test';
/** Grafana's built-in interval variables, as a dashboard at a 1s scrape would set them. */
const intervals: Record<string, string> = { __rate_interval: '5s', __interval: '10s' };
/** Expressions that have data only once the cluster failed over. */
const needsFailover = /graphlb_cluster_master_changes_total|graphlb_proxy_write_holds_total/;
const MONITOR_START_MS = 20_000;

/** A panel's expression with Grafana's variables replaced: `$instance` by a real member, the intervals by fixed ones. */
function substitute(expr: string, instance: string): string {
  return expr.replace(/\$(\w+)/g, (whole, name: string) => (name === 'instance' ? instance : (intervals[name] ?? whole)));
}

function allExpressions(): { dashboard: string; expression: DashboardExpression }[] {
  return Object.entries(dashboards()).flatMap(([dashboard, built]) => dashboardExpressions(built).map((expression) => ({ dashboard, expression })));
}

/**
 * Which expressions return nothing (or fail) from `prometheus`, as `dashboard source: expr
 * (why)` lines, all at once. A variable's label_values(metric, label) must list `instance`.
 */
async function emptyExpressions(prometheus: PrometheusUnderTest, expressions: readonly { dashboard: string; expression: DashboardExpression }[], instance: string): Promise<string[]> {
  const failures: string[] = [];
  for (const { dashboard, expression } of expressions) {
    const name = `${dashboard} ${expression.source}: ${expression.expr}`;
    try {
      if (expression.isVariableQuery) {
        const call = /^label_values\((.+),\s*(\w+)\)$/.exec(expression.expr);
        if (call === null) {
          failures.push(`${name} (not a label_values(metric, label) query)`);
          continue;
        }
        const values = await prometheus.labelValues(call[2]!, substitute(call[1]!, instance));
        if (!values.includes(instance)) failures.push(`${name} (values ${JSON.stringify(values)} lack ${instance})`);
      } else if (!(await prometheus.hasData(substitute(expression.expr, instance)))) {
        failures.push(`${name} (empty result)`);
      }
    } catch (error) {
      failures.push(`${name} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return failures;
}

/** Writes (unique ids), sharded reads and a malformed request through the proxy until stop(). Errors at failover are expected and counted. */
class ProxyLoad {
  readonly statuses = new Map<string, number>();
  acknowledged = 0;
  readonly #proxy: ProxyUnderTest;
  readonly #loops: Promise<void>[] = [];
  #stopped = false;
  #nextId = 1;

  constructor(proxy: ProxyUnderTest, writers: number) {
    this.#proxy = proxy;
    for (let i = 0; i < writers; i++) this.#loops.push(this.#run(() => this.#write()));
    this.#loops.push(this.#run(() => this.#read()));
    this.#loops.push(this.#run(() => this.#malformed(), 200));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all(this.#loops);
  }

  async #run(step: () => Promise<string>, pauseMs = 0): Promise<void> {
    while (!this.#stopped) {
      let outcome: string;
      try {
        outcome = await step();
      } catch (error) {
        outcome = error instanceof Error ? error.message.replace(/port \d+/, 'port N') : 'failed';
      }
      this.statuses.set(outcome, (this.statuses.get(outcome) ?? 0) + 1);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  async #write(): Promise<string> {
    const answer = await this.#proxy.cypher('CREATE (:Load {id: $id})', { id: this.#nextId++ }, {}, 5000);
    if (answer.status === 200 && (JSON.parse(answer.body) as { errors: unknown[] }).errors.length === 0) this.acknowledged++;
    return `write ${answer.status}`;
  }

  async #read(): Promise<string> {
    const key = `key-${this.#nextId % 50}`;
    const answer = await this.#proxy.cypher('MATCH (n:Load) RETURN count(n)', {}, { 'X-Shard-Key': key }, 5000);
    return `read ${answer.status}`;
  }

  /** A body that is not JSON: the proxy refuses it (outcome bad_request), so the Errors panel has a series. */
  async #malformed(): Promise<string> {
    const answer = await this.#proxy.request('POST', '/db/data/transaction/commit', { body: '{"statements": [', timeoutMs: 5000 });
    return `malformed ${answer.status}`;
  }
}

interface WebhookAlert {
  readonly status: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly generatorURL: string;
}

function alertmanagerWebhookAlerts(receiver: RecordingServer): WebhookAlert[] {
  return receiver.requests.flatMap((request) => (JSON.parse(request.body) as { alerts: WebhookAlert[] }).alerts);
}

describe('the monitoring stack: cluster, proxy, monitor, Prometheus and Alertmanager', () => {
  const temp = makeTempDir('monitoring-stack');
  let monitorHook: RecordingServer | undefined;
  let alertHook: RecordingServer | undefined;
  let monitorProcess: TestProcess | undefined;
  after(async () => {
    await StackProcess.killAll();
    await TestProcess.killAll();
    await monitorHook?.close();
    await alertHook?.close();
    temp.remove();
  });

  it('every dashboard expression has data; a master kill reaches the webhook, Alertmanager and /api/cluster', { timeout: 90_000 }, async (t) => {
    const cluster = await HaCluster.create(temp.dir, { size: 3 });
    await cluster.start();
    const { master: old } = await cluster.roles();

    monitorHook = await RecordingServer.start();
    alertHook = await RecordingServer.start();
    const [proxy, alertmanager] = await Promise.all([
      ProxyUnderTest.start(temp.dir, cluster, 'sharding: { keys: [ { header: X-Shard-Key } ] }'),
      AlertmanagerUnderTest.start(temp.dir, renderAlertmanagerConfig({ webhookUrl: `${alertHook.url}/alertmanager`, groupWait: '1s' })),
    ]);

    const monitorYaml = path.join(temp.dir, 'monitor.yaml');
    fs.writeFileSync(
      monitorYaml,
      [
        'listen: 127.0.0.1:0',
        'interval: 500ms',
        'timeout: 400ms',
        'cluster:',
        `  name: ${clusterName}`,
        '  flavor: ha',
        '  members:',
        ...cluster.members.map((member) => `    - { name: ${memberName(member)}, http: http://127.0.0.1:${member.port} }`),
        'thresholds: { lagTx: 100000, lagSeconds: 60 }',
        'alerts:',
        `  webhooks: [ ${monitorHook.url}/monitor ]`,
        `  alertmanager: ${alertmanager.url}`,
      ].join('\n'),
    );
    monitorProcess = TestProcess.cli(['monitor', '--config', monitorYaml]);
    const monitorAddress = String((await monitorProcess.waitForEvent('monitor_started', MONITOR_START_MS))['listen']);
    const clusterState = async (): Promise<ClusterState> => {
      const response = await fetch(`http://${monitorAddress}/api/cluster`, { signal: AbortSignal.timeout(2000) });
      assert.equal(response.status, 200);
      return (await response.json()) as ClusterState;
    };

    const prometheus = await PrometheusUnderTest.start(
      temp.dir,
      renderPrometheusConfig({
        members: cluster.members.map((member) => ({ name: memberName(member), address: `127.0.0.1:${member.port}` })),
        proxy: `127.0.0.1:${proxy.adminPort}`,
        monitor: monitorAddress,
        alertmanager: `127.0.0.1:${alertmanager.port}`,
        rulesFile,
        interval: '1s',
      }),
    );
    const diagnostics = (): string => [prometheus.process.describe(), alertmanager.process.describe(), monitorProcess?.describe() ?? ''].join('\n');

    await proxy.untilRouting(old, cluster.members, 10_000);
    const load = new ProxyLoad(proxy, 3);
    try {
      await eventually('Prometheus to scrape all 5 targets successfully', 15_000, async () => {
        const targets = await prometheus.targets();
        return targets.length === 5 && targets.every((target) => target.health === 'up') ? true : undefined;
      });
      // A few scrapes, so that rate() over 5s has samples on both sides of the load.
      await eventually('a few scrapes with writes in them', 15_000, async () =>
        load.acknowledged >= 20 && (await prometheus.hasData('count_over_time(up{job="graphlb-proxy"}[10s]) >= 4')) ? true : undefined,
      );

      const expressions = allExpressions();
      assert.ok(expressions.length >= 30, `only ${expressions.length} dashboard expressions found`);
      const steady = expressions.filter(({ expression }) => !needsFailover.test(expression.expr));
      const deferred = expressions.filter(({ expression }) => needsFailover.test(expression.expr));
      assert.ok(deferred.length >= 2, 'the re-election annotation and the write-hold panel are among the expressions');
      // The first queries may land before a rate window has two samples of a newly created series: retry, bounded, and report every failure of the last try.
      let failures: string[] = [];
      await eventually('every dashboard expression to return data', 10_000, async () => {
        failures = await emptyExpressions(prometheus, steady, memberName(old));
        return failures.length === 0 ? true : undefined;
      }, 500).catch(() => undefined);
      assert.equal(failures.length, 0, `dashboard expressions without data from Prometheus under load:\n${failures.join('\n')}`);
      t.diagnostic(`${steady.length} expressions had data under load; ${deferred.length} checked after the failover`);

      const steadyState = await clusterState();
      assert.equal(steadyState.master, memberName(old));

      await old.kill();
      const survivors = cluster.members.filter((member) => member !== old);
      const { master: successor } = await cluster.roles(survivors);

      const reelected = await eventually('master_reelected at the monitor\'s webhook', 15_000, async () =>
        monitorHook!.requests.map((request) => JSON.parse(request.body) as { event: string; from: string; to: string }).find((event) => event.event === 'master_reelected'),
      );
      assert.equal(reelected.from, memberName(old));
      assert.equal(reelected.to, memberName(successor));

      const moved = await eventually('the new master in /api/cluster', 5000, async () => {
        const state = await clusterState();
        return state.master === memberName(successor) ? state : undefined;
      });
      assert.equal(moved.members.find((member) => member.instance === memberName(old))?.role, 'down');

      // The monitor's alert carries the cluster label and its status page as generatorURL;
      // the rule's alert carries the labels of the series it fired on (job, instance of the
      // monitor target) and Prometheus's graph URL.
      const fromMonitor = (alert: { labels: Record<string, string>; generatorURL: string }): boolean => alert.labels['cluster'] === clusterName && alert.labels['job'] === undefined;
      const fromRule = (alert: { labels: Record<string, string>; generatorURL: string }): boolean => alert.labels['job'] === 'graphlb-monitor' && alert.labels['cluster'] === undefined;
      let seen: AlertmanagerAlert[] = [];
      const held = await eventually('both MasterReelected alerts in Alertmanager', 20_000, async () => {
        seen = await alertmanager.alerts('MasterReelected');
        return seen.some(fromMonitor) && seen.some(fromRule) ? seen : undefined;
      }).catch((error: unknown) => assert.fail(`${String(error)}; Alertmanager held the labels ${JSON.stringify(seen.map((alert) => alert.labels))}\n${diagnostics()}`));
      const pushed = held.find(fromMonitor)!;
      assert.equal(pushed.annotations['from'], memberName(old));
      assert.equal(pushed.annotations['to'], memberName(successor));
      assert.equal(pushed.generatorURL, `http://${monitorAddress}/`);
      assert.equal(pushed.labels['severity'], 'warning');
      const ruled = held.find(fromRule)!;
      assert.equal(ruled.labels['instance'], monitorAddress);
      assert.equal(ruled.labels['severity'], 'warning');
      assert.ok(ruled.generatorURL.startsWith(prometheus.url) || ruled.generatorURL.includes(`:${prometheus.port}/`), `the rule's alert names Prometheus: ${ruled.generatorURL}`);

      const firing = (): WebhookAlert[] => alertmanagerWebhookAlerts(alertHook!).filter((alert) => alert.labels['alertname'] === 'MasterReelected' && alert.status === 'firing');
      await eventually('both MasterReelected alerts at Alertmanager\'s webhook', 15_000, async () => (firing().some(fromMonitor) && firing().some(fromRule) ? true : undefined)).catch((error: unknown) =>
        assert.fail(`${String(error)}; the webhook got the labels ${JSON.stringify(firing().map((alert) => alert.labels))}`),
      );

      await eventually('the failover-only dashboard expressions to return data', 10_000, async () => {
        failures = await emptyExpressions(prometheus, deferred, memberName(successor));
        return failures.length === 0 ? true : undefined;
      }, 500).catch(() => undefined);
      assert.equal(failures.length, 0, `dashboard expressions without data after the failover:\n${failures.join('\n')}`);
      t.diagnostic(`load through the proxy: ${JSON.stringify(Object.fromEntries(load.statuses))}`);
    } finally {
      await load.stop();
    }
  });
});
