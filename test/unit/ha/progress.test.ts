import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReplicationProgress } from '../../../engine/ha/progress.js';

function progressWith(live: number[], dead: number[] = []): ReplicationProgress {
  const progress = new ReplicationProgress();
  for (const id of [...live, ...dead]) progress.report(id, id * 10);
  for (const id of live) progress.setLive(id, true);
  return progress;
}

describe('ReplicationProgress', () => {
  it('pushes to the lowest server ids first with fixed_ascending', () => {
    assert.deepEqual(progressWith([4, 2, 3]).pushTargets('fixed_ascending', 2), [2, 3]);
  });

  it('pushes to the highest server ids first with fixed_descending', () => {
    assert.deepEqual(progressWith([4, 2, 3]).pushTargets('fixed_descending', 2), [4, 3]);
  });

  it('rotates through the slaves with round_robin', () => {
    const progress = progressWith([2, 3, 4]);
    const rounds = Array.from({ length: 4 }, () => progress.pushTargets('round_robin', 1));
    assert.deepEqual(rounds, [[2], [3], [4], [2]]);
    assert.deepEqual(progressWith([2, 3, 4]).pushTargets('round_robin', 2), [2, 3]);
  });

  it('keeps rotating past a slave that went away', () => {
    const progress = progressWith([2, 3, 4]);
    assert.deepEqual(progress.pushTargets('round_robin', 1), [2]);
    progress.setLive(3, false);
    assert.deepEqual(progress.pushTargets('round_robin', 1), [4]);
    assert.deepEqual(progress.pushTargets('round_robin', 1), [2]);
  });

  it('chooses only live slaves, and no more than there are', () => {
    const progress = progressWith([2], [3, 4]);
    assert.deepEqual(progress.pushTargets('fixed_ascending', 3), [2]);
    assert.deepEqual(progress.pushTargets('fixed_ascending', 0), []);
  });

  it('rejects a negative push factor', () => {
    assert.throws(() => progressWith([2]).pushTargets('fixed_ascending', -1), /ha.tx_push_factor/);
  });

  it('tracks each slave’s reported tx id and forgets all on clear', () => {
    const progress = progressWith([2, 3]);
    progress.report(2, 99);
    assert.deepEqual(progress.slaves(), [
      { id: 2, lastTxId: 99, live: true },
      { id: 3, lastTxId: 30, live: true },
    ]);
    progress.clear();
    assert.deepEqual(progress.slaves(), []);
  });
});
