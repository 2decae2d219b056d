import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import { patternMismatch, withTempDir, writePattern } from './fixtures.js';

const pageSize = 1024;

test('a hot set touched during a long cold scan stays resident', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), { memoryBytes: 16 * pageSize, pageSize });
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const hot = [0, 1, 2, 3];
    for (const page of hot) {
      const frame = file.pin(page, true);
      writePattern(cache.buffer, frame * pageSize, pageSize, 7, page);
      file.unpin(frame);
    }

    // 1,000 cold pages through a cache of 16 frames, the hot set touched every 4th of them.
    for (let cold = 0; cold < 1000; cold++) {
      const frame = file.pin(100 + cold, false);
      file.unpin(frame);
      if (cold % 4 === 3) {
        for (const page of hot) file.unpin(file.pin(page, false));
      }
    }
    const afterScan = cache.stats();
    assert.ok(afterScan.evictions >= 1000 - 12, `the cold pages were evicted (evictions: ${afterScan.evictions})`);

    for (const page of hot) {
      const frame = file.pin(page, false);
      assert.equal(patternMismatch(cache.buffer, frame * pageSize, pageSize, 7, page), -1);
      file.unpin(frame);
    }
    const afterHot = cache.stats();
    assert.equal(afterHot.faults, afterScan.faults, 'no hot page had to be read again');
    assert.equal(afterHot.hits, afterScan.hits + hot.length);
    // The hot pages were never evicted, so they were never written back either.
    assert.equal(afterHot.flushes, 0);
    cache.close();
  });
});

test('with nothing hot, a scan cycles through every frame', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), { memoryBytes: 8 * pageSize, pageSize });
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    for (let page = 0; page < 64; page++) file.unpin(file.pin(page, false));
    // A page read once by the scan is gone after the scan moved on.
    const before = cache.stats().faults;
    file.unpin(file.pin(0, false));
    assert.equal(cache.stats().faults, before + 1);
    cache.close();
  });
});
