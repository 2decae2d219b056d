import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import { patternMismatch, withTempDir, writePattern } from './fixtures.js';

for (const pageSize of [1024, 8192]) {
  test(`a file 20x larger than the cache reads back correctly (pages of ${pageSize} bytes)`, () => {
    withTempDir((dir) => {
      const storeFile = path.join(dir, 'neostore.nodestore.db');
      const frames = 16;
      const pages = frames * 20;
      const cache = new PageCache(new NodeFileSystem(), { memoryBytes: frames * pageSize, pageSize });
      const file = cache.map(storeFile);

      for (let page = 0; page < pages; page++) {
        const frame = file.pin(page, true);
        writePattern(cache.buffer, frame * pageSize, pageSize, 1, page);
        file.unpin(frame);
      }
      const afterWrites = cache.stats();
      assert.equal(afterWrites.faults, pages);
      assert.equal(afterWrites.evictions, pages - frames);
      assert.equal(afterWrites.flushes, pages - frames, 'every evicted page was dirty and written back');
      assert.equal(file.pageCount(), pages);

      for (let page = 0; page < pages; page++) {
        const frame = file.pin(page, false);
        assert.equal(patternMismatch(cache.buffer, frame * pageSize, pageSize, 1, page), -1, `page ${page}`);
        file.unpin(frame);
      }
      const afterReads = cache.stats();
      assert.ok(afterReads.faults > pages + pages - 2 * frames, `faults: ${afterReads.faults}`);
      assert.ok(afterReads.evictions > pages, `evictions: ${afterReads.evictions}`);
      assert.equal(afterReads.hits + afterReads.faults, 2 * pages);
      assert.equal(afterReads.usedPages, frames);

      cache.close();
      // Each page was dirty once, so it was written exactly once, by eviction or by the final flush.
      assert.equal(cache.stats().flushes, pages);
      assert.equal(fs.statSync(storeFile).size, pages * pageSize);

      const reopened = new PageCache(new NodeFileSystem(), { memoryBytes: frames * pageSize, pageSize });
      const again = reopened.map(storeFile);
      for (let page = pages - 1; page >= 0; page--) {
        const frame = again.pin(page, false);
        assert.equal(patternMismatch(reopened.buffer, frame * pageSize, pageSize, 1, page), -1, `page ${page} after reopen`);
        again.unpin(frame);
      }
      reopened.close();
    });
  });
}
