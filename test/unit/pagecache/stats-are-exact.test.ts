import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import type { PagedFile } from '../../../engine/pagecache/paged-file.js';
import { withTempDir } from './fixtures.js';

function touch(file: PagedFile, pageId: number, forWrite: boolean): number {
  const frame = file.pin(pageId, forWrite);
  file.unpin(frame);
  return frame;
}

test('hits, faults, evictions, flushes and ratios follow a scripted sequence exactly', () => {
  withTempDir((dir) => {
    // 8.5 pages of memory round down to 8 frames.
    const cache = new PageCache(new NodeFileSystem(), { memoryBytes: 8 * 1024 + 500, pageSize: 1024 });
    assert.equal(cache.maxPages, 8);
    assert.deepEqual(cache.stats(), {
      hits: 0, faults: 0, evictions: 0, flushes: 0, usedPages: 0, maxPages: 8, hitRatio: 0, usageRatio: 0,
    });
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));

    // Fill every frame; even pages are written. Free frames are handed out in order.
    for (let page = 0; page < 3; page++) assert.equal(touch(file, page, page % 2 === 0), page);
    assert.equal(cache.stats().usageRatio, 3 / 8);
    for (let page = 3; page < 8; page++) assert.equal(touch(file, page, page % 2 === 0), page);
    assert.deepEqual(cache.stats(), {
      hits: 0, faults: 8, evictions: 0, flushes: 0, usedPages: 8, maxPages: 8, hitRatio: 0, usageRatio: 1,
    });

    // Page 0 gets hot: its usage counter is now 3, every other frame's is 1.
    touch(file, 0, false);
    touch(file, 0, false);

    // The clock lowers every counter once, page 0 a second time, and takes frame 1 (page 1, clean).
    assert.equal(touch(file, 8, false), 1);
    // Next is frame 2 (page 2, dirty): written back before it is reused.
    assert.equal(touch(file, 9, false), 2);
    // Page 1 was evicted, so this faults and takes frame 3 (page 3, clean).
    assert.equal(touch(file, 1, false), 3);
    // Page 0 and page 4 are still resident.
    assert.equal(touch(file, 0, false), 0);
    assert.equal(touch(file, 4, false), 4);
    assert.deepEqual(cache.stats(), {
      hits: 4, faults: 11, evictions: 3, flushes: 1, usedPages: 8, maxPages: 8, hitRatio: 4 / 15, usageRatio: 1,
    });

    // Dirty and resident: pages 0, 4 and 6.
    cache.flushAll();
    assert.equal(cache.stats().flushes, 4);
    // Nothing is dirty any more.
    cache.flushAll();
    assert.equal(cache.stats().flushes, 4);
    cache.close();
  });
});
