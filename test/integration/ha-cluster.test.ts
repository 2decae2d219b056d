/**
 * A 3-member HA cluster of real `graphlb engine` processes on loopback: it forms and
 * elects one master that every surface agrees on, replicates (pull and push), refuses a
 * peer with the wrong secret, and loses and regains its master with a majority.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeHaBean, haBeanPaths } from '../../protocol/ha/high-availability-bean.js';
import { eventually, HaCluster, request, TEST_HA_SETTINGS, writeMember, type HaMember } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { freePort, TestProcess } from '../support/test-process.js';

describe('a three-member HA cluster', () => {
  const temp = makeTempDir('ha-cluster');
  const secret = 'ha-cluster-test-secret';
  // Long enough that a write found on a slave right after its commit came by push.
  const settings = { 'ha.pull_interval': '2s' };
  let cluster: HaCluster;
  let members: HaMember[] = [];

  function roles(among: readonly HaMember[] = members): Promise<{ master: HaMember; slaves: HaMember[] }> {
    return cluster.roles(among);
  }

  before(async () => {
    cluster = await HaCluster.create(temp.dir, { size: 3, secret, settings });
    members = cluster.members;
    await cluster.start();
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

  it('runs a write sent to a slave through the master (test/integration/ha-slave-writes.test.ts has the details)', async () => {
    const { master, slaves } = await roles();
    assert.deepEqual((await slaves[0]!.cypher('CREATE (:ThroughTheMaster)')).errors, []);
    assert.equal(await master.count('ThroughTheMaster'), 1);
    assert.equal(await slaves[0]!.count('ThroughTheMaster'), 1);
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
    const intruder = writeMember(temp.dir, 4, [...cluster.coordination, intruderPort], intruderPort, 'not-the-secret', { ...TEST_HA_SETTINGS, ...settings });
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
