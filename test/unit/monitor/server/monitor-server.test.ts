import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { monitorMetricDefinitions } from '../../../../monitor/metrics/monitor-metric-definitions.js';
import { ClusterModel } from '../../../../monitor/model/cluster-model.js';
import type { ClusterState } from '../../../../monitor/model/cluster-state.js';
import { LiveHub, type LiveMessage } from '../../../../monitor/server/live-hub.js';
import { MonitorMetrics } from '../../../../monitor/server/monitor-metrics.js';
import { MonitorServer } from '../../../../monitor/server/monitor-server.js';
import { loadPageAssets } from '../../../../monitor/server/page-assets.js';
import { RoundHistory, roundPoint } from '../../../../monitor/server/round-history.js';
import { parsePrometheusText } from '../../../../protocol/prometheus/prometheus-text.js';
import { names, round, type MemberAnswer } from '../rounds.js';

let server: MonitorServer;
let base: string;
const model = new ClusterModel({ members: names, thresholds: { lagTx: 100, lagSeconds: 60 }, cluster: 'test' });
const history = new RoundHistory(300_000);
const metrics = new MonitorMetrics(() => ({ webhook: 2, alertmanager: 0 }));
const live = new LiveHub({ maxBufferedBytes: 1024 * 1024, hello: () => ({ type: 'hello', snapshot: model.snapshot(), history: history.points() }) });

/** One round through the model to the metrics and /live, as the daemon does it. */
function apply(at: number, answers: MemberAnswer[]): void {
  const events = model.update(round(at, answers), at);
  const state = model.snapshot();
  metrics.update(state);
  const point = roundPoint(state);
  history.add(point);
  live.broadcast({ type: 'round', snapshot: state, point });
  for (const { snapshot: _snapshot, ...event } of events) live.broadcast({ type: 'event', event });
}

