import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Neo4jError } from '../../../protocol/errors.js';
import { LockClient, LockManager } from '../../../engine/tx/lock-manager.js';

/** Settles a promise-or-undefined into 'granted' | 'waiting' | the error code, without waiting on a lock. */
async function outcome(wait: Promise<void> | undefined): Promise<string> {
  if (wait === undefined) return 'granted';
  const marker = Symbol('pending');
  const result = await Promise.race([
    wait.then(() => 'granted', (error: Neo4jError) => error.code),
    new Promise<symbol>((resolve) => setImmediate(() => resolve(marker))),
  ]);
  return result === marker ? 'waiting' : (result as string);
}

describe('LockManager', () => {
  it('grants a free lock at once and re-entrantly', () => {
    const locks = new LockManager();
    const a = new LockClient(1);
    assert.equal(locks.acquire(a, 'n1', 'exclusive'), undefined);
    assert.equal(locks.acquire(a, 'n1', 'exclusive'), undefined);
    assert.equal(locks.acquire(a, 'n1', 'shared'), undefined);
  });

  it('shares shared locks and makes a writer wait for the readers', async () => {
    const locks = new LockManager();
    const [a, b, c] = [new LockClient(1), new LockClient(2), new LockClient(3)];
    assert.equal(locks.acquire(a, 'n1', 'shared'), undefined);
    assert.equal(locks.acquire(b, 'n1', 'shared'), undefined);
    const writer = locks.acquire(c, 'n1', 'exclusive');
    assert.equal(await outcome(writer), 'waiting');
    locks.releaseAll(a);
    assert.equal(await outcome(writer), 'waiting');
    locks.releaseAll(b);
    assert.equal(await outcome(writer), 'granted');
    locks.releaseAll(c);
    assert.equal(locks.activeResources(), 0);
  });

  it('queues a new reader behind a waiting writer (no writer starvation)', async () => {
    const locks = new LockManager();
    const [a, b, c] = [new LockClient(1), new LockClient(2), new LockClient(3)];
    locks.acquire(a, 'n1', 'shared');
    const writer = locks.acquire(b, 'n1', 'exclusive');
    const reader = locks.acquire(c, 'n1', 'shared');
    assert.equal(await outcome(reader), 'waiting');
    locks.releaseAll(a);
    assert.equal(await outcome(writer), 'granted');
    assert.equal(await outcome(reader), 'waiting');
    locks.releaseAll(b);
    assert.equal(await outcome(reader), 'granted');
  });

  it('detects a two-party deadlock and picks the requester that closes the cycle', async () => {
    const locks = new LockManager();
    const [a, b] = [new LockClient(1), new LockClient(2)];
    locks.acquire(a, 'n1', 'exclusive');
    locks.acquire(b, 'n2', 'exclusive');
    const aWaits = locks.acquire(a, 'n2', 'exclusive');
    assert.equal(await outcome(aWaits), 'waiting');
    const bWaits = locks.acquire(b, 'n1', 'exclusive');
    assert.equal(await outcome(bWaits), 'Neo.TransientError.Transaction.DeadlockDetected');
    assert.equal(locks.deadlocks, 1);
    locks.releaseAll(b);
    assert.equal(await outcome(aWaits), 'granted');
  });

  it('detects a three-party cycle', async () => {
    const locks = new LockManager();
    const [a, b, c] = [new LockClient(1), new LockClient(2), new LockClient(3)];
    locks.acquire(a, 'x', 'exclusive');
    locks.acquire(b, 'y', 'exclusive');
    locks.acquire(c, 'z', 'exclusive');
    const w1 = locks.acquire(a, 'y', 'exclusive');
    const w2 = locks.acquire(b, 'z', 'exclusive');
    assert.equal(await outcome(w1), 'waiting');
    assert.equal(await outcome(w2), 'waiting');
    assert.equal(await outcome(locks.acquire(c, 'x', 'exclusive')), 'Neo.TransientError.Transaction.DeadlockDetected');
  });

  it('detects the upgrade deadlock of two shared holders', async () => {
    const locks = new LockManager();
    const [a, b] = [new LockClient(1), new LockClient(2)];
    locks.acquire(a, 'n1', 'shared');
    locks.acquire(b, 'n1', 'shared');
    const aUpgrade = locks.acquire(a, 'n1', 'exclusive');
    assert.equal(await outcome(aUpgrade), 'waiting');
    assert.equal(await outcome(locks.acquire(b, 'n1', 'exclusive')), 'Neo.TransientError.Transaction.DeadlockDetected');
    locks.releaseAll(b);
    assert.equal(await outcome(aUpgrade), 'granted');
  });

  it('fails the wait of a client that is released while waiting', async () => {
    const locks = new LockManager();
    const [a, b] = [new LockClient(1), new LockClient(2)];
    locks.acquire(a, 'n1', 'exclusive');
    const wait = locks.acquire(b, 'n1', 'exclusive');
    locks.releaseAll(b);
    assert.equal(await outcome(wait), 'Neo.TransientError.Transaction.LockClientStopped');
    locks.releaseAll(a);
    assert.equal(locks.activeResources(), 0);
  });
});
