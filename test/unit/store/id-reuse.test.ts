import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { IdGenerator } from '../../../engine/store/id-generator.js';
import { StoreType } from '../../../engine/store/store-type.js';
import { StoreFixture } from './store-fixture.js';

/** 10 nodes in a line, each with a property and a relationship to the next. */
function buildLine(fixture: StoreFixture): { nodes: number[]; rels: number[] } {
  const stores = fixture.stores;
  fixture.commit((changes) => {
    changes.createToken('propertyKey', stores.allocateTokenId('propertyKey'), 'k');
    changes.createToken('relationshipType', stores.allocateTokenId('relationshipType'), 'NEXT');
  });
  const nodes = Array.from({ length: 10 }, () => stores.allocateNodeId());
  const rels: number[] = [];
  fixture.commit((changes) => {
    nodes.forEach((node, i) => changes.createNode(node, [], new Map([[0, BigInt(i)]])));
    for (let i = 0; i + 1 < nodes.length; i++) {
      const id = stores.allocateRelationshipId();
      changes.createRelationship(id, 0, nodes[i]!, nodes[i + 1]!, new Map([[0, 'relationship value over twelve bytes']]));
      rels.push(id);
    }
  });
  return { nodes, rels };
}

test('deleted node, relationship and property ids are reused once the delete is applied', () => {
  const fixture = new StoreFixture();
  try {
    const stores = fixture.stores;
    const { nodes, rels } = buildLine(fixture);
    // Node 9's property record (created 10th) and relationship 8 with its property record.
    const deleteChanges = stores.newChangeSet(fixture.pending);
    deleteChanges.deleteRelationship(rels[8]!);
    deleteChanges.deleteNode(nodes[9]!);
    const payload = deleteChanges.payload();
    const freedProperties = payload.commands.filter((c) => c.store === StoreType.property).map((c) => c.id).sort((a, b) => a - b);
    assert.equal(freedProperties.length, 2);
    assert.notEqual(stores.allocateNodeId(), nodes[9], 'not reused before apply');
    stores.apply(payload.commands);

    assert.equal(stores.allocateNodeId(), nodes[9]);
    assert.equal(stores.allocateRelationshipId(), rels[8]);
    const reuse = stores.newChangeSet(fixture.pending);
    reuse.createNode(nodes[9]!, [], new Map([[0, 1n]]));
    reuse.createRelationship(rels[8]!, 0, nodes[8]!, nodes[9]!, new Map([[0, 2n]]));
    const reused = reuse.payload().commands.filter((c) => c.store === StoreType.property).map((c) => c.id).sort((a, b) => a - b);
    assert.deepEqual(reused, freedProperties);
    stores.apply(reuse.payload().commands);
    assert.deepEqual(stores.idsInUse(), { node: 10, relationship: 9, property: 19 });
    assert.deepEqual(stores.check(), []);
  } finally {
    fixture.dispose();
  }
});

test('the free lists survive a clean restart through the .id files', () => {
  const fixture = new StoreFixture();
  try {
    const { nodes } = buildLine(fixture);
    fixture.commit((changes) => {
      changes.deleteRelationship(3);
      changes.deleteRelationship(4);
      changes.deleteNode(nodes[4]!);
    });
    fixture.reopen();
    assert.ok(fs.existsSync(path.join(fixture.dir, 'neostore.nodestore.db.id')));
    assert.equal(fixture.stores.allocateNodeId(), nodes[4]);
    assert.equal(fixture.stores.allocateNodeId(), 10);
    assert.deepEqual([fixture.stores.allocateRelationshipId(), fixture.stores.allocateRelationshipId()], [3, 4]);
    assert.deepEqual(fixture.stores.idsInUse(), { node: 9, relationship: 7, property: 16 });
  } finally {
    fixture.dispose();
  }
});

test('rebuildIdGenerators and a missing .id file recover the free lists by scanning', () => {
  const fixture = new StoreFixture();
  try {
    const { nodes } = buildLine(fixture);
    fixture.commit((changes) => {
      changes.deleteRelationship(0);
      changes.deleteNode(nodes[0]!);
      changes.deleteRelationship(8);
      changes.deleteNode(nodes[9]!);
    });
    fixture.reopenWithoutIdFiles();
    const stores = fixture.stores;
    assert.deepEqual(stores.idsInUse(), { node: 8, relationship: 7, property: 15 });
    // Node 9 was the highest: the high id drops to 9, and the hole at 0 is free.
    assert.deepEqual([stores.allocateNodeId(), stores.allocateNodeId(), stores.allocateNodeId()], [0, 9, 10]);
    assert.deepEqual([stores.allocateRelationshipId(), stores.allocateRelationshipId()], [0, 8]);

    stores.rebuildIdGenerators();
    assert.deepEqual([stores.allocateNodeId(), stores.allocateNodeId()], [0, 9], 'allocations since are forgotten');
    assert.deepEqual(stores.check(), []);
  } finally {
    fixture.dispose();
  }
});

