/**
 * `graphlb proxy` as a real process in front of a real 3-member HA cluster: it starts
 * (port 0 listeners, addresses from proxy_started), /status shows the three members and
 * the master, a write and a read go through it, `graphlb status` prints the table, SIGHUP
 * applies a good change while a keep-alive client connection stays usable, a broken file
 * on SIGHUP keeps the old config and the proxy serving, a changed listen address is kept
 * with a warning, SIGTERM stops it with exit code 0, and a bad file at start ends with
 * file:line:col and exit code 2.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { StatusDocument } from '../../proxy/admin/status-document.js';
import { eventually, HaCluster, type HaMember } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const startMs = 30_000;

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly reusedSocket: boolean;
}

function call(port: number, method: string, urlPath: string, body?: unknown, agent: http.Agent | false = false): Promise<Answer> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), reusedSocket: req.reusedSocket }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} on port ${port} timed out`)));
    req.on('error', reject);
    req.end(text);
  });
}

function configText(members: readonly HaMember[], extra = ''): string {
  return [
    'listen: { http: 127.0.0.1:0, bolt: 127.0.0.1:0, admin: 127.0.0.1:0 }',
    'cluster:',
    '  flavor: ha',
    '  members:',
    ...members.map((m) => `    - { name: member${m.id}, http: http://127.0.0.1:${m.port} }`),
    'health: { interval: 200ms, timeout: 150ms, rise: 1, fall: 1 }',
    'routing: { maxLagTx: 1000, writeHold: 5s }',
    extra,
  ].join('\n');
}

function portOf(address: unknown): number {
  return Number(/:(\d+)$/.exec(String(address))?.[1]);
}

describe('graphlb proxy in front of a 3-member cluster', () => {
  const temp = makeTempDir('cli-proxy');
  const configFile = path.join(temp.dir, 'proxy.yaml');
  let cluster: HaCluster;
  let master: HaMember;
  let proxy: TestProcess;
  let httpPort: number;
  let adminPort: number;

  before(async () => {
    cluster = await HaCluster.create(temp.dir, { size: 3 });
    await cluster.start();
    master = (await cluster.roles()).master;
    fs.writeFileSync(configFile, configText(cluster.members));
    proxy = TestProcess.cli(['proxy', '--config', configFile]);
    const started = await proxy.waitForEvent('proxy_started', startMs);
    httpPort = portOf(started['http']);
    adminPort = portOf(started['admin']);
  });

  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  async function status(): Promise<StatusDocument> {
    const answer = await call(adminPort, 'GET', '/status');
    assert.equal(answer.status, 200, answer.body);
    return JSON.parse(answer.body) as StatusDocument;
  }

  it('logs that Bolt is not served, and /status shows the three members and the master', async () => {
    const bolt = await proxy.waitForEvent('bolt_not_served', startMs);
    assert.equal(bolt['bolt'], '127.0.0.1:0');
    const document = await eventually('the proxy to see one master and two slaves', startMs, async () => {
      const current = await status();
      return current.master === `member${master.id}` && current.members.every((m) => m.serving) ? current : undefined;
    });
    assert.deepEqual(
      document.members.map((m) => [m.name, m.origin, m.health, m.role]),
      cluster.members.map((m) => [`member${m.id}`, `http://127.0.0.1:${m.port}`, 'up', m === master ? 'master' : 'slave']),
    );
    assert.equal(document.config.file, configFile);
    assert.equal((await call(adminPort, 'GET', '/healthz')).body, 'ok\n');
  });

  it('forwards a write to the master and a read that sees it', async () => {
    const write = await call(httpPort, 'POST', '/db/data/transaction/commit', { statements: [{ statement: 'CREATE (:ThroughProxy {v: 1})' }] });
    assert.equal(write.status, 200, write.body);
    assert.deepEqual((JSON.parse(write.body) as { errors: unknown[] }).errors, []);
    assert.equal(await master.count('ThroughProxy'), 1, 'the write landed on the master');
    await eventually('the read through the proxy to see the write', 10_000, async () => {
      const read = await call(httpPort, 'POST', '/db/data/transaction/commit', { statements: [{ statement: 'MATCH (n:ThroughProxy) RETURN count(n)' }] });
      const rows = (JSON.parse(read.body) as { results: { data: { row: unknown[] }[] }[] }).results[0]?.data;
      return rows?.[0]?.row[0] === 1 ? true : undefined;
    });
  });

  it('`graphlb status --proxy` prints the member table and the master', async () => {
    const run = TestProcess.cli(['status', '--proxy', `http://127.0.0.1:${adminPort}`]);
    assert.deepEqual(await run.exit(startMs), { code: 0, signal: null }, run.describe());
    assert.match(run.lines.stdout[0] ?? '', /^member +role +health +last tx +lag +in flight +shard share$/);
    for (const member of cluster.members) {
      const role = member === master ? 'master' : 'slave';
      assert.ok(run.lines.stdout.some((line) => new RegExp(`^member${member.id} +${role} +up +\\d+ +\\d+ +\\d+ +-$`).test(line)), run.describe());
    }
    assert.ok(run.lines.stdout.includes(`master: member${master.id}`), run.describe());
  });

  it('`graphlb status` says clearly when no proxy answers, with exit code 1', async () => {
    const run = TestProcess.cli(['status', '--proxy', 'http://127.0.0.1:1']);
    assert.equal((await run.exit(startMs)).code, 1, run.describe());
    assert.equal(run.lines.stderr.length, 1, run.describe());
    assert.match(run.lines.stderr[0]!, /^graphlb status: cannot read http:\/\/127\.0\.0\.1:1\/status \(ECONNREFUSED\); expected a graphlb proxy/);
  });

  it('applies a good change on SIGHUP while a keep-alive client connection stays usable', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await call(httpPort, 'GET', '/', undefined, agent);
      assert.equal(first.status, 200, first.body);
      const loadedBefore = (await status()).config.loadedAt;
      fs.writeFileSync(configFile, configText(cluster.members).replace('maxLagTx: 1000', 'maxLagTx: 7'));
      proxy.signal('SIGHUP');
      const reload = await proxy.waitForEvent('config_reload', 10_000);
      assert.equal(reload['outcome'], 'ok', proxy.describe());
      assert.deepEqual(reload['changes'], ['routing.maxLagTx']);
      assert.equal(reload['warning'], undefined);
      const second = await call(httpPort, 'GET', '/', undefined, agent);
      assert.equal(second.status, 200);
      assert.equal(second.reusedSocket, true, 'the same client connection served the request after the reload');
      assert.notEqual((await status()).config.loadedAt, loadedBefore);
      assert.match((await call(adminPort, 'GET', '/metrics')).body, /^graphlb_proxy_config_reloads_total\{outcome="ok"\} 1$/m);
    } finally {
      agent.destroy();
    }
  });

  it('keeps the old config and keeps serving when the file is broken on SIGHUP', async () => {
    const loadedBefore = (await status()).config.loadedAt;
    fs.writeFileSync(configFile, configText(cluster.members).replace('maxLagTx: 1000', 'maxLagTx: lots'));
    proxy.signal('SIGHUP');
    const reload = await proxy.waitForEvent('config_reload', 10_000, (fields) => fields['outcome'] === 'failed');
    assert.match(String(reload['error']), new RegExp(`^${configFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:9:\\d+: routing\\.maxLagTx: `));
    assert.equal((await status()).config.loadedAt, loadedBefore, 'the configuration in force is the old one');
    const read = await call(httpPort, 'POST', '/db/data/transaction/commit', { statements: [{ statement: 'RETURN 1' }] });
    assert.equal(read.status, 200, read.body);
    assert.match((await call(adminPort, 'GET', '/metrics')).body, /^graphlb_proxy_config_reloads_total\{outcome="failed"\} 1$/m);
  });

  it('keeps its listeners when a reload changes listen, with a warning', async () => {
    fs.writeFileSync(configFile, configText(cluster.members).replace('admin: 127.0.0.1:0', 'admin: 127.0.0.1:1'));
    proxy.signal('SIGHUP');
    const reload = await proxy.waitForEvent('config_reload', 10_000, (fields) => fields['warning'] !== undefined);
    assert.equal(reload['outcome'], 'ok');
    assert.match(String(reload['warning']), new RegExp(`^listen\\.admin cannot change while the proxy runs: still serving HTTP on 127\\.0\\.0\\.1:${httpPort} and admin on 127\\.0\\.0\\.1:${adminPort}; restart`));
    assert.equal((await call(adminPort, 'GET', '/healthz')).status, 200);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    proxy.signal('SIGTERM');
    assert.deepEqual(await proxy.exit(startMs), { code: 0, signal: null }, proxy.describe());
    assert.ok(proxy.events().some((e) => e['event'] === 'proxy_stopped' && e['drained'] === true), proxy.describe());
  });

  it('refuses a bad file at start with file:line:col on one line and exit code 2', async () => {
    const bad = path.join(temp.dir, 'bad.yaml');
    fs.writeFileSync(bad, 'cluster:\n  members: []\nhealth: { interval: soon }\n');
    const run = TestProcess.cli(['proxy', '--config', bad]);
    assert.equal((await run.exit(startMs)).code, 2, run.describe());
    assert.equal(run.lines.stderr.length, 1, run.describe());
    assert.match(run.lines.stderr[0]!, new RegExp(`^graphlb proxy: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: `));
    assert.deepEqual(run.lines.stdout, []);
  });
});
