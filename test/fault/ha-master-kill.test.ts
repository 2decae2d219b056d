/**
 * kill -9 of the master of a 3-member HA cluster under a continuous write load (default
 * ha.tx_push_factor=1): the two left elect a new master, the writers find it and their
 * writes resume, and every write that was acknowledged before or after the kill is on the
 * new master and on the other survivor.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ClusterWriters, eventually, HaCluster, idsOn, ELECTION_MS } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const WRITERS = 4;

describe('kill -9 of the HA master under a write load', () => {
  const temp = makeTempDir('ha-master-kill');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('elects a new master, writes resume, and every acknowledged write is on the new master', { timeout: 120_000 }, async () => {
    const cluster = await HaCluster.create(temp.dir, { size: 3 });
    await cluster.start();
    const { master: old, slaves } = await cluster.roles();
    const writers = new ClusterWriters(cluster, 'Load', WRITERS);
    try {
      await eventually('100 writes acknowledged before the kill', 30_000, async () => (writers.stats.acknowledged.size >= 100 ? true : undefined));
      await old.kill();
      const ackedAtKill = writers.stats.acknowledged.size;
      const { master: successor } = await cluster.roles(slaves, ELECTION_MS);
      await eventually('100 more writes acknowledged after the kill', 30_000, async () =>
        writers.stats.acknowledged.size >= ackedAtKill + 100 ? true : undefined,
      );
      assert.ok(slaves.includes(successor));
      const stats = await writers.stop();

      // Under a loaded machine the survivors may hold a second election after the first;
      // whoever is master once the writers stopped must hold every acknowledged write.
      const { master: last, slaves: rest } = await cluster.roles(slaves, ELECTION_MS);
      const onLast = await idsOn(last, 'Load');
      const missing = [...stats.acknowledged].filter((id) => !onLast.has(id));
      assert.deepEqual(missing, [], `acknowledged writes missing on the master ${last.id} (of ${stats.acknowledged.size}); elections seen: ${JSON.stringify(slaves.flatMap((m) => m.haEvents()))}`);
      const survivor = rest[0]!;
      await eventually(`the other survivor ${survivor.id} to hold every acknowledged write`, 10_000, async () => {
        const held = await idsOn(survivor, 'Load');
        return [...stats.acknowledged].every((id) => held.has(id)) ? true : undefined;
      });
      assert.ok(stats.refused + stats.failed > 0, 'the kill interrupted at least one write');
    } finally {
      await writers.stop().catch(() => undefined);
    }
  });
});