before(async () => {
  server = await MonitorServer.listen({ host: '127.0.0.1', port: 0, metrics, snapshot: () => model.snapshot(), live, assets: loadPageAssets() });
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

test('before the first round /healthz is 503 and /api/cluster has no time', async () => {
  assert.equal((await fetch(`${base}/healthz`)).status, 503);
  const state = (await (await fetch(`${base}/api/cluster`)).json()) as ClusterState;
  assert.equal(state.at, null);
});

test('/api/cluster is the snapshot: one master, two slaves with their lag', async () => {
  apply(1000, [{ role: 'master', epoch: 4, txId: 120 }, { role: 'slave', txId: 100 }, { role: 'slave', txId: 120 }]);
  const response = await fetch(`${base}/api/cluster`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  const state = (await response.json()) as ClusterState;
  assert.equal(state.cluster, 'test');
  assert.equal(state.master, 'instance1');
  assert.equal(state.epoch, 4);
  assert.deepEqual(
    state.members.map((member) => [member.instance, member.role, member.lagTx]),
    [
      ['instance1', 'master', 0],
      ['instance2', 'slave', 20],
      ['instance3', 'slave', 0],
    ],
  );
  assert.equal((await fetch(`${base}/healthz`)).status, 200);
});

test('/metrics has every name of the metric table, the cluster gauges set from the snapshot', async () => {
  const response = await fetch(`${base}/metrics`);
  assert.equal(response.status, 200);
  const families = parsePrometheusText(await response.text());
  const byName = new Map(families.map((family) => [family.name, family]));
  for (const [name, definition] of Object.entries(monitorMetricDefinitions)) {
    const family = byName.get(name);
    assert.ok(family, `${name} is missing from /metrics`);
    assert.equal(family.type, definition.type, `${name} has type ${family.type}`);
  }
  const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
    byName.get(name)?.samples.find((sample) => sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted))?.value;
  assert.equal(value('graphlb_cluster_masters'), 1);
  assert.equal(value('graphlb_cluster_lag_transactions', { instance: 'instance2' }), 20);
  assert.equal(value('graphlb_cluster_role', { instance: 'instance1', role: 'master' }), 1);
  assert.equal(value('graphlb_cluster_role', { instance: 'instance1', role: 'slave' }), 0);
  assert.equal(value('graphlb_cluster_instance_up', { instance: 'instance3' }), 1);
  assert.equal(value('graphlb_cluster_epoch'), 4);
  assert.equal(value('graphlb_cluster_views_agree'), 1);
  assert.equal(value('graphlb_monitor_alert_queue_length', { sink: 'webhook' }), 2);
  assert.ok(byName.has('process_cpu_user_seconds_total'), 'process metrics from prom-client defaults');
});

test('a down member loses its lag series instead of keeping a stale one; a re-election counts', async () => {
  apply(2000, [{ role: 'down' }, { role: 'master', epoch: 5, txId: 120 }, { role: 'slave', txId: 120 }]);
  const families = parsePrometheusText(await (await fetch(`${base}/metrics`)).text());
  const samples = families.flatMap((family) => family.samples);
  assert.equal(samples.find((s) => s.name === 'graphlb_cluster_lag_transactions' && s.labels['instance'] === 'instance1'), undefined);
  assert.equal(samples.find((s) => s.name === 'graphlb_cluster_instance_up' && s.labels['instance'] === 'instance1')?.value, 0);
  assert.equal(samples.find((s) => s.name === 'graphlb_cluster_master_changes_total')?.value, 1);
});

test('WebSocket /live sends the snapshot with the recent rounds on connect, then each round and each event', async () => {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/live`);
  const messages: LiveMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as LiveMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (predicate: (message: LiveMessage) => boolean): Promise<LiveMessage> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = messages.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no such message within 5 s; got ${messages.map((m) => m.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  try {
    const hello = await next((message) => message.type === 'hello');
    assert.ok(hello.type === 'hello');
    assert.equal(hello.snapshot.master, 'instance2');
    assert.equal(hello.history.length, 2);
    assert.ok(hello.snapshot.lastEvents.some((event) => event.event === 'master_reelected'));

    apply(3000, [{ role: 'master', epoch: 6, txId: 130 }, { role: 'down' }, { role: 'slave', txId: 130 }]);
    const roundMessage = await next((message) => message.type === 'round');
    assert.ok(roundMessage.type === 'round');
    assert.equal(roundMessage.snapshot.master, 'instance1');
    assert.equal(roundMessage.point.at, 3000);
    const event = await next((message) => message.type === 'event' && message.event.event === 'master_reelected');
    assert.ok(event.type === 'event' && event.event.event === 'master_reelected');
    assert.equal(event.event.from, 'instance2');
    assert.equal(event.event.to, 'instance1');
    assert.equal('snapshot' in event.event, false);
    assert.ok(messages.indexOf(roundMessage) < messages.indexOf(event), 'the round comes before its events');
  } finally {
    ws.terminate();
  }
});

test('the status page and its files are served; unknown paths are 404, other methods 405, other upgrades refused', async () => {
  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  const html = await page.text();
  assert.match(html, /id="master"/);
  assert.doesNotMatch(html, /https?:\/\//, 'no external resources');
  assert.equal((await fetch(`${base}/status.js`)).status, 200);
  assert.equal((await fetch(`${base}/status.css`)).status, 200);
  assert.equal((await fetch(`${base}/nope`)).status, 404);
  const post = await fetch(`${base}/api/cluster`, { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
  const refused = new WebSocket(`${base.replace('http', 'ws')}/elsewhere`);
  const outcome = await new Promise<string>((resolve) => {
    refused.on('open', () => resolve('open'));
    refused.on('error', (error) => resolve(error.message));
  });
  assert.match(outcome, /404/);
});

test('a client that does not read is dropped once its buffer passes the limit', async () => {
  const small = new LiveHub({ maxBufferedBytes: 1, hello: () => ({ type: 'hello', snapshot: model.snapshot(), history: [] }) });
  const tiny = await MonitorServer.listen({ host: '127.0.0.1', port: 0, metrics, snapshot: () => model.snapshot(), live: small, assets: loadPageAssets() });
  const ws = new WebSocket(`ws://127.0.0.1:${tiny.address().port}/live`);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    // Stop reading: the server's sends pile up in its socket buffer.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const state = model.snapshot();
    const deadline = Date.now() + 5000;
    while (small.dropped === 0 && Date.now() < deadline) {
      for (let i = 0; i < 50; i++) small.broadcast({ type: 'round', snapshot: state, point: roundPoint(state) });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(small.dropped, 1);
    assert.equal(small.clients, 0);
  } finally {
    ws.terminate();
    await tiny.close();
  }
});
