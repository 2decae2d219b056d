import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prunableFileCount } from '../../../engine/txlog/log-pruning.js';
import type { LogFileSpan } from '../../../engine/txlog/log-pruning.js';
import type { RetentionPolicy } from '../../../engine/txlog/retention-policy.js';

// Four closed files of ten transactions and 1000 bytes each, then the current file.
const spans: LogFileSpan[] = [
  { lastTxId: 10, txCount: 10, sizeBytes: 1000, lastTimeMs: 100 },
  { lastTxId: 20, txCount: 10, sizeBytes: 1000, lastTimeMs: 200 },
  { lastTxId: 30, txCount: 10, sizeBytes: 1000, lastTimeMs: 300 },
  { lastTxId: 40, txCount: 10, sizeBytes: 1000, lastTimeMs: 400 },
  { lastTxId: 45, txCount: 5, sizeBytes: 500, lastTimeMs: 450 },
];

const cases: [string, RetentionPolicy, number, number, number][] = [
  // name, policy, checkpoint, now, expected count
  ['keep all', { kind: 'all' }, 45, 10_000, 0],
  ['keep none, checkpoint at the end', { kind: 'none' }, 45, 0, 4],
  ['keep none, checkpoint inside file 2', { kind: 'none' }, 25, 0, 2],
  ['keep none, checkpoint at the end of file 1', { kind: 'none' }, 20, 0, 2],
  ['keep none, checkpoint before any file ends', { kind: 'none' }, 9, 0, 0],
  ['2 files', { kind: 'files', count: 2 }, 45, 0, 3],
  ['1 file: the current one', { kind: 'files', count: 1 }, 45, 0, 4],
  ['10 files: more than there are', { kind: 'files', count: 10 }, 45, 0, 0],
  ['2 files, but the checkpoint needs file 1', { kind: 'files', count: 2 }, 15, 0, 1],
  ['size exactly three newest files', { kind: 'size', bytes: 2500 }, 45, 0, 2],
  ['size one byte short of three files', { kind: 'size', bytes: 2499 }, 45, 0, 3],
  ['size below the current file alone', { kind: 'size', bytes: 100 }, 45, 0, 4],
  ['txs covered by the two newest files', { kind: 'txs', count: 15 }, 45, 0, 3],
  ['txs needing a third file', { kind: 'txs', count: 16 }, 45, 0, 2],
  ['txs more than the log holds', { kind: 'txs', count: 1000 }, 45, 0, 0],
  ['age: files whose last entry is at or before the cutoff', { kind: 'age', milliseconds: 150 }, 45, 450, 3],
  ['age: everything young', { kind: 'age', milliseconds: 1000 }, 45, 450, 0],
  ['age: everything old, the current file stays', { kind: 'age', milliseconds: 0 }, 45, 10_000, 4],
  ['age: everything old, the checkpoint needs file 3', { kind: 'age', milliseconds: 0 }, 35, 10_000, 3],
];

for (const [name, policy, checkpoint, now, expected] of cases) {
  test(`retention ${name}: ${expected} file(s) go`, () => {
    assert.equal(prunableFileCount(spans, policy, checkpoint, now), expected);
  });
}

test('only a run of the oldest files goes, even when a younger one looks old', () => {
  const clockWentBack = spans.map((span, i) => (i === 1 ? { ...span, lastTimeMs: 5_000 } : span));
  assert.equal(prunableFileCount(clockWentBack, { kind: 'age', milliseconds: 100 }, 45, 1_000), 1);
});

test('a log of one file never prunes it', () => {
  assert.equal(prunableFileCount([spans[4]], { kind: 'none' }, 45, 0), 0);
});
