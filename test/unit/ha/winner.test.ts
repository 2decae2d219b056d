import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { electWinner, type Candidate } from '../../../engine/ha/winner.js';

const member = (id: number, lastTxId: number, slaveOnly = false): Candidate => ({ id, lastTxId, slaveOnly });

describe('electWinner (Neo4j HA rule)', () => {
  it('elects the highest last committed tx id over a lower server id', () => {
    assert.equal(electWinner([member(1, 5), member(2, 9), member(3, 7)], undefined), 2);
  });

  it('gives a tie on tx id to the current master', () => {
    assert.equal(electWinner([member(1, 9), member(2, 9), member(3, 9)], 3), 3);
  });

  it('gives a tie without the current master among the tied to the lowest server id', () => {
    assert.equal(electWinner([member(3, 9), member(2, 9), member(1, 4)], 1), 2);
    assert.equal(electWinner([member(3, 9), member(2, 9)], undefined), 2);
  });

  it('never elects a slave-only member, even with the highest tx id', () => {
    assert.equal(electWinner([member(1, 3), member(2, 10, true)], undefined), 1);
    assert.equal(electWinner([member(1, 3, true), member(2, 10, true)], 1), undefined);
  });

  it('elects nobody from no candidates', () => {
    assert.equal(electWinner([], undefined), undefined);
  });

  it('does not depend on the order candidates are listed in', () => {
    const candidates = [member(4, 8), member(2, 8), member(5, 8, true), member(3, 6)];
    const reversed = [...candidates].reverse();
    assert.equal(electWinner(candidates, undefined), 2);
    assert.equal(electWinner(reversed, undefined), 2);
  });
});
