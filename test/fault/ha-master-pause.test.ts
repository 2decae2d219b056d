/**
 * SIGSTOP of the HA master for longer than ha.heartbeat_timeout, then SIGCONT (a GC pause):
 * the other two elect a new master meanwhile; the old master, once it wakes, refuses the
 * write sent to it at once and commits nothing in its old epoch, and rejoins as a slave.
 * The epochs are checked in every member's transaction log (each entry carries the epoch
 * of the master that wrote it) against the engines' role_change events.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually, HaCluster, RETRYABLE_CODES, type HaMember, type TxRecord } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const HEARTBEAT_TIMEOUT_MS = 1000;

async function writeAll(master: HaMember, label: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const result = await master.cypher(`CREATE (:${label} {i: $i})`, { i });
    assert.deepEqual(result.errors, [], `write ${i} to master ${master.id}`);
  }
}

/** When (ms) `member` logged becoming master in `epoch`, if it did. */
function becameMasterAt(member: HaMember, epoch: number): number | undefined {
  const line = member.events().find((e) => e['event'] === 'role_change' && e['to'] === 'master' && e['epoch'] === epoch);
  return line === undefined ? undefined : Date.parse(String(line['time']));
}

describe('SIGSTOP of the HA master past the heartbeat timeout, then SIGCONT', () => {
  const temp = makeTempDir('ha-master-pause');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('elects a new master meanwhile; the old one refuses writes on waking, commits nothing in its old epoch and rejoins as a slave', { timeout: 120_000 }, async () => {
    const cluster = await HaCluster.create(temp.dir, { size: 3, settings: { 'ha.heartbeat_timeout': `${HEARTBEAT_TIMEOUT_MS}ms` } });
    await cluster.start();
    const { master: old, slaves } = await cluster.roles();
    const oldEpoch = (await old.metric('graphlb_engine_epoch'))!;
    await writeAll(old, 'Before', 20);

    old.signal('SIGSTOP');
    let successor: HaMember;
    try {
      ({ master: successor } = await cluster.roles(slaves));
      const newEpoch = (await successor.metric('graphlb_engine_epoch'))!;
      assert.ok(newEpoch > oldEpoch, `the new master's epoch ${newEpoch} is above the old ${oldEpoch}`);
      await writeAll(successor, 'During', 20);
    } finally {
      old.signal('SIGCONT');
    }
    // The first thing the woken master is asked: a write. It must not commit it in its old
    // epoch: it refuses it, or (as a slave) has the new master execute it.
    const answer = await old.cypher('CREATE (:Woken)');
    const refusal = answer.errors[0]?.code;
    assert.ok(refusal === undefined || RETRYABLE_CODES.has(refusal), `the woken old master refused the write or forwarded it: ${JSON.stringify(answer.errors)}`);
    const woken = refusal === undefined ? 1 : 0;

    await eventually(`old master ${old.id} to rejoin as a slave`, 10_000, async () => ((await old.role()) === 'slave' ? true : undefined));
    assert.equal((await cluster.roles()).master, successor);
    await writeAll(successor, 'After', 5);
    for (const member of cluster.members) {
      await eventually(`member ${member.id} to hold the new master's writes`, 10_000, async () =>
        (await member.count('During')) === 20 && (await member.count('After')) === 5 ? true : undefined,
      );
    }
    assert.equal(await successor.count('Woken'), woken, 'the write sent to the woken master is on the new master exactly when it was acknowledged');
    assert.equal(await old.count('Woken'), woken);

    // Every member's log, after a clean stop.
    await Promise.all(cluster.members.map((m) => m.stop()));
    const logs = new Map<number, TxRecord[]>();
    for (const member of cluster.members) logs.set(member.id, await member.transactions(path.join(temp.dir, `log-copy-${member.id}`)));
    const reference = logs.get(successor.id)!;
    for (const [id, log] of logs) {
      // A member that got a store copy holds its log from the copy's checkpoint on.
      const shared = reference.filter((t) => t.txId >= (log[0]?.txId ?? Infinity));
      assert.deepEqual(log.map((t) => [t.txId, t.epoch]), shared.map((t) => [t.txId, t.epoch]), `member ${id}'s log is the new master's`);
    }
    assert.equal(reference[0]?.txId, 1, `the new master ${successor.id} holds its whole log`);
    const newEpoch = Math.max(...reference.map((t) => t.epoch));
    const electedAt = becameMasterAt(successor, newEpoch);
    assert.ok(electedAt !== undefined, `member ${successor.id} logged becoming master in epoch ${newEpoch}`);
    const oldEpochTxs = reference.filter((t) => t.epoch === oldEpoch);
    // Label and property-key tokens commit as transactions of their own, hence at least.
    assert.ok(oldEpochTxs.length >= 20, `the 20 writes before the pause carry the old epoch ${oldEpoch} (${oldEpochTxs.length} transactions; epochs ${[...new Set(reference.map((t) => t.epoch))].join(', ')}; role changes ${JSON.stringify(cluster.members.flatMap((m) => m.events().filter((e) => e['event'] === 'role_change')))})`);
    assert.deepEqual(oldEpochTxs.filter((t) => t.timeMs >= electedAt), [], 'no transaction of the old epoch after the new master was elected');
    assert.deepEqual(reference.filter((t) => t.epoch !== oldEpoch && t.epoch !== newEpoch), [], 'only the two epochs committed');
    assert.ok(reference.filter((t) => t.epoch === newEpoch).length >= 25, 'the 25 writes after the election carry the new epoch');
    for (const epoch of [oldEpoch, newEpoch]) {
      const masters = cluster.members.filter((m) => becameMasterAt(m, epoch) !== undefined).map((m) => m.id);
      assert.equal(masters.length, 1, `one member became master in epoch ${epoch}: ${masters.join(', ')}`);
    }
  });
});
