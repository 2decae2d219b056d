/**
 * `graphlb monitor --config FILE` as a real process watching fake members (started in this
 * test process): SIGHUP with a broken file keeps the configuration in force and the
 * monitor serving (config_reload failed, naming file:line:col); SIGHUP with a member added
 * and the interval changed applies both (config_reload ok, /api/cluster lists the new
 * member, which gets scraped); SIGTERM stops it with exit code 0.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClusterState } from '../../monitor/model/cluster-state.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';
import { FakeMember } from '../unit/monitor/fake-member.js';

const startMs = 30_000;
const eventMs = 10_000;

function configText(members: Readonly<Record<string, FakeMember>>, interval: string): string {
  return [
    'listen: 127.0.0.1:0',
    `interval: ${interval}`,
    'timeout: 300ms',
    'cluster:',
    '  members:',
    ...Object.entries(members).map(([name, member]) => `    - { name: ${name}, http: ${member.url} }`),
    '',
  ].join('\n');
}

describe('graphlb monitor reloads its configuration on SIGHUP', () => {
  const temp = makeTempDir('cli-monitor');
  const configFile = path.join(temp.dir, 'monitor.yaml');
  const fakes: FakeMember[] = [];
  let first: FakeMember;
  let second: FakeMember;
  let added: FakeMember;
  let monitor: TestProcess;
  let address: string;

  async function cluster(): Promise<ClusterState> {
    const response = await fetch(`http://${address}/api/cluster`, { signal: AbortSignal.timeout(5000) });
    assert.equal(response.status, 200);
    return (await response.json()) as ClusterState;
  }

  before(async () => {
    [first, second, added] = await Promise.all([FakeMember.start(), FakeMember.start(), FakeMember.start()]);
    fakes.push(first, second, added);
    first.state.role = 'master';
    fs.writeFileSync(configFile, configText({ first, second }, '600ms'));
    monitor = TestProcess.cli(['monitor', '--config', configFile]);
    address = String((await monitor.waitForEvent('monitor_started', startMs))['listen']);
  });

  after(async () => {
    await TestProcess.killAll();
    await Promise.all(fakes.map((fake) => fake.close()));
    temp.remove();
  });

  it('keeps the configuration in force and keeps serving when the file is broken', async () => {
    fs.writeFileSync(configFile, configText({ first, second }, '600ms').replace('timeout: 300ms', 'timeout: soon'));
    monitor.signal('SIGHUP');
    const reload = await monitor.waitForEvent('config_reload', eventMs);
    assert.equal(reload['outcome'], 'failed', monitor.describe());
    assert.equal(reload['file'], configFile);
    assert.match(String(reload['error']), new RegExp(`^${configFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: `));
    assert.equal(reload['level'], 'error');
    assert.ok(monitor.running);
    const state = await cluster();
    assert.deepEqual(state.members.map((member) => member.instance), ['first', 'second']);
    assert.equal(added.paths.length, 0);
  });

  it('applies an added member and a new interval: the member is listed and scraped', async () => {
    fs.writeFileSync(configFile, configText({ first, second, added }, '400ms'));
    monitor.signal('SIGHUP');
    const reload = await monitor.waitForEvent('config_reload', eventMs, (fields) => fields['outcome'] === 'ok');
    assert.deepEqual(reload['changes'], ['interval', 'cluster.members'], monitor.describe());
    assert.equal(reload['file'], configFile);
    const deadline = Date.now() + eventMs;
    let state = await cluster();
    while (!state.members.some((member) => member.instance === 'added' && member.up)) {
      assert.ok(Date.now() < deadline, `the added member is not up in /api/cluster within ${eventMs} ms: ${JSON.stringify(state.members)}\n${monitor.describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await cluster();
    }
    assert.deepEqual(state.members.map((member) => [member.instance, member.role]), [['first', 'master'], ['second', 'slave'], ['added', 'slave']]);
    assert.ok(added.paths.length > 0, 'the added member was scraped');
    assert.equal(state.master, 'first');
    const metrics = await (await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    assert.match(metrics, /^graphlb_monitor_config_reloads_total\{outcome="ok"\} 1$/m);
    assert.match(metrics, /^graphlb_monitor_config_reloads_total\{outcome="failed"\} 1$/m);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    monitor.signal('SIGTERM');
    const exit = await monitor.exit(eventMs);
    assert.deepEqual(exit, { code: 0, signal: null }, monitor.describe());
    assert.ok(monitor.events().some((event) => event['event'] === 'monitor_stopped'));
  });
});
