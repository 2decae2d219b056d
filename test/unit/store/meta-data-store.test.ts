import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import { MetaDataStore, STORE_FORMAT_VERSION } from '../../../engine/store/meta-data-store.js';
import { NeoStores } from '../../../engine/store/neo-stores.js';
import { StoreFixture } from './store-fixture.js';

test('a new store gets a random store id and no checkpoint; checkpoints written survive a restart', () => {
  const fixture = new StoreFixture();
  const other = new StoreFixture();
  try {
    const created = fixture.stores.metaData.read();
    assert.match(created.storeId, /^[0-9a-f]{32}$/);
    assert.notEqual(created.storeId, other.stores.metaData.read().storeId);
    assert.equal(created.formatVersion, STORE_FORMAT_VERSION);
    assert.equal(created.checkpointTxId, 0);
    assert.ok(Math.abs(created.creationTimeMs - Date.now()) < 60_000);
    const checkpoint = {
      ...created,
      checkpointTxId: 2 ** 40,
      checkpointChecksum: 0xfedcba98,
      checkpointEpoch: 7,
      checkpointTimeMs: 1_700_000_000_123,
    };
    fixture.stores.metaData.write(checkpoint);
    assert.deepEqual(fixture.stores.metaData.read(), checkpoint);
    fixture.reopen();
    assert.deepEqual(fixture.stores.metaData.read(), checkpoint);
    assert.throws(() => fixture.stores.metaData.write({ ...checkpoint, checkpointChecksum: -1 }), /not a u32/);
    assert.throws(() => fixture.stores.metaData.write({ ...checkpoint, storeId: 'abc' }), /32 lowercase hex digits/);
  } finally {
    fixture.dispose();
    other.dispose();
  }
});

test('a damaged or foreign metadata file stops the open with what to do', () => {
  const fixture = new StoreFixture();
  try {
    const file = path.join(fixture.dir, 'neostore');
    fixture.shutdown();
    const bytes = fs.readFileSync(file);
    const damaged = Buffer.from(bytes);
    damaged[30]! ^= 1;
    fs.writeFileSync(file, damaged);
    const fileSystem = new NodeFileSystem();
    assert.throws(() => MetaDataStore.open(fileSystem, file), /is damaged: its checksum does not match.*Restore the store from a backup/);
    fs.writeFileSync(file, bytes.subarray(0, 10));
    assert.throws(() => MetaDataStore.open(fileSystem, file), /has 10 bytes instead of 68/);
  } finally {
    fixture.dispose();
  }
});

test('store files without metadata are refused rather than overwritten', () => {
  const fixture = new StoreFixture();
  try {
    fixture.commit((changes) => changes.createNode(fixture.stores.allocateNodeId(), [], new Map()));
    fixture.shutdown();
    fs.rmSync(path.join(fixture.dir, 'neostore'));
    const pageCache = new PageCache(new NodeFileSystem(), { memoryBytes: 1 << 20 });
    try {
      assert.throws(() => NeoStores.open(new NodeFileSystem(), pageCache, fixture.dir), /holds store files .* but no neostore metadata file/);
    } finally {
      pageCache.close();
    }
  } finally {
    fixture.dispose();
  }
});

test('opening creates the store directory and every store file named like Neo4j\'s', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-store-'));
  const dir = path.join(parent, 'databases', 'graph.db');
  const pageCache = new PageCache(new NodeFileSystem(), { memoryBytes: 1 << 20 });
  try {
    const stores = NeoStores.open(new NodeFileSystem(), pageCache, dir);
    stores.flushIds();
    stores.close();
    const names = fs.readdirSync(dir).sort();
    for (const expected of [
      'neostore',
      'neostore.nodestore.db',
      'neostore.nodestore.db.labels',
      'neostore.relationshipstore.db',
      'neostore.propertystore.db',
      'neostore.propertystore.db.strings',
      'neostore.propertystore.db.arrays',
      'neostore.propertystore.db.index',
      'neostore.propertystore.db.index.keys',
      'neostore.labeltokenstore.db',
      'neostore.labeltokenstore.db.names',
      'neostore.relationshiptypestore.db',
      'neostore.relationshiptypestore.db.names',
      'neostore.schemastore.db',
      'neostore.nodestore.db.id',
    ]) {
      assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    }
  } finally {
    pageCache.close();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
