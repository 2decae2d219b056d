import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import { appendSequentially, entryOffsets, logFilePath, openLog, tempDir } from './support.js';

const payloads = Array.from({ length: 12 }, (_, i) => randomBytes(50 + i * 37));

function flipByte(file: string, offset: number): void {
  const bytes = fs.readFileSync(file);
  bytes[offset] ^= 0x40;
  fs.writeFileSync(file, bytes);
}

test('the checksum is crc32 over length, tx id, epoch, time and payload, seeded with the previous checksum', async (t) => {
  const { log } = openLog(t, tempDir(t));
  let previous = 0;
  for (let i = 0; i < 3; i++) {
    const entry = await log.append(i + 1, 2, 1_700_000_000_123 + i, payloads[i]);
    const fields = Buffer.alloc(28);
    fields.writeUInt32LE(payloads[i].length, 0);
    fields.writeBigUInt64LE(BigInt(i + 1), 4);
    fields.writeBigUInt64LE(2n, 12);
    fields.writeBigUInt64LE(BigInt(1_700_000_000_123 + i), 20);
    const expected = crc32(Buffer.concat([fields, payloads[i]]), previous);
    assert.equal(entry.checksum, expected, `checksum of tx ${i + 1}`);
    previous = expected;
  }
  assert.equal(log.lastChecksum, previous);
});

test('identical entries appended to two logs get identical checksums, however the files are split', async (t) => {
  const a = openLog(t, tempDir(t)).log;
  const b = openLog(t, tempDir(t), { rotationSizeBytes: 300 }).log;
  const fromA = await Promise.all(payloads.map((payload, i) => a.append(i + 1, 1, 5_000 + i, payload)));
  const fromB: number[] = [];
  for (let i = 0; i < payloads.length; i++) fromB.push((await b.append(i + 1, 1, 5_000 + i, payloads[i])).checksum);
  assert.ok(b.stats().rotations > 0, 'the second log spans several files');
  assert.deepEqual(fromA.map((entry) => entry.checksum), fromB);
  assert.deepEqual([...b.read(1)].map((entry) => entry.checksum), fromB);
  assert.equal(new Set(fromB).size, fromB.length);
});

test('an empty payload chains the same whatever buffer carries it', async (t) => {
  const a = openLog(t, tempDir(t)).log;
  const b = openLog(t, tempDir(t)).log;
  const fromA = await a.append(1, 0, 0, randomBytes(0));
  const fromB = await b.append(1, 0, 0, Buffer.alloc(0));
  assert.equal(fromA.checksum, fromB.checksum);
  assert.notEqual(fromA.checksum, 0);
});

test('a flipped payload byte makes open() cut the log from that entry, and verify() names it', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir);
  await appendSequentially(first.log, payloads, 1);
  const offsets = entryOffsets(payloads.map((payload) => payload.length));
  const damaged = 7;
  flipByte(logFilePath(dir, 0), offsets[damaged - 1] + 32 + 10);

  const verdict = first.log.verify();
  assert.equal(verdict.ok, false);
  assert.ok(!verdict.ok && verdict.txId === damaged, JSON.stringify(verdict));
  assert.ok(!verdict.ok && /checksum/.test(verdict.reason), JSON.stringify(verdict));
  await first.log.close();

  const { log, captured } = openLog(t, dir);
  const fileSize = offsets[offsets.length - 1] + 32 + payloads[payloads.length - 1].length;
  assert.equal(log.tail.lastTxId, damaged - 1);
  assert.equal(log.tail.truncatedBytes, fileSize - offsets[damaged - 1]);
  assert.equal(fs.statSync(logFilePath(dir, 0)).size, offsets[damaged - 1]);
  const [event] = captured.events('log_truncated');
  assert.equal(event.reason, 'checksum');
  assert.equal(event.txId, damaged);
  assert.deepEqual(log.verify(), { ok: true, firstTxId: 1, lastTxId: damaged - 1 });
  await log.append(damaged, 0, 0, Buffer.from('replacement'));
  assert.deepEqual([...log.read(damaged)].map((entry) => String(entry.payload)), ['replacement']);
});

test('a flipped byte in an older file is left for verify() and read() to report, not cut', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir, { rotationSizeBytes: 400 });
  await appendSequentially(first.log, payloads, 1);
  assert.ok(first.log.stats().files >= 3);
  await first.log.close();
  // File 0 holds the first entries; flip a byte of its second entry's time field.
  const offsets = entryOffsets(payloads.map((payload) => payload.length));
  flipByte(logFilePath(dir, 0), offsets[1] + 24);

  const { log } = openLog(t, dir, { rotationSizeBytes: 400 });
  assert.equal(log.tail.lastTxId, payloads.length, 'only the newest file is scanned and cut');
  const verdict = log.verify();
  assert.ok(!verdict.ok && verdict.txId === 2, JSON.stringify(verdict));
  assert.throws(() => [...log.read(1)], { code: 'GLB_TX_LOG_CORRUPT' });
});

test('verify() notices a file whose header does not continue the chain of the one before', async (t) => {
  const dir = tempDir(t);
  const { log } = openLog(t, dir, { rotationSizeBytes: 400 });
  await appendSequentially(log, payloads, 1);
  // The header's previous checksum of file 1 (offset 48) no longer matches the end of file 0;
  // re-seal the header checksum so only the chain is wrong.
  const file = logFilePath(dir, 1);
  const bytes = fs.readFileSync(file);
  bytes[48] ^= 0x01;
  bytes.writeUInt32LE(crc32(bytes.subarray(16, 56)), 12);
  fs.writeFileSync(file, bytes);
  const verdict = log.verify();
  assert.equal(verdict.ok, false);
  assert.ok(!verdict.ok && /continues from tx/.test(verdict.reason), JSON.stringify(verdict));
});
