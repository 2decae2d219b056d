import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import { patternMismatch, withTempDir, writePattern } from './fixtures.js';

const pageSize = 1024;

test('two mapped files share the frames without mixing their pages', () => {
  withTempDir((dir) => {
    const nodes = path.join(dir, 'neostore.nodestore.db');
    const relationships = path.join(dir, 'neostore.relationshipstore.db');
    const cache = new PageCache(new NodeFileSystem(), { memoryBytes: 8 * pageSize, pageSize });
    const a = cache.map(nodes);
    const b = cache.map(relationships);
    assert.equal(a.buffer, cache.buffer);
    assert.equal(b.buffer, cache.buffer);

    // The same page ids in both files, interleaved, 5x more pages than frames.
    for (let page = 0; page < 20; page++) {
      for (const [file, tag] of [[a, 1], [b, 2]] as const) {
        const frame = file.pin(page, true);
        writePattern(cache.buffer, frame * pageSize, pageSize, tag, page);
        file.unpin(frame);
      }
    }
    for (let page = 19; page >= 0; page--) {
      for (const [file, tag] of [[a, 1], [b, 2]] as const) {
        const frame = file.pin(page, false);
        assert.equal(patternMismatch(cache.buffer, frame * pageSize, pageSize, tag, page), -1, `${file.path} page ${page}`);
        file.unpin(frame);
      }
    }
    // Closing one file leaves the other's pages in the cache and usable.
    const residentBefore = cache.stats().usedPages;
    a.close();
    assert.ok(cache.stats().usedPages < residentBefore);
    const frame = b.pin(0, false);
    assert.equal(patternMismatch(cache.buffer, frame * pageSize, pageSize, 2, 0), -1);
    b.unpin(frame);
    cache.close();

    for (const [file, tag] of [[nodes, 1], [relationships, 2]] as const) {
      const bytes = fs.readFileSync(file);
      assert.equal(bytes.length, 20 * pageSize);
      for (let page = 0; page < 20; page++) {
        assert.equal(patternMismatch(bytes, page * pageSize, pageSize, tag, page), -1, `${file} page ${page} on disk`);
      }
    }
  });
});
