import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { appendSequentially, logFileNames, logFilePath, openLog, tempDir } from './support.js';

// 300-byte payloads make 332-byte entries: with a 1000-byte rotation size a file takes
// three entries (56 + 3 * 332 = 1052 >= 1000) before the log moves on to the next one.
/** Open file descriptors of this process where /proc tells them; -1 elsewhere, which compares equal. */
function openDescriptors(): number {
  return fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : -1;
}

const payloads = Array.from({ length: 20 }, (_, i) => Buffer.alloc(300, i + 1));

test('the log rotates by size into consecutive files, each header carrying the chain', async (t) => {
  const dir = tempDir(t);
  const { log, captured } = openLog(t, dir, { rotationSizeBytes: 1000 });
  await appendSequentially(log, payloads, 1);

  assert.equal(log.stats().rotations, 6);
  assert.equal(log.stats().files, 7);
  assert.deepEqual(logFileNames(dir), [0, 1, 2, 3, 4, 5, 6].map((n) => `neostore.transaction.db.${n}`));
  for (let n = 0; n < 6; n++) assert.equal(fs.statSync(logFilePath(dir, n)).size, 1052);
  assert.equal(fs.statSync(logFilePath(dir, 6)).size, 56 + 2 * 332);
  assert.deepEqual(
    captured.events('log_rotated').map((event) => [event.file, event.lastTxId]),
    [1, 2, 3, 4, 5, 6].map((n) => [`neostore.transaction.db.${n}`, n * 3]),
  );
  // Header of file 2: previous tx id 6 at offset 24, previous checksum at 48.
  const header = fs.readFileSync(logFilePath(dir, 2)).subarray(0, 56);
  const sixth = [...log.read(6)][0];
  assert.equal(header.readUInt32LE(24), 6);
  assert.equal(header.readUInt32LE(48), sixth.checksum);
  assert.deepEqual(log.verify(), { ok: true, firstTxId: 1, lastTxId: 20 });
});

test('read() spans files, from the first tx and from any tx in the middle', async (t) => {
  const dir = tempDir(t);
  const { log } = openLog(t, dir, { rotationSizeBytes: 1000 });
  await appendSequentially(log, payloads, 1);
  for (const from of [1, 2, 3, 4, 7, 11, 19, 20]) {
    const read = [...log.read(from)];
    assert.deepEqual(read.map((entry) => entry.txId), Array.from({ length: 21 - from }, (_, i) => from + i), `read(${from})`);
    assert.ok(read.every((entry) => entry.payload.equals(payloads[entry.txId - 1])), `payloads of read(${from})`);
  }
  assert.deepEqual([...log.read(21)], []);
  assert.deepEqual([...log.read(1000)], []);
});

test('a reader that stops early closes what it opened and the log goes on', async (t) => {
  const dir = tempDir(t);
  const { log } = openLog(t, dir, { rotationSizeBytes: 1000 });
  await appendSequentially(log, payloads.slice(0, 10), 1);
  const descriptorsBefore = openDescriptors();
  const iterator = log.read(2);
  assert.equal(iterator.next().value?.txId, 2);
  assert.equal(iterator.next().value?.txId, 3);
  assert.equal(iterator.next().value?.txId, 4, 'the reader has moved on to file 1');
  iterator.return?.();
  assert.equal(openDescriptors(), descriptorsBefore);
  await appendSequentially(log, payloads.slice(10), 11);
  assert.equal([...log.read(1)].length, 20);
});

test('after a reopen, the log keeps appending to the newest file and reads across all of them', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir, { rotationSizeBytes: 1000 });
  await appendSequentially(first.log, payloads.slice(0, 10), 1);
  await first.log.close();

  const { log } = openLog(t, dir, { rotationSizeBytes: 1000 });
  assert.equal(log.tail.lastTxId, 10);
  assert.equal(log.stats().files, 4);
  await appendSequentially(log, payloads.slice(10), 11);
  assert.deepEqual([...log.read(1)].map((entry) => entry.txId), payloads.map((_, i) => i + 1));
  assert.deepEqual(log.verify(), { ok: true, firstTxId: 1, lastTxId: 20 });
});

test('a file rotated to but never written still tells where the chain stands', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir, { rotationSizeBytes: 1000 });
  await appendSequentially(first.log, payloads.slice(0, 3), 1);
  assert.equal(first.log.stats().files, 2, 'the third entry filled file 0');
  const last = first.log.lastChecksum;
  await first.log.close();
  assert.equal(fs.statSync(logFilePath(dir, 1)).size, 56);

  const { log } = openLog(t, dir, { rotationSizeBytes: 1000 });
  assert.equal(log.tail.lastTxId, 3);
  assert.equal(log.tail.lastChecksum, last);
  assert.equal(log.tail.lastTimeMs, 1_002);
  await log.append(4, 0, 0, Buffer.from('next'));
  assert.deepEqual(log.verify(), { ok: true, firstTxId: 1, lastTxId: 4 });
});
