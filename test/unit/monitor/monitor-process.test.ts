import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { pino } from 'pino';
import type { MonitorConfig } from '../../../monitor/config/monitor-config.js';
import type { ClusterState } from '../../../monitor/model/cluster-state.js';
import { MonitorListenError, runMonitor } from '../../../monitor/monitor-process.js';
import { FakeMember } from './fake-member.js';
import { RecordingServer } from '../../support/recording-server.js';

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

function capture(): { lines: Record<string, unknown>[]; logger: pino.Logger } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info', redact: ['*.password'] }, stream) };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('runMonitor logs monitor_started with the bound address, scrapes, alerts the sinks and stops cleanly', async () => {
  const master = await FakeMember.start();
  master.state.role = 'master';
  const missing = await FakeMember.start();
  const missingUrl = missing.url;
  await missing.close();
  const alertmanager = await RecordingServer.start();
  closers.push(() => alertmanager.close(), () => master.close());
  const { lines, logger } = capture();
  const config: MonitorConfig = {
    listen: { host: '127.0.0.1', port: 0 },
    intervalMs: 50,
    timeoutMs: 500,
    cluster: {
      name: 'unit',
      flavor: 'ha',
      members: [
        { name: 'instance1', http: master.url },
        { name: 'instance2', http: missingUrl },
      ],
      auth: { user: 'neo4j', password: 'hunter2' },
    },
    thresholds: { lagTx: 1000, lagSeconds: 10 },
    alerts: { webhooks: [], alertmanager: alertmanager.url },
  };
  const monitor = await runMonitor({ config, logger });
  try {
    const started = lines.find((line) => line['event'] === 'monitor_started');
    assert.ok(started);
    assert.equal(started['listen'], monitor.address);
    assert.match(monitor.address, /^127\.0\.0\.1:\d+$/);
    assert.doesNotMatch(JSON.stringify(lines), /hunter2/);

    const down = await until('member_down logged', () => lines.find((line) => line['event'] === 'member_down'));
    assert.equal(down['instance'], 'instance2');
    assert.equal(down['level'], 40);
    const state = (await (await fetch(`http://${monitor.address}/api/cluster`)).json()) as ClusterState;
    assert.equal(state.master, 'instance1');
    await alertmanager.waitFor(1);
    const alerts = JSON.parse(alertmanager.requests[0]!.body) as Array<{ labels: Record<string, string>; generatorURL: string }>;
    assert.ok(alerts.some((alert) => alert.labels['alertname'] === 'MemberDown' && alert.labels['instance'] === 'instance2'));
    assert.equal(alerts[0]!.generatorURL, `http://${monitor.address}/`);
    const metrics = await (await fetch(`http://${monitor.address}/metrics`)).text();
    assert.match(metrics, /graphlb_monitor_scrapes_total\{instance="instance2",outcome="failed"\} [1-9]/);
    assert.match(metrics, /graphlb_monitor_events_total\{event="member_down"\} 1/);
  } finally {
    await monitor.close();
  }
  assert.ok(lines.some((line) => line['event'] === 'monitor_stopped'));
  const rounds = master.paths.length;
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(master.paths.length, rounds, 'no scrape after close()');
});

test('a listen address in use is refused with what to do', async () => {
  const blocker = await RecordingServer.start();
  closers.push(() => blocker.close());
  const port = Number(new URL(blocker.url).port);
  const config: MonitorConfig = {
    listen: { host: '127.0.0.1', port },
    intervalMs: 1000,
    timeoutMs: 500,
    cluster: { name: 'unit', flavor: 'ha', members: [{ name: 'instance1', http: 'http://127.0.0.1:1' }], auth: undefined },
    thresholds: { lagTx: 1000, lagSeconds: 10 },
    alerts: { webhooks: [], alertmanager: undefined },
  };
  await assert.rejects(runMonitor({ config, logger: pino({ level: 'silent' }) }), (error: unknown) => {
    assert.ok(error instanceof MonitorListenError);
    assert.match(error.message, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(listen\\): .*EADDRINUSE.*; free the port or set another listen address`));
    return true;
  });
});
