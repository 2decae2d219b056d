import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MasterTxHistory } from '../../../../monitor/model/master-tx-history.js';

describe('the master tx history', () => {
  it('measures lag from the first round the master was past the member', () => {
    const history = new MasterTxHistory(16);
    history.record(0, 10);
    history.record(1000, 10); // no change: not a change point
    history.record(5000, 11);
    history.record(9000, 20);
    assert.equal(history.length, 3);
    assert.deepEqual(history.lagSeconds(20, 12_000), { seconds: 0, lowerBound: false }, 'caught up');
    assert.deepEqual(history.lagSeconds(25, 12_000), { seconds: 0, lowerBound: false }, 'ahead counts as caught up');
    assert.deepEqual(history.lagSeconds(10, 12_000), { seconds: 7, lowerBound: false }, 'missing tx 11, first seen at 5 s');
    assert.deepEqual(history.lagSeconds(15, 12_000), { seconds: 3, lowerBound: false }, 'missing 16..20, first seen at 9 s');
    assert.deepEqual(history.lagSeconds(11, 12_000), { seconds: 3, lowerBound: false });
  });

  it('gives the age of the oldest point as a lower bound when the master passed the member before it', () => {
    const history = new MasterTxHistory(16);
    history.record(4000, 50);
    history.record(6000, 60);
    assert.deepEqual(history.lagSeconds(30, 10_000), { seconds: 6, lowerBound: true });
    assert.deepEqual(history.lagSeconds(55, 10_000), { seconds: 4, lowerBound: false });
  });

  it('keeps the newest change points once full, so old lags become lower bounds', () => {
    const history = new MasterTxHistory(3);
    for (let i = 1; i <= 5; i++) history.record(i * 1000, i * 10);
    assert.equal(history.length, 3);
    assert.equal(history.latest, 50);
    assert.deepEqual(history.lagSeconds(35, 6000), { seconds: 2, lowerBound: false });
    assert.deepEqual(history.lagSeconds(15, 6000), { seconds: 3, lowerBound: true }, 'tx 20 was evicted; 30 at 3 s is the oldest');
  });

  it('starts afresh when the master tx id goes down (a new master with fewer transactions)', () => {
    const history = new MasterTxHistory(8);
    history.record(1000, 100);
    history.record(2000, 120);
    history.record(3000, 90);
    assert.equal(history.length, 1);
    assert.equal(history.latest, 90);
    assert.deepEqual(history.lagSeconds(80, 4000), { seconds: 1, lowerBound: true });
  });

  it('answers caught up before anything was recorded, and refuses a useless capacity', () => {
    assert.deepEqual(new MasterTxHistory(2).lagSeconds(0, 1000), { seconds: 0, lowerBound: false });
    assert.throws(() => new MasterTxHistory(1), /capacity must be an integer of at least 2.*got 1/);
  });
});
