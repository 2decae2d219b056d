import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { writeEntryHeader } from '../../../engine/txlog/log-format.js';
import { appendSequentially, entryOffsets, logFileNames, logFilePath, openLog, tempDir } from './support.js';

const payloads = Array.from({ length: 10 }, (_, i) => randomBytes(20 + i * 11));
const offsets = entryOffsets(payloads.map((payload) => payload.length));
const endOfLog = offsets[9] + 32 + payloads[9].length;

async function writeTen(t: Parameters<typeof tempDir>[0]): Promise<string> {
  const dir = tempDir(t);
  const { log } = openLog(t, dir);
  await appendSequentially(log, payloads, 1);
  await log.close();
  return dir;
}

for (const [where, cut] of [
  ['inside the last entry’s payload', offsets[9] + 32 + 5],
  ['inside the last entry’s header', offsets[9] + 10],
  ['just after the last entry’s length field', offsets[9] + 4],
] as const) {
  test(`a file cut ${where} loses that entry and appends go on from it`, async (t) => {
    const dir = await writeTen(t);
    fs.truncateSync(logFilePath(dir, 0), cut);

    const { log, captured } = openLog(t, dir);
    assert.equal(log.tail.lastTxId, 9);
    assert.equal(log.tail.truncatedBytes, cut - offsets[9]);
    assert.equal(fs.statSync(logFilePath(dir, 0)).size, offsets[9]);
    assert.equal(captured.events('log_truncated')[0].reason, 'torn');
    await log.append(10, 0, 0, Buffer.from('after the crash'));
    await log.close();

    const reopened = openLog(t, dir).log;
    assert.equal(reopened.tail.truncatedBytes, 0);
    assert.deepEqual([...reopened.read(9)].map((entry) => entry.txId), [9, 10]);
    assert.deepEqual(reopened.verify(), { ok: true, firstTxId: 1, lastTxId: 10 });
  });
}

test('garbage after the last entry is cut', async (t) => {
  const dir = await writeTen(t);
  fs.appendFileSync(logFilePath(dir, 0), randomBytes(100));
  const { log } = openLog(t, dir);
  assert.equal(log.tail.lastTxId, 10);
  assert.equal(log.tail.truncatedBytes, 100);
  assert.equal(fs.statSync(logFilePath(dir, 0)).size, endOfLog);
});

test('zeros after the last entry (a file system that extended the file before the crash) are cut', async (t) => {
  const dir = await writeTen(t);
  fs.appendFileSync(logFilePath(dir, 0), Buffer.alloc(4096));
  const { log } = openLog(t, dir);
  assert.equal(log.tail.lastTxId, 10);
  assert.equal(log.tail.truncatedBytes, 4096);
});

test('a well-formed entry with the wrong tx id ends the log', async (t) => {
  const dir = await writeTen(t);
  const before = openLog(t, dir).log;
  const lastChecksum = before.lastChecksum;
  await before.close();
  const header = Buffer.alloc(32);
  const payload = Buffer.from('skips a tx id');
  writeEntryHeader(header, 12, 0, 0, payload, lastChecksum);
  fs.appendFileSync(logFilePath(dir, 0), Buffer.concat([header, payload]));

  const { log, captured } = openLog(t, dir);
  assert.equal(log.tail.lastTxId, 10);
  assert.equal(log.tail.truncatedBytes, 32 + payload.length);
  assert.equal(captured.events('log_truncated')[0].reason, 'tx_id');
});

test('a newest file with a damaged header is deleted and the log continues in the one before', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir, { rotationSizeBytes: 200 });
  await appendSequentially(first.log, payloads, 1);
  const files = first.log.stats().files;
  assert.ok(files >= 3);
  await first.log.close();
  const newest = logFilePath(dir, files - 1);
  const bytes = fs.readFileSync(newest);
  const endOfPreviousFile = bytes.readUInt32LE(24);
  bytes[20] ^= 0xff;
  fs.writeFileSync(newest, bytes);

  const { log, captured } = openLog(t, dir, { rotationSizeBytes: 200 });
  assert.equal(logFileNames(dir).length, files - 1);
  assert.equal(captured.events('log_truncated')[0].file, path.basename(newest));
  assert.ok(log.tail.truncatedBytes >= 56);
  assert.equal(log.tail.lastTxId, endOfPreviousFile);
  assert.equal(log.stats().files, files - 1);
  await log.append(log.tail.lastTxId + 1, 0, 0, Buffer.from('continues'));
  assert.equal(log.verify().ok, true);
});

test('a damaged header in an older file stops the open', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir, { rotationSizeBytes: 200 });
  await appendSequentially(first.log, payloads, 1);
  await first.log.close();
  const bytes = fs.readFileSync(logFilePath(dir, 0));
  bytes[0] = 0x58;
  fs.writeFileSync(logFilePath(dir, 0), bytes);
  assert.throws(() => openLog(t, dir), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'GLB_TX_LOG_CORRUPT');
    assert.match(error.message, /neostore\.transaction\.db\.0.*magic.*Restore the store from a backup/);
    return true;
  });
});

test('a missing file between retained ones stops the open', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir, { rotationSizeBytes: 200 });
  await appendSequentially(first.log, payloads, 1);
  await first.log.close();
  fs.rmSync(logFilePath(dir, 1));
  assert.throws(() => openLog(t, dir), { code: 'GLB_TX_LOG_CORRUPT', message: /skip from neostore\.transaction\.db\.0 to neostore\.transaction\.db\.2/ });
});

test('a file left half-created by an interrupted atomic write is removed', async (t) => {
  const dir = await writeTen(t);
  fs.writeFileSync(path.join(dir, 'neostore.transaction.db.1.tmp'), Buffer.alloc(7));
  const { log } = openLog(t, dir);
  assert.equal(log.tail.lastTxId, 10);
  assert.deepEqual(fs.readdirSync(dir), ['neostore.transaction.db.0']);
});
