import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import { withTempDir } from './fixtures.js';

const pageSize = 1024;
const options = { memoryBytes: 8 * pageSize, pageSize };

function code(expected: string): (error: Error & { code?: string }) => boolean {
  return (error) => {
    assert.equal(error.code, expected, error.message);
    return true;
  };
}

test('the cache needs at least 8 whole pages and a sound page size', () => {
  const fileSystem = new NodeFileSystem();
  assert.throws(() => new PageCache(fileSystem, { memoryBytes: 8 * pageSize - 1, pageSize }), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'GLB_PAGE_CACHE_INVALID_OPTIONS');
    assert.match(error.message, /holds 7 pages of 1024 bytes; the page cache needs at least 8 pages \(8192 bytes\)/);
    return true;
  });
  assert.throws(() => new PageCache(fileSystem, { memoryBytes: Number.NaN }), code('GLB_PAGE_CACHE_INVALID_OPTIONS'));
  assert.throws(() => new PageCache(fileSystem, { memoryBytes: 1 << 20, pageSize: 0 }), code('GLB_PAGE_CACHE_INVALID_OPTIONS'));
  assert.throws(() => new PageCache(fileSystem, { memoryBytes: 1 << 20, pageSize: 1.5 }), code('GLB_PAGE_CACHE_INVALID_OPTIONS'));
  assert.throws(() => new PageCache(fileSystem, { memoryBytes: 2 ** 33 }), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'GLB_PAGE_CACHE_INVALID_OPTIONS');
    assert.match(error.message, /Lower dbms\.pagecache\.memory/);
    return true;
  });

  const cache = new PageCache(fileSystem, { memoryBytes: 2 * 1024 * 1024 + 4000 });
  assert.equal(cache.pageSize, 8192);
  assert.equal(cache.maxPages, 256);
  assert.equal(cache.buffer.length, 256 * 8192);
  cache.close();
});

test('a path is mapped once at a time', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), options);
    const storeFile = path.join(dir, 'neostore.nodestore.db');
    const file = cache.map(storeFile);
    assert.throws(() => cache.map(storeFile), code('GLB_PAGE_CACHE_ALREADY_MAPPED'));
    assert.throws(() => cache.map(path.join(dir, '.', 'neostore.nodestore.db')), code('GLB_PAGE_CACHE_ALREADY_MAPPED'));
    file.close();
    const again = cache.map(storeFile);
    again.unpin(again.pin(0, false));
    cache.close();
  });
});

test('a closed file and a closed cache refuse further use', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), options);
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const other = cache.map(path.join(dir, 'neostore.relationshipstore.db'));
    const frame = file.pin(0, true);
    file.unpin(frame);
    file.close();
    file.close();
    assert.throws(() => file.pin(0, false), code('GLB_PAGE_CACHE_CLOSED'));
    assert.throws(() => file.unpin(frame), code('GLB_PAGE_CACHE_CLOSED'));
    assert.throws(() => file.flush(), code('GLB_PAGE_CACHE_CLOSED'));
    assert.equal(cache.stats().usedPages, 0, 'a closed file gives its frames back');

    cache.close();
    cache.close();
    assert.throws(() => other.pin(0, false), code('GLB_PAGE_CACHE_CLOSED'));
    assert.throws(() => cache.map(path.join(dir, 'x.db')), code('GLB_PAGE_CACHE_CLOSED'));
    assert.throws(() => cache.flushAll(), code('GLB_PAGE_CACHE_CLOSED'));
  });
});

test('closing with pages still pinned is refused and can be retried', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), options);
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const frame = file.pin(4, true);
    assert.throws(() => cache.close(), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'GLB_PAGE_CACHE_PAGES_PINNED');
      assert.match(error.message, /1 of its pages \(4\) are still pinned/);
      return true;
    });
    file.unpin(frame);
    cache.close();
    assert.throws(() => file.pin(0, false), code('GLB_PAGE_CACHE_CLOSED'));
  });
});

test('unpin and markDirty accept only frames this file holds pinned', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), options);
    const a = cache.map(path.join(dir, 'a.db'));
    const b = cache.map(path.join(dir, 'b.db'));
    const frame = a.pin(0, false);
    assert.throws(() => b.unpin(frame), code('GLB_PAGE_CACHE_NOT_PINNED'));
    assert.throws(() => b.markDirty(frame), code('GLB_PAGE_CACHE_NOT_PINNED'));
    assert.throws(() => a.unpin(cache.maxPages), code('GLB_PAGE_CACHE_NOT_PINNED'));
    assert.throws(() => a.unpin(-1), code('GLB_PAGE_CACHE_NOT_PINNED'));
    a.unpin(frame);
    assert.throws(() => a.unpin(frame), code('GLB_PAGE_CACHE_NOT_PINNED'));
    assert.throws(() => a.markDirty(frame), code('GLB_PAGE_CACHE_NOT_PINNED'));
    cache.close();
  });
});

test('page ids must be integers from 0 to 2^31 - 1', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), options);
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    for (const pageId of [-1, 1.5, Number.NaN, 2 ** 31]) {
      assert.throws(() => file.pin(pageId, false), code('GLB_PAGE_CACHE_INVALID_PAGE_ID'));
    }
    assert.equal(cache.stats().faults, 0);
    file.unpin(file.pin(2 ** 31 - 1, false));
    cache.close();
  });
});
