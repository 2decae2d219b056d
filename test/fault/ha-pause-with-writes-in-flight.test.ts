/**
 * SIGSTOP of the master while writes are in flight, a new master elected, SIGCONT: a
 * commit admitted before the pause must not be acknowledged after the wake (its history is
 * set aside as a branch when the old master rejoins), so every acknowledged write is on
 * the new master. Writes answered "outcome unknown" are not counted as acknowledged.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ClusterWriters, eventually, HaCluster, idsOn } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

describe('SIGSTOP of the master with writes in flight', () => {
  const temp = makeTempDir('ha-pause-in-flight');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('keeps every acknowledged write', { timeout: 120_000 }, async () => {
    const cluster = await HaCluster.create(temp.dir, { size: 3 });
    await cluster.start();
    const { master: old, slaves } = await cluster.roles();
    const writers = new ClusterWriters(cluster, 'Load', 8);
    await eventually('200 acks', 30_000, async () => (writers.stats.acknowledged.size >= 200 ? true : undefined));
    old.signal('SIGSTOP');
    const { master: successor } = await cluster.roles(slaves);
    old.signal('SIGCONT');
    await eventually('old master back as a slave', 20_000, async () => ((await old.role()) === 'slave' ? true : undefined));
    const stats = await writers.stop();
    const held = await idsOn(successor, 'Load');
    const lost = stats.acks.filter((a) => !held.has(a.id)).map((a) => a.id);
    assert.deepEqual(
      lost,
      [],
      `acknowledged writes not on the new master ${successor.id} (of ${stats.acks.length}; its role now ${await successor.role()}); seen: ${JSON.stringify(cluster.members.flatMap((m) => m.haEvents()))}`,
    );
  });
});
