import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { storeDescriptors } from '../../../engine/store/store-type.js';
import { StoreFixture } from './store-fixture.js';

const CACHE_BYTES = 256 * 1024;

test('a store 20 times larger than its page cache reads back correctly', () => {
  const fixture = new StoreFixture(CACHE_BYTES);
  try {
    const stores = fixture.stores;
    fixture.commit((changes) => {
      changes.createToken('label', stores.allocateTokenId('label'), 'Person');
      for (let key = 0; key < 4; key++) changes.createToken('propertyKey', stores.allocateTokenId('propertyKey'), `p${key}`);
      changes.createToken('relationshipType', stores.allocateTokenId('relationshipType'), 'KNOWS');
    });
    const count = 40000;
    const props = (i: number): Map<number, string | bigint | number> =>
      new Map<number, string | bigint | number>([
        [0, BigInt(i)],
        [1, i * 0.5],
        [2, `name-${i}`],
        [3, `a longer description of node ${i} that needs the string store`],
      ]);
    for (let batch = 0; batch < count; batch += 1000) {
      fixture.commit((changes) => {
        for (let i = batch; i < batch + 1000; i++) {
          const id = stores.allocateNodeId();
          changes.createNode(id, [0], props(i));
          if (i > 0) changes.createRelationship(stores.allocateRelationshipId(), 0, id, id - 1, new Map());
        }
      });
    }
    const verify = (): void => {
      const s = fixture.stores;
      for (let i = 0; i < count; i += 1) {
        assert.deepEqual(s.nodeProperties(i), props(i));
        assert.deepEqual(s.nodeLabels(i), [0]);
        const neighbours = [...s.nodeRelationships(i)].map((r) => (r.startNode === i ? r.endNode : r.startNode)).sort((a, b) => a - b);
        assert.deepEqual(neighbours, [i - 1, i + 1].filter((n) => n >= 0 && n < count));
      }
    };
    verify();
    fixture.pageCache.flushAll();
    const storeBytes = storeDescriptors.reduce((sum, d) => sum + fs.statSync(path.join(fixture.dir, d.fileName)).size, 0);
    assert.ok(storeBytes >= 20 * CACHE_BYTES, `store is ${storeBytes} bytes, cache ${CACHE_BYTES}`);
    const stats = fixture.pageCache.stats();
    assert.ok(stats.evictions > 0 && stats.faults > 0, JSON.stringify(stats));
    fixture.reopen();
    verify();
    // int (1 block) + float (2) + short string (2) + string pointer (1) = 6 blocks: 2 records a node
    assert.deepEqual(fixture.stores.idsInUse(), { node: count, relationship: count - 1, property: 2 * count });
    assert.deepEqual(fixture.stores.check(), []);
  } finally {
    fixture.dispose();
  }
});
