/**
 * A 3-member HA cluster of real `graphlb engine` processes on loopback: it forms and
 * elects one master that every surface agrees on, replicates (pull and push), refuses a
 * peer with the wrong secret, and loses and regains its master with a majority.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeHaBean, haBeanPaths } from '../../protocol/ha/high-availability-bean.js';
import { makeTempDir } from '../support/temp-dir.js';
import { freePort, TestProcess } from '../support/test-process.js';

const startMs = 30_000;
const electionMs = 20_000;
const secret = 'ha-cluster-test-secret';

interface Answer {
  readonly status: number;
  readonly body: string;
}

function request(port: number, method: string, urlPath: string, body?: unknown): Promise<Answer> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} got no answer within 10 s`)));
    req.on('error', reject);
    req.end(text);
  });
}

/** Polls `probe` until it returns a value, failing after `timeoutMs` with the last reason. */
async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms${last === undefined ? '' : ` (last error: ${String(last)})`}`);
}

class Member {
  readonly id: number;
  readonly conf: string;
  process: TestProcess | undefined;
  port = 0;

  constructor(id: number, conf: string) {
    this.id = id;
    this.conf = conf;
  }

  async start(): Promise<void> {
    this.process = TestProcess.cli(['engine', '--conf', this.conf]);
    const started = await this.process.waitForEvent('engine_started', startMs);
    this.port = Number(/:(\d+)$/.exec(String(started['http']))?.[1]);
  }

  async kill(): Promise<void> {
    await this.process?.kill();
  }

  async available(): Promise<Answer> {
    return request(this.port, 'GET', '/db/manage/server/ha/available');
  }

  async cypher(statement: string): Promise<{ errors: { code: string; message: string }[]; results: { data: { row: unknown[] }[] }[] }> {
    const answer = await request(this.port, 'POST', '/db/data/transaction/commit', { statements: [{ statement }] });
    assert.equal(answer.status, 200, answer.body);
    return JSON.parse(answer.body) as { errors: { code: string; message: string }[]; results: { data: { row: unknown[] }[] }[] };
  }

  async count(label: string): Promise<number> {
    const result = await this.cypher(`MATCH (n:${label}) RETURN count(n)`);
    assert.deepEqual(result.errors, []);
    return Number(result.results[0]?.data[0]?.row[0]);
  }

  async metric(name: string): Promise<number | undefined> {
    const answer = await request(this.port, 'GET', '/metrics');
    const match = new RegExp(`^${name} ([\\d.e+-]+)$`, 'm').exec(answer.body);
    return match === null ? undefined : Number(match[1]);
  }
}

describe('a three-member HA cluster', () => {
  const temp = makeTempDir('ha-cluster');
  const members: Member[] = [];
  let coordination: number[] = [];

  function writeConf(id: number, hosts: readonly number[], own: number, clusterSecret: string): string {
    const conf = path.join(temp.dir, `member-${id}.conf`);
    fs.writeFileSync(
      conf,
      [
        'dbms.mode=HA',
        `dbms.directories.data=${path.join(temp.dir, `data-${id}`)}`,
        'dbms.pagecache.memory=2m',
        'dbms.connector.http.listen_address=127.0.0.1:0',
        'dbms.security.auth_enabled=false',
        `ha.server_id=${id}`,
        `ha.initial_hosts=${hosts.map((port) => `127.0.0.1:${port}`).join(',')}`,
        `ha.host.coordination=127.0.0.1:${own}`,
        `ha.cluster_secret=${clusterSecret}`,
        'ha.heartbeat_interval=100ms',
        'ha.heartbeat_timeout=1s',
        // Long enough that a write found on a slave right after its commit came by push.
        'ha.pull_interval=2s',
        'ha.tx_push_factor=1',
        '',
      ].join('\n'),
    );
    return conf;
  }

  /** The master and the two slaves once all three agree on their roles. */
  async function roles(among: readonly Member[] = members): Promise<{ master: Member; slaves: Member[] }> {
    return eventually('one master and the rest slaves', electionMs, async () => {
      const answers = await Promise.all(among.map((m) => m.available()));
      const bodies = answers.map((a) => (a.status === 200 ? a.body : 'UNKNOWN'));
      if (bodies.filter((b) => b === 'master').length !== 1 || bodies.filter((b) => b === 'slave').length !== among.length - 1) return undefined;
      return { master: among[bodies.indexOf('master')]!, slaves: among.filter((_, i) => bodies[i] === 'slave') };
    });
  }

  before(async () => {
    coordination = await Promise.all([freePort(), freePort(), freePort()]);
    for (const id of [1, 2, 3]) members.push(new Member(id, writeConf(id, coordination, coordination[id - 1]!, secret)));
    await Promise.all(members.map((m) => m.start()));
  });

  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('elects exactly one master, and the three endpoints, the bean and the metrics of every member agree', async () => {
    const { master, slaves } = await roles();
    const expected = new Map(members.map((m) => [String(m.id), m === master ? 'master' : 'slave']));
    for (const member of members) {
      const role = expected.get(String(member.id))!;
      const isMaster = await request(member.port, 'GET', '/db/manage/server/ha/master');
      const isSlave = await request(member.port, 'GET', '/db/manage/server/ha/slave');
      assert.deepEqual([isMaster.status, isMaster.body], role === 'master' ? [200, 'true'] : [404, 'false'], `member ${member.id} /master`);
      assert.deepEqual([isSlave.status, isSlave.body], role === 'slave' ? [200, 'true'] : [404, 'false'], `member ${member.id} /slave`);
      await eventually(`member ${member.id}'s bean to show every role`, 5000, async () => {
        const bean = decodeHaBean(JSON.parse((await request(member.port, 'GET', haBeanPaths[0]!)).body));
        assert.equal(bean.instanceId, String(member.id));
        assert.equal(bean.role, role);
        const seen = new Map(bean.instancesInCluster.map((i) => [i.instanceId, i.haRole]));
        return bean.instancesInCluster.every((i) => i.alive) && [...expected].every(([id, r]) => seen.get(id) === r) ? bean : undefined;
      });
      assert.equal(await member.metric('neo4j_cluster_is_master'), role === 'master' ? 1 : 0);
      assert.equal(await member.metric('neo4j_cluster_is_available'), 1);
    }
    const epochs = await Promise.all(members.map((m) => m.metric('graphlb_engine_epoch')));
    assert.ok(epochs.every((e) => e !== undefined && e > 0 && e === epochs[0]), `one epoch: ${epochs.join(', ')}`);
    const discovery = JSON.parse((await request(slaves[0]!.port, 'GET', '/db/manage/server/ha')).body) as Record<string, string>;
    assert.deepEqual(discovery, {
      master: `http://127.0.0.1:${slaves[0]!.port}/db/manage/server/ha/master`,
      slave: `http://127.0.0.1:${slaves[0]!.port}/db/manage/server/ha/slave`,
    });
  });

  it('refuses a write on a slave with NotALeader, naming the master', async () => {
    const { master, slaves } = await roles();
    const result = await slaves[0]!.cypher('CREATE (:Refused)');
    assert.equal(result.errors[0]?.code, 'Neo.ClientError.Cluster.NotALeader');
    assert.match(result.errors[0]?.message ?? '', new RegExp(`member ${master.id} is the master`));
  });

  it('replicates writes on the master to both slaves', async () => {
    const { master, slaves } = await roles();
    for (let i = 0; i < 5; i++) assert.deepEqual((await master.cypher(`CREATE (:Replicated {i: ${i}})`)).errors, []);
    for (const slave of slaves) {
      await eventually(`slave ${slave.id} to hold the 5 writes`, 10_000, async () => ((await slave.count('Replicated')) === 5 ? true : undefined));
    }
  });

  it('pushes a commit to one slave before acknowledging it (ha.tx_push_factor=1)', async () => {
    const { master, slaves } = await roles();
    const acksBefore = (await master.metric('graphlb_engine_push_acks_total')) ?? 0;
    assert.deepEqual((await master.cypher('CREATE (:Pushed)')).errors, []);
    const holding = await Promise.all(slaves.map((s) => s.count('Pushed')));
    assert.ok(holding.includes(1), `one slave holds the acknowledged write at once: ${holding.join(', ')}`);
    assert.ok(((await master.metric('graphlb_engine_push_acks_total')) ?? 0) > acksBefore);
  });

  it('refuses a peer with the wrong cluster secret, which does not join', async () => {
    const intruderPort = await freePort();
    const intruder = new Member(4, writeConf(4, [...coordination, intruderPort], intruderPort, 'not-the-secret'));
    await intruder.start();
    try {
      await Promise.race(members.map((m) => m.process!.waitForEvent('peer_refused', 10_000)));
      const answer = await intruder.available();
      assert.deepEqual([answer.status, answer.body], [404, 'UNKNOWN']);
      assert.ok(intruder.process!.events().some((e) => e['event'] === 'waiting_for_members'));
      const { master } = await roles();
      const bean = decodeHaBean(JSON.parse((await request(master.port, 'GET', haBeanPaths[1]!)).body));
      assert.deepEqual(bean.instancesInCluster.map((i) => i.instanceId), ['1', '2', '3']);
    } finally {
      await intruder.kill();
    }
  });

  it('with two of three killed the last is not master and refuses writes but reads; a restart restores a master', async () => {
    const { master, slaves } = await roles();
    const before = await master.count('Replicated');
    await Promise.all(slaves.map((s) => s.kill()));
    await eventually('the lone member to step down', 10_000, async () => ((await master.available()).status === 404 ? true : undefined));
    const refused = await master.cypher('CREATE (:Lonely)');
    assert.equal(refused.errors[0]?.code, 'Neo.TransientError.Cluster.NoLeaderAvailable');
    assert.equal(await master.count('Replicated'), before);
    assert.equal(await master.metric('neo4j_cluster_is_master'), 0);

    const back = slaves[0]!;
    await back.start();
    const pair = await roles([master, back]);
    await eventually('a write to the new master', 10_000, async () => ((await pair.master.cypher('CREATE (:AfterRestart)')).errors.length === 0 ? true : undefined));
    assert.ok(back.process!.events().some((e) => e['event'] === 'cluster_members' && e['source'] === 'state_file'), 'the restarted member knew the cluster from its state file');
  });
});
