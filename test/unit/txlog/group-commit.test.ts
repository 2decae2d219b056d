import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ControlledFileSystem, openLog, tempDir, within } from './support.js';

test('64 concurrent appends become durable with far fewer fdatasyncs than entries', { timeout: 10_000 }, async (t) => {
  const { log } = openLog(t, tempDir(t));
  const resolved: number[] = [];
  const appends = Array.from({ length: 64 }, (_, i) =>
    log.append(i + 1, 0, 1_000 + i, Buffer.alloc(100, i)).then((entry) => {
      resolved.push(entry.txId);
      return entry;
    }),
  );
  assert.equal(log.lastAppendedTxId, 64);
  assert.equal(log.lastDurableTxId, 0, 'nothing is durable before the flush has forced it');
  await Promise.all(appends);
  assert.equal(log.lastDurableTxId, 64);
  assert.ok(log.stats().forces <= 4, `64 appends took ${log.stats().forces} fdatasyncs`);
  assert.deepEqual(resolved, Array.from({ length: 64 }, (_, i) => i + 1), 'resolution order is append order');
  assert.equal(log.stats().appendedBytes, 64 * (32 + 100));
});

test('16 committers in a loop share fdatasyncs and keep append order', { timeout: 10_000 }, async (t) => {
  const { log } = openLog(t, tempDir(t));
  let nextTxId = 0;
  const resolved: number[] = [];
  const committer = async (rounds: number): Promise<void> => {
    for (let round = 0; round < rounds; round++) {
      const entry = await log.append(++nextTxId, 0, 0, Buffer.from(`tx ${nextTxId}`));
      resolved.push(entry.txId);
    }
  };
  await Promise.all(Array.from({ length: 16 }, () => committer(8)));
  assert.equal(log.lastDurableTxId, 128);
  assert.deepEqual(resolved, Array.from({ length: 128 }, (_, i) => i + 1));
  assert.ok(log.stats().forces <= 128 / 4, `128 commits by 16 committers took ${log.stats().forces} fdatasyncs`);
  assert.deepEqual([...log.read(1)].map((entry) => entry.txId), resolved);
});

test('appends arriving while an fdatasync is in flight are written and forced together by the next one', { timeout: 10_000 }, async (t) => {
  const fileSystem = new ControlledFileSystem();
  const { log } = openLog(t, tempDir(t), {}, fileSystem);
  fileSystem.holdForces = true;

  const first = log.append(1, 0, 0, Buffer.from('alone'));
  await within(fileSystem.heldForces(1), 5_000, 'the first fdatasync');
  const during = Array.from({ length: 10 }, (_, i) => log.append(i + 2, 0, 0, Buffer.from(`joined ${i}`)));
  assert.equal(log.lastDurableTxId, 0);
  assert.deepEqual([...log.read(1)], [], 'read() hands out nothing before it is durable');

  fileSystem.releaseForces();
  assert.equal((await first).txId, 1);
  assert.equal(log.lastDurableTxId, 1);
  assert.deepEqual([...log.read(1)].map((entry) => entry.txId), [1]);

  await within(fileSystem.heldForces(1), 5_000, 'the second fdatasync');
  fileSystem.holdForces = false;
  fileSystem.releaseForces();
  const rest = await Promise.all(during);
  assert.deepEqual(rest.map((entry) => entry.txId), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(log.stats().forces, 2, 'one fdatasync for the first entry, one for the ten that queued behind it');
});

test('close() waits for in-flight appends to become durable', { timeout: 10_000 }, async (t) => {
  const fileSystem = new ControlledFileSystem();
  const dir = tempDir(t);
  const { log } = openLog(t, dir, {}, fileSystem);
  fileSystem.holdForces = true;
  const first = log.append(1, 0, 0, Buffer.from('one'));
  await within(fileSystem.heldForces(1), 5_000, 'the first fdatasync');
  const second = log.append(2, 0, 0, Buffer.from('two'));
  let closed = false;
  const closing = log.close().then(() => {
    closed = true;
  });
  assert.throws(() => log.append(3, 0, 0, Buffer.alloc(0)), { code: 'GLB_TX_LOG_CLOSED' });
  fileSystem.holdForces = false;
  fileSystem.releaseForces();
  await first;
  assert.equal(closed, false, 'close() waits for the queued append');
  await second;
  await within(closing, 5_000, 'close()');
  assert.equal(log.lastDurableTxId, 2);

  const reopened = openLog(t, dir).log;
  assert.equal(reopened.tail.lastTxId, 2);
});
