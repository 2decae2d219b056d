/**
 * A new, empty member joins a 3-member HA cluster of real processes that already holds
 * data: it gets a copy of the master's store while it runs (no history is pulled from tx
 * 1), then serves the data as a slave and follows later commits.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { eventually, HaCluster, START_MS } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const NODES = 50;

describe('a new member of an HA cluster with data', () => {
  const temp = makeTempDir('ha-store-copy');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('catches up by a store copy from the master and serves the data', { timeout: 120_000 }, async () => {
    const cluster = await HaCluster.create(temp.dir, { size: 3 });
    await cluster.start();
    const { master, slaves } = await cluster.roles();
    const rows = Array.from({ length: NODES }, (_, i) => i);
    assert.deepEqual((await master.cypher('UNWIND $rows AS i CREATE (:Copied {i: i})', { rows })).errors, []);
    const newcomer = slaves[0]!;
    await eventually(`member ${newcomer.id} to hold the data`, 10_000, async () => ((await newcomer.count('Copied')) === NODES ? true : undefined));

    await newcomer.stop();
    fs.rmSync(newcomer.dataDir, { recursive: true, force: true });
    await newcomer.start();

    const complete = await newcomer.process!.waitForEvent('store_copy_complete', START_MS);
    assert.equal(complete['master'], master.id);
    const needed = newcomer.events().find((e) => e['event'] === 'store_copy_needed');
    assert.equal(needed?.['code'], 'STORE_EMPTY');
    assert.ok(newcomer.events().some((e) => e['event'] === 'store_copy' && e['phase'] === 'done'), 'the copy logged its progress');
    assert.ok(master.events().some((e) => e['event'] === 'store_copy_served' && e['phase'] === 'done'), 'the master served the copy');
    await cluster.roles();
    assert.equal(await newcomer.count('Copied'), NODES);
    assert.equal(await newcomer.metric('graphlb_engine_store_copies_total'), 1);
    assert.equal(await newcomer.metric('graphlb_engine_branches_total'), 0);

    assert.deepEqual((await master.cypher('CREATE (:AfterCopy)')).errors, []);
    await eventually(`member ${newcomer.id} to follow the master after the copy`, 10_000, async () => ((await newcomer.count('AfterCopy')) === 1 ? true : undefined));
  });
});