test('a damaged .id file is ignored and rebuilt by scanning', () => {
  const fixture = new StoreFixture();
  try {
    const { nodes } = buildLine(fixture);
    fixture.commit((changes) => {
      changes.deleteRelationship(0);
      changes.deleteRelationship(1);
      changes.deleteNode(nodes[1]!);
    });
    fixture.reopen(() => {
      const idFile = path.join(fixture.dir, 'neostore.nodestore.db.id');
      const bytes = fs.readFileSync(idFile);
      bytes[bytes.length - 1]! ^= 0xff;
      fs.writeFileSync(idFile, bytes);
    });
    assert.equal(fixture.stores.allocateNodeId(), nodes[1]);
    assert.equal(fixture.stores.idsInUse().node, 9);
  } finally {
    fixture.dispose();
  }
});

test('abort gives back the property and dynamic ids a change set allocated', () => {
  const fixture = new StoreFixture();
  try {
    buildLine(fixture);
    const stores = fixture.stores;
    const first = stores.newChangeSet(fixture.pending);
    first.setNodeProperty(0, 0, 'a value long enough for the string store, '.repeat(5));
    first.createRelationship(stores.allocateRelationshipId(), 0, 1, 2, new Map([[0, 1n]]));
    const allocated = first.payload().commands.filter((c) => c.store === StoreType.property || c.store === StoreType.propertyStrings);
    first.abort();
    const second = stores.newChangeSet(fixture.pending);
    second.setNodeProperty(0, 0, 'a value long enough for the string store, '.repeat(5));
    second.createRelationship(9, 0, 1, 2, new Map([[0, 1n]]));
    const again = second.payload().commands.filter((c) => c.store === StoreType.property || c.store === StoreType.propertyStrings);
    assert.deepEqual(
      again.map((c) => [c.store, c.id]).sort(),
      allocated.map((c) => [c.store, c.id]).sort(),
    );
  } finally {
    fixture.dispose();
  }
});

test('an uncommitted node or relationship id can be freed; a committed one cannot', () => {
  const fixture = new StoreFixture();
  try {
    const { nodes, rels } = buildLine(fixture);
    const stores = fixture.stores;
    const node = stores.allocateNodeId();
    const rel = stores.allocateRelationshipId();
    stores.freeNodeId(node);
    stores.freeRelationshipId(rel);
    assert.equal(stores.allocateNodeId(), node);
    assert.equal(stores.allocateRelationshipId(), rel);
    assert.throws(() => stores.freeNodeId(nodes[0]!), /in use/);
    assert.throws(() => stores.freeRelationshipId(rels[0]!), /in use/);
  } finally {
    fixture.dispose();
  }
});

test('the id generator hands out freed ids lowest first after a restart and survives its file format', () => {
  const ids = new IdGenerator('test', 0, 0, []);
  for (let i = 0; i < 10; i++) ids.allocate();
  for (const id of [7, 2, 5]) ids.takeOutOfUse(id, false);
  ids.release(5); // a repeat is ignored
  ids.release(50); // above the high id: never handed out, stays out
  ids.markUsed(12); // seen in use by apply: the high id covers it, 10 and 11 are not freed
  assert.equal(ids.highId, 13);
  assert.deepEqual(ids.freeIds(), [2, 5, 7]);
  const decoded = IdGenerator.decode('test', ids.encode());
  assert.deepEqual([decoded.allocate(), decoded.allocate(), decoded.allocate(), decoded.allocate()], [2, 5, 7, 13]);
  assert.deepEqual([ids.allocate(), ids.allocate()], [5, 2], 'most recently freed first while running');
  const damaged = ids.encode();
  damaged[9]! ^= 1;
  assert.throws(() => IdGenerator.decode('test', damaged), /checksum/);
  assert.throws(() => IdGenerator.decode('test', Buffer.alloc(10)), /too short/);
});
