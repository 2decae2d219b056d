import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import { CountingFileSystem, withTempDir } from './fixtures.js';

const pageSize = 1024;

test('a flushed page stays resident and clean', () => {
  withTempDir((dir) => {
    const fileSystem = new CountingFileSystem();
    const cache = new PageCache(fileSystem, { memoryBytes: 8 * pageSize, pageSize });
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const frame = file.pin(1, true);
    cache.buffer[frame * pageSize] = 9;
    file.unpin(frame);

    file.flush();
    assert.equal(fileSystem.writes.get('neostore.nodestore.db'), 1);
    assert.equal(fileSystem.forces.get('neostore.nodestore.db'), 1);
    assert.equal(fs.readFileSync(file.path)[pageSize], 9);

    file.flush();
    assert.equal(fileSystem.writes.get('neostore.nodestore.db'), 1, 'a clean page is not written again');
    assert.equal(fileSystem.forces.get('neostore.nodestore.db'), 1, 'a file with nothing new written is not forced');
    const faults = cache.stats().faults;
    file.unpin(file.pin(1, false));
    assert.equal(cache.stats().faults, faults, 'the flushed page is still resident');
    cache.close();
  });
});

test('flushAll forces a file whose only writes were made by eviction', () => {
  withTempDir((dir) => {
    const fileSystem = new CountingFileSystem();
    const cache = new PageCache(fileSystem, { memoryBytes: 8 * pageSize, pageSize });
    const written = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const untouched = cache.map(path.join(dir, 'neostore.labeltokenstore.db'));
    written.unpin(written.pin(0, true));
    // Reading 8 other pages pushes page 0 out, which writes it, unforced.
    for (let page = 1; page <= 8; page++) untouched.unpin(untouched.pin(page, false));
    assert.equal(fileSystem.writes.get('neostore.nodestore.db'), 1);
    assert.equal(fileSystem.forces.get('neostore.nodestore.db'), undefined);

    cache.flushAll();
    assert.equal(fileSystem.writes.get('neostore.nodestore.db'), 1);
    assert.equal(fileSystem.forces.get('neostore.nodestore.db'), 1, 'what eviction wrote is made durable by the flush');
    assert.equal(fileSystem.forces.get('neostore.labeltokenstore.db'), undefined, 'a file never written is not forced');
    cache.close();
  });
});

test('flush writes dirty pages in page order', () => {
  withTempDir((dir) => {
    const fileSystem = new CountingFileSystem();
    const cache = new PageCache(fileSystem, { memoryBytes: 8 * pageSize, pageSize });
    const file = cache.map(path.join(dir, 'neostore.propertystore.db'));
    for (const page of [5, 2, 7, 0, 3]) file.unpin(file.pin(page, true));
    file.flush();
    assert.deepEqual(
      fileSystem.writeLog.map((write) => write.position / pageSize),
      [0, 2, 3, 5, 7],
    );
    cache.close();
  });
});

test('a page still pinned during a flush is written but stays dirty', () => {
  withTempDir((dir) => {
    const fileSystem = new CountingFileSystem();
    const cache = new PageCache(fileSystem, { memoryBytes: 8 * pageSize, pageSize });
    const file = cache.map(path.join(dir, 'neostore.nodestore.db'));
    const frame = file.pin(0, true);
    cache.buffer[frame * pageSize] = 1;
    cache.flushAll();
    assert.equal(fs.readFileSync(file.path)[0], 1);

    // The holder goes on writing after the flush; the next flush must carry that too.
    cache.buffer[frame * pageSize] = 2;
    file.unpin(frame);
    cache.flushAll();
    assert.equal(fs.readFileSync(file.path)[0], 2);
    assert.equal(cache.stats().flushes, 2);
    cache.close();
  });
});
