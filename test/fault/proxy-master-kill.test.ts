/**
 * kill -9 of the master of a 3-member HA cluster while writers go through the proxy:
 * the proxy holds writes until the new master is known, so within routing.writeHold no
 * client sees an error other than "outcome unknown" for the few writes that were already
 * on the dead master's socket (never resent); no write is applied twice (a unique
 * constraint and a count); every acknowledged write is on the new master.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ELECTION_MS, eventually, HaCluster, idsOn, OUTCOME_UNKNOWN_CODE } from '../support/ha-cluster.js';
import { ProxyUnderTest } from '../support/proxy.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const WRITERS = 8;
const WRITE_HOLD_MS = 15_000;

interface Outcomes {
  readonly acknowledged: Set<number>;
  readonly unknown: Set<number>;
  /** Anything else a client saw: must stay empty. */
  readonly errors: string[];
  /** The longest a write took, hold included. */
  slowestMs: number;
}

describe('kill -9 of the master behind the proxy under a write load', () => {
  const temp = makeTempDir('proxy-master-kill');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('holds writes through the re-election: no client errors, nothing applied twice, nothing acknowledged lost', { timeout: 150_000 }, async () => {
    const cluster = await HaCluster.create(temp.dir, { size: 3 });
    await cluster.start();
    const { master: old, slaves } = await cluster.roles();
    const proxy = await ProxyUnderTest.start(temp.dir, cluster, `routing: { writeHold: ${WRITE_HOLD_MS}ms }`);
    await proxy.untilRouting(old, cluster.members);
    const constraint = await proxy.cypher('CREATE CONSTRAINT w_id FOR (w:W) REQUIRE w.id IS UNIQUE');
    assert.equal(constraint.status, 200, constraint.body);
    assert.deepEqual((JSON.parse(constraint.body) as { errors: unknown[] }).errors, []);

    const outcomes: Outcomes = { acknowledged: new Set(), unknown: new Set(), errors: [], slowestMs: 0 };
    let nextId = 1;
    let stopped = false;
    const writer = async (): Promise<void> => {
      while (!stopped) {
        const id = nextId++;
        const started = Date.now();
        try {
          const answer = await proxy.cypher('CREATE (:W {id: $id})', { id }, {}, WRITE_HOLD_MS + 10_000);
          outcomes.slowestMs = Math.max(outcomes.slowestMs, Date.now() - started);
          const code = answer.status === 200 || answer.status === 502 ? (JSON.parse(answer.body) as { errors: { code: string }[] }).errors[0]?.code : `HTTP ${answer.status}`;
          if (answer.status === 200 && code === undefined) outcomes.acknowledged.add(id);
          else if (code === OUTCOME_UNKNOWN_CODE) outcomes.unknown.add(id);
          else outcomes.errors.push(`write ${id}: ${answer.status} ${answer.body}`);
        } catch (error) {
          outcomes.errors.push(`write ${id}: ${(error as Error).message}`);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);
    try {
      await eventually('300 writes acknowledged before the kill', 30_000, async () => (outcomes.acknowledged.size >= 300 ? true : undefined));
      await old.kill();
      const killedAt = Date.now();
      const ackedAtKill = outcomes.acknowledged.size;
      const { master: successor } = await cluster.roles(slaves, ELECTION_MS);
      await eventually('300 more writes acknowledged after the kill', 30_000, async () => (outcomes.acknowledged.size >= ackedAtKill + 300 ? true : undefined));
      stopped = true;
      await Promise.all(writers);

      assert.deepEqual(outcomes.errors, [], 'no client saw an error other than an unknown outcome');
      assert.ok(outcomes.unknown.size <= WRITERS, `only writes in flight at the kill had an unknown outcome: ${outcomes.unknown.size}`);
      assert.ok(outcomes.slowestMs < WRITE_HOLD_MS, `every write answered within the hold: slowest ${outcomes.slowestMs} ms`);

      const present = await idsOn(successor, 'W');
      const count = Number((await successor.rows('MATCH (w:W) RETURN count(w)'))[0]?.[0]);
      assert.equal(count, present.size, 'each id once');
      const missing = [...outcomes.acknowledged].filter((id) => !present.has(id));
      assert.deepEqual(missing, [], `acknowledged writes missing on the new master (of ${outcomes.acknowledged.size})`);
      const strangers = [...present].filter((id) => !outcomes.acknowledged.has(id) && !outcomes.unknown.has(id));
      assert.deepEqual(strangers, [], 'nothing but acknowledged or unknown-outcome writes is on the new master');
      const events = proxy.process!.events();
      const change = events.find((e) => e['event'] === 'master_changed' && e['to'] === `instance${successor.id}`);
      assert.ok(change !== undefined, 'the proxy logged master_changed to the new master');
      assert.ok(events.some((e) => e['event'] === 'write_hold'), 'the proxy logged its write hold');
      assert.ok(Date.now() - killedAt < 60_000);
    } finally {
      stopped = true;
      await Promise.all(writers);
    }
  });
});
