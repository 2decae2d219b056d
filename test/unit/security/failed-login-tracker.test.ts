import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailedLoginTracker } from '../../../engine/security/failed-login-tracker.js';

describe('the failed login tracker (Neo4j defaults: 3 attempts, 5 s)', () => {
  it('locks a user after 3 failures in a row until 5 s after the last one', () => {
    const tracker = new FailedLoginTracker({ maxFailedAttempts: 3, lockTimeMs: 5000 });
    tracker.failed('neo4j', 0);
    tracker.failed('neo4j', 100);
    assert.equal(tracker.permitted('neo4j', 200), true, 'two failures do not lock');
    tracker.failed('neo4j', 200);
    assert.equal(tracker.permitted('neo4j', 201), false);
    assert.equal(tracker.permitted('neo4j', 5199), false);
    assert.equal(tracker.permitted('neo4j', 5200), true, 'the lock ends 5 s after the last failure');
    assert.equal(tracker.permitted('other', 201), true, 'other users are not locked');
  });

  it('locks again at once when the attempt after the lock fails too', () => {
    const tracker = new FailedLoginTracker({ maxFailedAttempts: 3, lockTimeMs: 5000 });
    for (const t of [0, 1, 2]) tracker.failed('neo4j', t);
    assert.equal(tracker.permitted('neo4j', 5002), true);
    tracker.failed('neo4j', 5002);
    assert.equal(tracker.permitted('neo4j', 5003), false);
    assert.equal(tracker.permitted('neo4j', 10_002), true);
  });

  it('counts failures in a row: a success starts the count again', () => {
    const tracker = new FailedLoginTracker({ maxFailedAttempts: 3, lockTimeMs: 5000 });
    tracker.failed('neo4j', 0);
    tracker.failed('neo4j', 1);
    tracker.succeeded('neo4j');
    tracker.failed('neo4j', 2);
    tracker.failed('neo4j', 3);
    assert.equal(tracker.permitted('neo4j', 4), true);
    tracker.failed('neo4j', 4);
    assert.equal(tracker.permitted('neo4j', 5), false);
  });

  it('never locks with maxFailedAttempts 0', () => {
    const tracker = new FailedLoginTracker({ maxFailedAttempts: 0, lockTimeMs: 5000 });
    for (let t = 0; t < 10; t++) tracker.failed('neo4j', t);
    assert.equal(tracker.permitted('neo4j', 10), true);
  });
});
