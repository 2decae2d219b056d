import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWhere, hasMajority, majority, tally } from '../../../engine/ha/quorum.js';

describe('quorum', () => {
  it('needs more than half of all members', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(majority), [1, 2, 2, 3, 3, 4, 4]);
  });

  it('lets any two majorities share a member', () => {
    for (let n = 1; n <= 9; n++) assert.ok(2 * majority(n) > n, `n=${n}`);
  });

  it('says whether a count is a majority', () => {
    assert.equal(hasMajority(1, 3), false);
    assert.equal(hasMajority(2, 3), true);
    assert.equal(hasMajority(2, 4), false);
    assert.equal(hasMajority(3, 4), true);
  });

  it('rejects a cluster size that is not a positive integer', () => {
    assert.throws(() => majority(0), /positive integer/);
    assert.throws(() => majority(2.5), /positive integer/);
  });

  it('counts matching items and tallies votes per candidate', () => {
    assert.equal(countWhere([1, 2, 3, 4], (n) => n % 2 === 0), 2);
    const votes = new Map([
      [1, 2],
      [2, 2],
      [3, 1],
    ]);
    assert.deepEqual([...tally(votes)].sort(), [
      [1, 1],
      [2, 2],
    ]);
  });
});
