import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { appendSequentially, logFileNames, logFilePath, openLog, tempDir } from './support.js';

const payloads = [0, 1, 7, 100, 4096, 65_535, 65_536, 65_537, 100 * 1024, 0, 3].map((size) => randomBytes(size));

test('an empty directory opens as an empty log in file .0', (t) => {
  const dir = tempDir(t);
  const { log } = openLog(t, dir);
  assert.deepEqual(log.tail, { lastTxId: 0, lastChecksum: 0, lastEpoch: 0, lastTimeMs: 0, truncatedBytes: 0 });
  assert.equal(log.lastAppendedTxId, 0);
  assert.equal(log.lastDurableTxId, 0);
  assert.equal(log.oldestTxId(), 1);
  assert.deepEqual([...log.read(1)], []);
  assert.deepEqual(log.verify(), { ok: true, firstTxId: 1, lastTxId: 0 });
  assert.deepEqual(logFileNames(dir), ['neostore.transaction.db.0']);
});

test('entries of varied sizes, empty and 100 KB among them, read back identical after reopening', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir);
  const committed = await Promise.all(payloads.map((payload, i) => first.log.append(i + 1, 7, 1_700_000_000_000 + i, payload)));
  await first.log.close();

  const { log } = openLog(t, dir);
  const last = committed[committed.length - 1];
  assert.deepEqual(log.tail, { lastTxId: payloads.length, lastChecksum: last.checksum, lastEpoch: 7, lastTimeMs: last.timeMs, truncatedBytes: 0 });
  assert.equal(log.lastChecksum, last.checksum);
  const read = [...log.read(1)];
  assert.equal(read.length, payloads.length);
  read.forEach((entry, i) => {
    assert.equal(entry.txId, i + 1);
    assert.equal(entry.epoch, 7);
    assert.equal(entry.timeMs, 1_700_000_000_000 + i);
    assert.equal(entry.checksum, committed[i].checksum);
    assert.ok(entry.payload.equals(payloads[i]), `payload of tx ${i + 1}`);
  });
  assert.deepEqual(log.verify(), { ok: true, firstTxId: 1, lastTxId: payloads.length });
});

test('payloads handed out by read() are copies that outlive the iteration', async (t) => {
  const dir = tempDir(t);
  const { log } = openLog(t, dir);
  const written = [Buffer.from('first'), Buffer.from('second'), Buffer.from('third')];
  await appendSequentially(log, written, 1);
  const read = [...log.read(1)].map((entry) => entry.payload);
  assert.deepEqual(read.map(String), ['first', 'second', 'third']);
});

test('appends after a reopen continue the tx ids and the chain', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir);
  await appendSequentially(first.log, payloads.slice(0, 4), 1);
  await first.log.close();

  const { log } = openLog(t, dir);
  assert.throws(() => log.append(4, 0, 0, Buffer.alloc(0)), { code: 'GLB_TX_LOG_OUT_OF_ORDER' });
  await appendSequentially(log, payloads.slice(4), 5);
  assert.equal(log.lastDurableTxId, payloads.length);
  assert.deepEqual(log.verify(), { ok: true, firstTxId: 1, lastTxId: payloads.length });
  assert.deepEqual([...log.read(1)].map((entry) => entry.txId), payloads.map((_, i) => i + 1));
  const expectedSize = 56 + payloads.reduce((sum, payload) => sum + 32 + payload.length, 0);
  assert.equal(fs.statSync(logFilePath(dir, 0)).size, expectedSize);
});
