import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it, test } from 'node:test';
import { pino } from 'pino';
import { loadMonitorConfig } from '../../../monitor/config/load-monitor-config.js';
import type { MonitorConfig } from '../../../monitor/config/monitor-config.js';
import type { ClusterState } from '../../../monitor/model/cluster-state.js';
import { MonitorListenError, runMonitor } from '../../../monitor/monitor-process.js';
import { FakeMember } from './fake-member.js';
import { RecordingServer } from '../../support/recording-server.js';
import { makeTempDir } from '../../support/temp-dir.js';

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

describe('reload (SIGHUP)', () => {
  const temp = makeTempDir('monitor-reload');
  after(() => temp.remove());

  function yaml(members: Record<string, FakeMember>, options: { lagTx?: number; listen?: string } = {}): string {
    return [
      `listen: ${options.listen ?? '127.0.0.1:0'}`,
      // A timeout far above what an in-process fake needs: a slow answer on a loaded machine must not read as a member_down.
      'interval: 250ms',
      'timeout: 200ms',
      'cluster:',
      '  name: unit',
      '  members:',
      ...Object.entries(members).map(([name, member]) => `    - { name: ${name}, http: ${member.url} }`),
      `thresholds: { lagTx: ${options.lagTx ?? 1000}, lagSeconds: 60 }`,
      '',
    ].join('\n');
  }

  async function fakes(...roles: Array<'master' | 'slave'>): Promise<FakeMember[]> {
    const started = await Promise.all(roles.map(() => FakeMember.start()));
    started.forEach((member, i) => {
      member.state.role = roles[i]!;
      closers.push(() => member.close());
    });
    return started;
  }

  const roundsOf = (monitor: { snapshot(): ClusterState }): number => monitor.snapshot().rounds;

  it('scrapes an added member and no longer a removed one, applies a new threshold, and keeps what the model knew', async () => {
    const [m, s, x, y] = await fakes('master', 'slave', 'slave', 'slave');
    m!.state.txId = 100;
    const file = path.join(temp.dir, 'members.yaml');
    fs.writeFileSync(file, yaml({ m: m!, s: s!, x: x! }));
    const { lines, logger } = capture();
    const monitor = await runMonitor({ config: loadMonitorConfig(file, {}), configFile: file, env: {}, logger });
    try {
      await until('two rounds', () => (roundsOf(monitor) >= 2 ? true : undefined));
      assert.equal(lines.filter((line) => line['event'] === 'lag_high').length, 0, 's is 58 transactions behind, under lagTx 1000');

      fs.writeFileSync(file, yaml({ m: m!, s: s!, y: y! }, { lagTx: 10 }));
      assert.equal(await monitor.reload(), 'ok');
      const reload = lines.find((line) => line['event'] === 'config_reload');
      assert.ok(reload);
      assert.deepEqual([reload['outcome'], reload['file'], reload['changes'], reload['level']], ['ok', file, ['cluster.members', 'thresholds.lagTx'], 30]);
      assert.equal(reload['msg'], `configuration reloaded from ${file}: cluster.members, thresholds.lagTx`);
      assert.equal(y!.paths.length, 0, 'nothing scraped y before the reload');

      const high = await until('lag_high of s under the new threshold', () => lines.find((line) => line['event'] === 'lag_high'));
      assert.deepEqual([high['instance'], high['lagTx']], ['s', 58]);
      await until('y scraped', () => (y!.paths.length > 0 ? true : undefined));
      const xRequests = x!.paths.length;
      const rounds = roundsOf(monitor);
      await until('three more rounds', () => (roundsOf(monitor) >= rounds + 3 ? true : undefined));
      assert.equal(x!.paths.length, xRequests, 'the old loop makes no more rounds: x is not scraped any more');

      const state = (await (await fetch(`http://${monitor.address}/api/cluster`)).json()) as ClusterState;
      assert.deepEqual(state.members.map((member) => [member.instance, member.role]), [['m', 'master'], ['s', 'slave'], ['y', 'slave']]);
      assert.equal(state.master, 'm');
      const events = lines.map((line) => `${String(line['event'])} ${String(line['instance'] ?? '')}`);
      assert.ok(!events.includes('member_down x') && !events.includes('member_up s') && !events.includes('member_up m'), `no member event from the reload itself: ${events.join('; ')}`);
      const metrics = await (await fetch(`http://${monitor.address}/metrics`)).text();
      assert.match(metrics, /^graphlb_monitor_config_reloads_total\{outcome="ok"\} 1$/m);
      assert.match(metrics, /^graphlb_monitor_config_reloads_total\{outcome="failed"\} 0$/m);
    } finally {
      await monitor.close();
    }
  });

  it('keeps a changed listen with a warning, refuses a broken file keeping the config in force, and rebuilds the alert sinks only when alerts change', async () => {
    const [m] = await fakes('master');
    const hook = await RecordingServer.start();
    closers.push(() => hook.close());
    const file = path.join(temp.dir, 'listen.yaml');
    fs.writeFileSync(file, yaml({ m: m! }));
    const { lines, logger } = capture();
    const monitor = await runMonitor({ config: loadMonitorConfig(file, {}), configFile: file, env: {}, logger });
    try {
      const reloads = (): Record<string, unknown>[] => lines.filter((line) => line['event'] === 'config_reload');
      await until('a round', () => (roundsOf(monitor) >= 1 ? true : undefined));
      fs.writeFileSync(file, yaml({ m: m! }, { listen: '127.0.0.1:1' }));
      assert.equal(await monitor.reload(), 'ok');
      const kept = lines.find((line) => line['event'] === 'config_reload_listen_kept');
      assert.ok(kept);
      assert.equal(kept['warning'], `listen cannot change while the monitor runs: still serving on ${monitor.address}; restart the monitor to use the new address`);
      assert.equal(kept['level'], 40);
      assert.deepEqual(reloads()[0]!['changes'], []);
      assert.equal(reloads()[0]!['msg'], `configuration reloaded from ${file}: nothing changed`);
      assert.equal((await fetch(`http://${monitor.address}/healthz`)).status, 200);

      fs.writeFileSync(file, yaml({ m: m! }).replace('interval: 250ms', 'interval: soon'));
      assert.equal(await monitor.reload(), 'failed');
      const failed = reloads()[1]!;
      assert.deepEqual([failed['outcome'], failed['file'], failed['level']], ['failed', file, 50]);
      assert.match(String(failed['error']), new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:\\d+: interval: `));
      const rounds = roundsOf(monitor);
      await until('rounds go on', () => (roundsOf(monitor) > rounds + 1 ? true : undefined));

      // A webhook added: the sinks are rebuilt and the next event reaches it.
      fs.writeFileSync(file, `${yaml({ m: m! })}alerts: { webhooks: [ ${hook.url}/hook ] }\n`);
      assert.equal(await monitor.reload(), 'ok');
      const rebuilt = reloads()[2]!;
      assert.deepEqual([rebuilt['changes'], rebuilt['alertsDropped']], [['alerts.webhooks'], 0]);
      assert.match(String(rebuilt['msg']), /the webhook and Alertmanager sinks were rebuilt, 0 undelivered alert deliveries of the replaced ones dropped$/);
      m!.state.mode = 'garbage';
      await hook.waitFor(1);
      assert.equal((JSON.parse(hook.requests[0]!.body) as { event: string }).event, 'member_down');
      fs.writeFileSync(file, `${yaml({ m: m! }, { lagTx: 5 })}alerts: { webhooks: [ ${hook.url}/hook ] }\n`);
      assert.equal(await monitor.reload(), 'ok');
      assert.equal(reloads()[3]!['alertsDropped'], undefined, 'a threshold change keeps the sinks');

      const metrics = await (await fetch(`http://${monitor.address}/metrics`)).text();
      assert.match(metrics, /^graphlb_monitor_config_reloads_total\{outcome="ok"\} 3$/m);
      assert.match(metrics, /^graphlb_monitor_config_reloads_total\{outcome="failed"\} 1$/m);
    } finally {
      await monitor.close();
    }
    assert.equal(await monitor.reload(), 'failed', 'no reload after close');
  });

  it('refuses a reload without a configuration file', async () => {
    const [m] = await fakes('master');
    const { lines, logger } = capture();
    const file = path.join(temp.dir, 'none.yaml');
    fs.writeFileSync(file, yaml({ m: m! }));
    const monitor = await runMonitor({ config: loadMonitorConfig(file, {}), logger });
    try {
      assert.equal(await monitor.reload(), 'failed');
      assert.match(String(lines.find((line) => line['event'] === 'config_reload')?.['error']), /started without a configuration file/);
    } finally {
      await monitor.close();
    }
  });
});
