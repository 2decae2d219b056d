import assert from 'node:assert/strict';
import { it } from 'node:test';
import { StoreCopyProgressReporter, type StoreCopyProgress } from '../../../engine/storecopy/store-copy-progress.js';
import { recordingLogger } from './fixture.js';

it('reports the start, then at most every 500 ms, then the end at 100 percent', () => {
  const { logger, lines } = recordingLogger();
  const seen: StoreCopyProgress[] = [];
  const reporter = new StoreCopyProgressReporter(logger, (progress) => seen.push(progress), { totalBytes: 4000, checkpointTxId: 7 });
  reporter.start();
  for (let i = 0; i < 4000; i++) reporter.fileBytes(1);
  reporter.transaction(8, 100);
  reporter.done();
  assert.deepEqual(
    lines.map((line) => [line['event'], line['phase'], line['bytes'], line['totalBytes'], line['percent'], line['txId']]),
    [
      ['store_copy', 'start', 0, 4000, 0, 7],
      ['store_copy', 'done', 4100, 4000, 100, 8],
    ],
    'a fast copy logs no more than its start and end',
  );
  assert.equal(seen.length, 2);
});
