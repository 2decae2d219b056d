import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ControlledFileSystem, openLog, tempDir, within } from './support.js';

function isFailed(error: Error & { code?: string }): boolean {
  assert.equal(error.code, 'GLB_TX_LOG_FAILED');
  assert.match(error.message, /may or may not be on disk/);
  assert.match(error.message, /restart the database/);
  return true;
}

test('a failed fdatasync fails every waiting append and every later one', { timeout: 10_000 }, async (t) => {
  const fileSystem = new ControlledFileSystem();
  const dir = tempDir(t);
  const { log, captured } = openLog(t, dir, {}, fileSystem);
  await log.append(1, 0, 0, Buffer.from('durable'));

  fileSystem.failForces = true;
  const waiting = [log.append(2, 0, 0, Buffer.from('two')), log.append(3, 0, 0, Buffer.from('three'))];
  for (const append of waiting) await assert.rejects(append, isFailed);
  await assert.rejects(log.append(4, 0, 0, Buffer.from('four')), isFailed);
  fileSystem.failForces = false;
  await assert.rejects(log.append(4, 0, 0, Buffer.from('four')), isFailed, 'the log stays failed when the disk recovers');

  assert.equal(log.lastDurableTxId, 1);
  assert.deepEqual([...log.read(1)].map((entry) => entry.txId), [1]);
  const [event] = captured.events('log_failed');
  assert.equal(event.lastDurableTxId, 1);
  assert.equal(event.operation, 'fdatasync');
  await within(log.close(), 5_000, 'close() of a failed log');
  assert.throws(() => log.append(4, 0, 0, Buffer.alloc(0)), { code: 'GLB_TX_LOG_CLOSED' });
});

test('appends queued behind a failing fdatasync fail with it', { timeout: 10_000 }, async (t) => {
  const fileSystem = new ControlledFileSystem();
  const { log } = openLog(t, tempDir(t), {}, fileSystem);
  fileSystem.holdForces = true;
  const inFlight = log.append(1, 0, 0, Buffer.from('in flight'));
  await within(fileSystem.heldForces(1), 5_000, 'the fdatasync');
  const queued = log.append(2, 0, 0, Buffer.from('queued'));
  fileSystem.releaseForces(new Error('EIO: i/o error, fdatasync (injected)'));
  await assert.rejects(inFlight, isFailed);
  await assert.rejects(queued, isFailed);
  assert.equal(log.lastDurableTxId, 0);
});

test('a failed write fails the batch and the log', { timeout: 10_000 }, async (t) => {
  const fileSystem = new ControlledFileSystem();
  const { log, captured } = openLog(t, tempDir(t), {}, fileSystem);
  fileSystem.failWrites = true;
  await assert.rejects(log.append(1, 0, 0, Buffer.from('lost')), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'GLB_TX_LOG_FAILED');
    assert.match(error.message, /ENOSPC/);
    return true;
  });
  fileSystem.failWrites = false;
  await assert.rejects(log.append(2, 0, 0, Buffer.from('after')), isFailed);
  assert.equal(captured.events('log_failed')[0].operation, 'write to');
});

test('close() during a failing fdatasync settles once the failure is known', { timeout: 10_000 }, async (t) => {
  const fileSystem = new ControlledFileSystem();
  const { log } = openLog(t, tempDir(t), {}, fileSystem);
  fileSystem.holdForces = true;
  const inFlight = log.append(1, 0, 0, Buffer.from('in flight'));
  await within(fileSystem.heldForces(1), 5_000, 'the fdatasync');
  const closing = log.close();
  fileSystem.releaseForces(new Error('EIO: i/o error, fdatasync (injected)'));
  await assert.rejects(inFlight, isFailed);
  await within(closing, 5_000, 'close()');
});
