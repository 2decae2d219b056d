import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PAGE_CACHE_FULL, PageCache } from '../../../engine/pagecache/page-cache.js';
import { patternMismatch, withTempDir, writePattern } from './fixtures.js';

const pageSize = 1024;

test('pinned pages stay put while other pages stream through the one free frame', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), { memoryBytes: 8 * pageSize, pageSize });
    const file = cache.map(path.join(dir, 'neostore.relationshipstore.db'));
    const pinned = new Map<number, number>();
    for (let page = 0; page < 7; page++) {
      const frame = file.pin(page, true);
      writePattern(cache.buffer, frame * pageSize, pageSize, 3, page);
      pinned.set(page, frame);
    }

    for (let page = 100; page < 200; page++) {
      const frame = file.pin(page, false);
      assert.ok(![...pinned.values()].includes(frame), `page ${page} must not take a pinned frame`);
      file.unpin(frame);
    }
    assert.equal(cache.stats().evictions, 99);

    for (const [page, frame] of pinned) {
      assert.equal(patternMismatch(cache.buffer, frame * pageSize, pageSize, 3, page), -1);
      assert.equal(file.pin(page, false), frame, 'a pinned page is still where it was');
      file.unpin(frame);
    }
    for (const frame of pinned.values()) file.unpin(frame);
    cache.close();
  });
});

test('pinning more pages than there are frames throws GLB_PAGE_CACHE_FULL, and unpinning recovers', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), { memoryBytes: 8 * pageSize, pageSize });
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const frames: number[] = [];
    for (let page = 0; page < 8; page++) frames.push(file.pin(page, page === 0));

    assert.throws(
      () => file.pin(8, false),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, PAGE_CACHE_FULL);
        assert.match(error.message, /all 8 frames .* are pinned/);
        assert.match(error.message, /page 8 of .*neostore\.nodestore\.db/);
        assert.match(error.message, /dbms\.pagecache\.memory/);
        return true;
      },
    );
    // A resident page can still be pinned again: it needs no frame.
    file.unpin(file.pin(3, false));
    const statsWhenFull = cache.stats();
    assert.equal(statsWhenFull.faults, 8, 'the refused pin is not counted as a fault');

    file.unpin(frames[5]);
    const frame = file.pin(8, false);
    assert.equal(frame, frames[5], 'the one unpinned frame is reused');
    file.unpin(frame);
    for (const [index, held] of frames.entries()) if (index !== 5) file.unpin(held);

    // Page 0 was pinned for write all along; nothing was lost while the cache was full.
    cache.close();
  });
});

test('a page pinned twice needs two unpins before it can be evicted', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), { memoryBytes: 8 * pageSize, pageSize });
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const frame = file.pin(0, false);
    assert.equal(file.pin(0, false), frame);
    file.unpin(frame);
    for (let page = 1; page < 50; page++) file.unpin(file.pin(page, false));
    assert.equal(file.pin(0, false), frame, 'still resident with one pin left');
    file.unpin(frame);
    file.unpin(frame);
    for (let page = 1; page < 50; page++) file.unpin(file.pin(page, false));
    const faults = cache.stats().faults;
    file.unpin(file.pin(0, false));
    assert.equal(cache.stats().faults, faults + 1, 'evicted once no pin was left');
    cache.close();
  });
});
