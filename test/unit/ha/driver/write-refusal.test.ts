import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeRefusal } from '../../../../engine/ha/driver/write-refusal.js';

describe('writeRefusal', () => {
  it('sends a slave\'s writes to its master with NotALeader', () => {
    const error = writeRefusal(2, 'slave', 1);
    assert.equal(error.code, 'Neo.ClientError.Cluster.NotALeader');
    assert.match(error.message, /member 1 is the master/);
  });

  it('asks for a retry with NoLeaderAvailable when no master is known', () => {
    const error = writeRefusal(2, 'pending', undefined);
    assert.equal(error.code, 'Neo.TransientError.Cluster.NoLeaderAvailable');
    assert.match(error.message, /knows no master/);
  });

  it('asks for a retry with NoLeaderAvailable from a master whose lease lapsed', () => {
    const error = writeRefusal(1, 'master', 1);
    assert.equal(error.code, 'Neo.TransientError.Cluster.NoLeaderAvailable');
    assert.match(error.message, /has not heard from a majority/);
  });
});
