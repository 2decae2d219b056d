import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemberRole } from '../../../../protocol/cluster/member-reading.js';
import type { MemberFacts } from '../../../../proxy/discovery/build-snapshot.js';
import { buildSnapshot, sameSnapshot } from '../../../../proxy/discovery/build-snapshot.js';

function member(name: string, role: MemberRole | undefined, tx?: number, epoch?: number, health: 'up' | 'down' = 'up'): MemberFacts {
  return {
    name,
    origin: `http://127.0.0.1:${7480 + name.length}`,
    health,
    reading: role === undefined ? undefined : { role, lastCommittedTxId: tx, epoch },
    lastCheckAt: 1,
    lastError: undefined,
  };
}

describe('buildSnapshot', () => {
  it('one serving master; lag is the master tx minus the member tx', () => {
    const { snapshot, splitBrain } = buildSnapshot([member('a', 'master', 100), member('b', 'slave', 90), member('c', 'slave', undefined)], 5);
    assert.equal(snapshot.master, 'a');
    assert.equal(snapshot.at, 5);
    assert.deepEqual(snapshot.members.map((m) => m.lagTx), [0, 10, undefined]);
    assert.deepEqual(splitBrain, []);
    assert.ok(Object.isFrozen(snapshot) && Object.isFrozen(snapshot.members) && Object.isFrozen(snapshot.members[0]), 'snapshots are frozen');
  });

  it('unknown, down and never-checked members do not serve; a down master is no master', () => {
    const { snapshot } = buildSnapshot([member('a', 'master', 100, undefined, 'down'), member('b', 'unknown', 100), member('c', undefined)], 0);
    assert.deepEqual(snapshot.members.map((m) => [m.serving, m.role]), [[false, 'master'], [false, 'unknown'], [false, 'unknown']]);
    assert.equal(snapshot.master, undefined);
    assert.deepEqual(snapshot.members.map((m) => m.lagTx), [undefined, undefined, undefined]);
  });

  it('two serving masters: the higher epoch wins', () => {
    const { snapshot, splitBrain } = buildSnapshot([member('a', 'master', 50, 3), member('b', 'master', 60, 5)], 0);
    assert.equal(snapshot.master, 'b');
    assert.deepEqual(splitBrain, ['a', 'b']);
    assert.equal(snapshot.members[0]?.lagTx, 10);
  });

  it('two serving masters with equal or unknown epochs: none', () => {
    assert.equal(buildSnapshot([member('a', 'master', 1, 4), member('b', 'master', 1, 4)], 0).snapshot.master, undefined);
    assert.equal(buildSnapshot([member('a', 'master', 1, 4), member('b', 'master', 1)], 0).snapshot.master, undefined);
    assert.equal(buildSnapshot([member('a', 'master', 1, 4), member('b', 'master', 1, 9), member('c', 'master', 1, 9)], 0).snapshot.master, undefined);
  });

  it('sameSnapshot ignores the time of the snapshot and of the checks only', () => {
    const a = buildSnapshot([member('a', 'master', 100), member('b', 'slave', 90)], 1).snapshot;
    const later = buildSnapshot([{ ...member('a', 'master', 100), lastCheckAt: 9 }, member('b', 'slave', 90)], 2).snapshot;
    assert.ok(sameSnapshot(a, later), 'only the times differ');
    assert.ok(!sameSnapshot(a, buildSnapshot([member('a', 'master', 101), member('b', 'slave', 90)], 1).snapshot));
    assert.ok(!sameSnapshot(a, buildSnapshot([member('a', 'master', 100), { ...member('b', 'slave', 90), lastError: 'x' }], 1).snapshot));
    assert.ok(!sameSnapshot(a, buildSnapshot([member('a', 'master', 100)], 1).snapshot));
  });
});
