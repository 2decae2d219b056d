import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import { withTempDir } from './fixtures.js';

const pageSize = 1024;
const options = { memoryBytes: 8 * pageSize, pageSize };

test('a record written through the cache reads back before any flush', () => {
  withTempDir((dir) => {
    const cache = new PageCache(new NodeFileSystem(), options);
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const frame = file.pin(2, true);
    cache.buffer.writeUInt32LE(0xcafebabe, frame * pageSize + 15);
    file.unpin(frame);

    const again = file.pin(2, false);
    assert.equal(again, frame);
    assert.equal(file.buffer.readUInt32LE(again * pageSize + 15), 0xcafebabe);
    file.unpin(again);
    assert.equal(file.pageCount(), 3);
    assert.equal(fs.statSync(file.path).size, 0, 'nothing reaches the file before a flush or an eviction');
    cache.close();
  });
});

test('data survives flush, close and a new page cache', () => {
  withTempDir((dir) => {
    const storeFile = path.join(dir, 'neostore.relationshipstore.db');
    const first = new PageCache(new NodeFileSystem(), options);
    const file = first.map(storeFile);
    for (const page of [0, 3]) {
      const frame = file.pin(page, true);
      first.buffer.fill(page + 1, frame * pageSize, (frame + 1) * pageSize);
      file.unpin(frame);
    }
    first.flushAll();
    first.close();
    assert.equal(fs.statSync(storeFile).size, 4 * pageSize);

    const second = new PageCache(new NodeFileSystem(), options);
    const reopened = second.map(storeFile);
    assert.equal(reopened.pageCount(), 4);
    for (const [page, expected] of [[0, 1], [1, 0], [2, 0], [3, 4]] as const) {
      const frame = reopened.pin(page, false);
      const bytes = second.buffer.subarray(frame * pageSize, (frame + 1) * pageSize);
      assert.ok(bytes.every((b) => b === expected), `page ${page} should be all ${expected}`);
      reopened.unpin(frame);
    }
    assert.equal(second.stats().faults, 4);
    second.close();
  });
});

test('a page partly past the end of the file reads what exists and zeros the rest', () => {
  withTempDir((dir) => {
    const storeFile = path.join(dir, 'neostore.propertystore.db');
    fs.writeFileSync(storeFile, Buffer.alloc(pageSize + 100, 0xab));
    const cache = new PageCache(new NodeFileSystem(), options);
    const file = cache.map(storeFile);
    assert.equal(file.pageCount(), 2);

    // Fill every frame with 0xff first, so that stale bytes would show.
    const scratch = cache.map(path.join(dir, 'scratch.db'));
    for (let page = 0; page < cache.maxPages; page++) {
      const frame = scratch.pin(page, true);
      cache.buffer.fill(0xff, frame * pageSize, (frame + 1) * pageSize);
      scratch.unpin(frame);
    }

    const frame = file.pin(1, false);
    const page = cache.buffer.subarray(frame * pageSize, (frame + 1) * pageSize);
    assert.ok(page.subarray(0, 100).every((b) => b === 0xab));
    assert.ok(page.subarray(100).every((b) => b === 0), 'the part past the end of the file is zero');
    file.unpin(frame);

    const beyond = file.pin(5, false);
    assert.ok(cache.buffer.subarray(beyond * pageSize, (beyond + 1) * pageSize).every((b) => b === 0));
    file.unpin(beyond);
    assert.equal(file.pageCount(), 2, 'reading past the end does not extend the file');
    cache.close();
    assert.equal(fs.statSync(storeFile).size, pageSize + 100, 'clean pages are not written back');
  });
});

test('a page written past the end extends the file when it is written back', () => {
  withTempDir((dir) => {
    const storeFile = path.join(dir, 'neostore.propertystore.db.strings');
    fs.writeFileSync(storeFile, Buffer.alloc(100, 0x11));
    const cache = new PageCache(new NodeFileSystem(), options);
    const file = cache.map(storeFile);
    // A reader that decides to write: pinned for read, then marked dirty.
    const frame = file.pin(6, false);
    assert.equal(file.pageCount(), 1);
    cache.buffer[frame * pageSize] = 0x42;
    file.markDirty(frame);
    assert.equal(file.pageCount(), 7);
    file.unpin(frame);
    file.flush();
    assert.equal(fs.statSync(storeFile).size, 7 * pageSize);
    const onDisk = fs.readFileSync(storeFile);
    assert.equal(onDisk[6 * pageSize], 0x42);
    assert.equal(onDisk[99], 0x11, 'the partial first page is untouched');
    cache.close();
  });
});
