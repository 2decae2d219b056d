/**
 * Neo4j HA's branch scenario with real processes: with ha.tx_push_factor=0 and a pull
 * interval longer than the test, the master commits transactions no slave has, is killed
 * (SIGKILL), and a new master takes other writes. When the old master comes back its
 * history has branched: it moves its store aside under <data>/databases/branched/
 * (ha.branched_data_policy=keep_all), copies the new master's and rejoins as a slave, and
 * every member answers the same content.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually, HaCluster, START_MS, TEST_HA_SETTINGS, writeMember, type HaMember } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const CONTENT = 'MATCH (n) RETURN labels(n)[0] AS label, n.i AS i ORDER BY label, i';

describe('a branched HA member', () => {
  const temp = makeTempDir('ha-branch');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('moves its branch aside, copies the new master\'s store and converges', { timeout: 120_000 }, async () => {
    const noReplication = { 'ha.tx_push_factor': '0', 'ha.pull_interval': '600s' };
    const cluster = await HaCluster.create(temp.dir, { size: 3, settings: noReplication });
    await cluster.start();
    const { master: old, slaves } = await cluster.roles();
    for (let i = 0; i < 3; i++) assert.deepEqual((await old.cypher('CREATE (:Lost {i: $i})', { i })).errors, []);
    for (const slave of slaves) assert.equal(await slave.count('Lost'), 0, `member ${slave.id} received nothing`);
    await old.kill();

    const { master: successor, slaves: [survivor] } = await cluster.roles(slaves);
    for (let i = 0; i < 5; i++) assert.deepEqual((await successor.cypher('CREATE (:Kept {i: $i})', { i })).errors, []);

    // From here on members pull often, so that the survivor catches up too.
    const pulling = { ...TEST_HA_SETTINGS, 'ha.pull_interval': '100ms' };
    const restart = async (member: HaMember): Promise<void> => {
      writeMember(cluster.dir, member.id, cluster.coordination, cluster.coordination[member.id - 1]!, cluster.secret, pulling);
      await member.stop();
      await member.start();
    };
    await restart(old);
    const complete = await old.process!.waitForEvent('store_copy_complete', START_MS);
    assert.equal(complete['master'], successor.id);
    assert.ok(old.events().some((e) => e['event'] === 'branch_detected'), 'the old master logged branch_detected');
    const branched = path.join(old.dataDir, 'databases', 'branched');
    const kept = fs.readdirSync(branched);
    assert.equal(kept.length, 1, `one branch kept under ${branched}`);
    assert.ok(fs.existsSync(path.join(branched, kept[0]!, 'neostore')), 'the branch is the whole old store');
    assert.equal(await old.metric('graphlb_engine_branches_total'), 1);
    assert.equal(await old.metric('graphlb_engine_store_copies_total'), 1);
    await restart(survivor!);

    const roles = await cluster.roles();
    assert.equal(roles.master, successor, 'the new master stays master');
    const expected = await successor.rows(CONTENT);
    assert.deepEqual(expected, [0, 1, 2, 3, 4].map((i) => ['Kept', i]));
    for (const member of [old, survivor!]) {
      await eventually(`member ${member.id} to answer the new master's content`, 10_000, async () => {
        const rows = await member.rows(CONTENT);
        return JSON.stringify(rows) === JSON.stringify(expected) ? true : undefined;
      });
    }
  });
});
