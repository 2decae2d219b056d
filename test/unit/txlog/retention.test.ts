import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { RetentionPolicy } from '../../../engine/txlog/retention-policy.js';
import { appendSequentially, logFileNames, openLog, tempDir } from './support.js';

// 20 entries of 332 bytes with a 1000-byte rotation size: files 0..5 hold three entries
// each (file n: txs 3n+1..3n+3, 1052 bytes, last entry time 1000 + 3n + 2), the current
// file 6 holds txs 19 and 20 (720 bytes).
const payloads = Array.from({ length: 20 }, (_, i) => Buffer.alloc(300, i + 1));
const fileName = (n: number): string => `neostore.transaction.db.${n}`;

async function twentyEntries(t: TestContext, retention: RetentionPolicy) {
  const dir = tempDir(t);
  const opened = openLog(t, dir, { rotationSizeBytes: 1000, retention });
  await appendSequentially(opened.log, payloads, 1);
  assert.equal(opened.log.stats().files, 7);
  return { dir, ...opened };
}

const cases: [string, RetentionPolicy, number, number, number][] = [
  // name, policy, checkpoint, now, files deleted (the oldest ones)
  ['keep all', { kind: 'all' }, 20, 1_000_000, 0],
  ['keep none', { kind: 'none' }, 20, 0, 6],
  ['keep none, checkpoint at tx 10', { kind: 'none' }, 10, 0, 3],
  ['keep none, checkpoint at tx 0', { kind: 'none' }, 0, 0, 0],
  ['3 files', { kind: 'files', count: 3 }, 20, 0, 4],
  ['3 files, checkpoint at tx 4', { kind: 'files', count: 3 }, 4, 0, 1],
  ['2000 bytes', { kind: 'size', bytes: 2000 }, 20, 0, 5],
  ['5 txs', { kind: 'txs', count: 5 }, 20, 0, 5],
  ['6 txs', { kind: 'txs', count: 6 }, 20, 0, 4],
  ['5 ms of age at time 1011', { kind: 'age', milliseconds: 5 }, 20, 1_011, 2],
];

for (const [name, retention, checkpoint, now, deleted] of cases) {
  test(`prune under "${name}" deletes the ${deleted} oldest file(s)`, async (t) => {
    const { dir, log, captured } = await twentyEntries(t, retention);
    const expected = Array.from({ length: deleted }, (_, n) => fileName(n));
    assert.deepEqual(log.prune(checkpoint, now), expected);
    assert.deepEqual(logFileNames(dir), Array.from({ length: 7 - deleted }, (_, n) => fileName(n + deleted)));
    assert.equal(log.stats().files, 7 - deleted);
    const oldest = deleted * 3 + 1;
    assert.equal(log.oldestTxId(), oldest);
    assert.ok(oldest <= checkpoint + 1, 'nothing after the checkpoint was pruned');
    assert.deepEqual([...log.read(oldest)].map((entry) => entry.txId), Array.from({ length: 21 - oldest }, (_, i) => oldest + i));
    assert.deepEqual(log.verify(), { ok: true, firstTxId: oldest, lastTxId: 20 });
    if (deleted > 0) {
      assert.throws(() => log.read(oldest - 1), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'GLB_TX_LOG_PRUNED');
        assert.match(error.message, new RegExp(`from ${oldest} on`));
        return true;
      });
      assert.deepEqual(captured.events('log_pruned')[0].files, expected);
    } else {
      assert.equal(captured.events('log_pruned').length, 0);
    }
  });
}

test('a pruned log reopens where pruning left it', async (t) => {
  const { dir, log } = await twentyEntries(t, { kind: 'files', count: 2 });
  log.prune(20, 0);
  await log.close();
  const reopened = openLog(t, dir, { rotationSizeBytes: 1000 }).log;
  assert.equal(reopened.oldestTxId(), 16);
  assert.equal(reopened.tail.lastTxId, 20);
  assert.deepEqual(reopened.verify(), { ok: true, firstTxId: 16, lastTxId: 20 });
  assert.throws(() => reopened.read(15), { code: 'GLB_TX_LOG_PRUNED' });
});

test('a log pruned down to an empty current file still knows where the chain stands', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir, { rotationSizeBytes: 1000, retention: { kind: 'none' } });
  await appendSequentially(first.log, payloads.slice(0, 6), 1);
  assert.deepEqual(first.log.prune(6, 0), [fileName(0), fileName(1)]);
  assert.equal(first.log.oldestTxId(), 7, 'lastAppendedTxId + 1 when the log holds no entries');
  assert.deepEqual([...first.log.read(7)], []);
  await first.log.close();

  const { log } = openLog(t, dir, { rotationSizeBytes: 1000 });
  assert.equal(log.tail.lastTxId, 6);
  await log.append(7, 0, 0, Buffer.from('seven'));
  assert.deepEqual(log.verify(), { ok: true, firstTxId: 7, lastTxId: 7 });
});

test('a reader that reaches a file pruned under it gets GLB_TX_LOG_PRUNED, not a hole', async (t) => {
  const { log } = await twentyEntries(t, { kind: 'none' });
  const iterator = log.read(1);
  assert.equal(iterator.next().value?.txId, 1);
  log.prune(20, 0);
  assert.equal(iterator.next().value?.txId, 2, 'the open file is still readable');
  assert.equal(iterator.next().value?.txId, 3);
  assert.throws(() => iterator.next(), { code: 'GLB_TX_LOG_PRUNED' });
});
