/**
 * An ha.slave_only member is never elected, even when it holds the highest tx id. Member 1
 * is slave_only and, as the lowest-id slave, gets every push (fixed_ascending, push factor
 * 1); the other slave pulls once when it joins and then not for the rest of the test. With
 * the master killed, the two left are the slave_only member (ahead) and the other slave
 * (behind): the behind one may not win (the slave_only member withholds its vote) and the
 * slave_only one may not be master at all, so there is no master until the old one
 * restarts. The slave_only member's role is sampled throughout: it never answers master.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eventually, HaCluster, type HaMember } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

/** Samples `member`'s role until stop(), recording every answer. */
class RoleSampler {
  readonly seen = new Map<string, number>();
  #stopped = false;
  readonly #done: Promise<void>;

  constructor(member: HaMember) {
    this.#done = (async () => {
      while (!this.#stopped) {
        const role = await member.role(1000);
        this.seen.set(role, (this.seen.get(role) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
  }

  async stop(): Promise<Map<string, number>> {
    this.#stopped = true;
    await this.#done;
    return this.seen;
  }
}

describe('an ha.slave_only member', () => {
  const temp = makeTempDir('ha-slave-only');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('is never elected, even with the highest tx id when the master dies', { timeout: 120_000 }, async () => {
    const cluster = await HaCluster.create(temp.dir, {
      size: 3,
      settings: { 'ha.pull_interval': '600s', 'ha.tx_push_strategy': 'fixed_ascending', 'ha.tx_push_factor': '1' },
      memberSettings: { 1: { 'ha.slave_only': 'true' } },
    });
    await cluster.start();
    const slaveOnly = cluster.member(1);
    const sampler = new RoleSampler(slaveOnly);
    try {
      const { master, slaves } = await cluster.roles();
      assert.notEqual(master, slaveOnly);
      const behind = slaves.find((s) => s !== slaveOnly)!;
      for (let i = 0; i < 10; i++) assert.deepEqual((await master.cypher('CREATE (:Pushed {i: $i})', { i })).errors, []);
      assert.equal(await slaveOnly.count('Pushed'), 10, 'the slave_only member got every push');
      // Its one pull, when it became a slave, came before the writes (or at worst among them).
      assert.ok((await behind.count('Pushed')) < 10, `slave ${behind.id} is behind the slave_only member`);

      await master.kill();
      await slaveOnly.process!.waitForEvent('vote_withheld', 20_000);
      const roles = await Promise.all([slaveOnly.role(), behind.role()]);
      assert.ok(!roles.includes('master'), `no master without the old one: ${roles.join(', ')}`);

      await master.start();
      const after = await cluster.roles();
      assert.equal(after.master, master, 'the restarted old master, as far ahead as the slave_only member, wins');
      await eventually(`slave ${behind.id} to catch up`, 20_000, async () => ((await behind.count('Pushed')) === 10 ? true : undefined));
    } finally {
      const seen = await sampler.stop();
      assert.ok((seen.get('slave') ?? 0) > 0, `the slave_only member was sampled as a slave: ${JSON.stringify([...seen])}`);
      assert.equal(seen.get('master'), undefined, `the slave_only member never answered master: ${JSON.stringify([...seen])}`);
    }
    const becameMaster = slaveOnly.events().filter((e) => e['event'] === 'role_change' && e['to'] === 'master');
    assert.deepEqual(becameMaster, [], 'the slave_only member never logged becoming master');
  });
});
