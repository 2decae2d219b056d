import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PendingRecords } from '../../../engine/store/pending-records.js';
import { StoreType } from '../../../engine/store/store-type.js';
import { StoreFixture } from './store-fixture.js';

test('a change set built while an earlier one is only pending sees its records', () => {
  const fixture = new StoreFixture();
  try {
    const stores = fixture.stores;
    const pending = fixture.pending;
    fixture.commit((changes) => {
      changes.createToken('propertyKey', stores.allocateTokenId('propertyKey'), 'k');
      changes.createToken('relationshipType', stores.allocateTokenId('relationshipType'), 'T');
      for (let i = 0; i < 4; i++) changes.createToken('label', stores.allocateTokenId('label'), `L${i}`);
    });
    // Transaction A: two nodes and a relationship, appended to the log but not applied.
    const a = stores.newChangeSet(pending);
    const [n1, n2, r1] = [stores.allocateNodeId(), stores.allocateNodeId(), stores.allocateRelationshipId()];
    a.createNode(n1, [], new Map([[0, 'node one, with a long string value']]));
    a.createNode(n2, [], new Map());
    a.createRelationship(r1, 0, n1, n2, new Map());
    const payloadA = a.payload();
    pending.add(payloadA.commands);
    assert.equal(stores.nodeExists(n1), false, 'not applied yet');

    // Transaction B builds on A: it changes A's node and links into A's chains.
    const b = stores.newChangeSet(pending);
    const r2 = stores.allocateRelationshipId();
    b.setNodeProperty(n1, 0, 'replaced');
    assert.deepEqual(b.nodeLabels(n1), [], 'reads A\'s node through pending');
    b.setNodeLabels(n2, [3]);
    assert.deepEqual(b.nodeLabels(n2), [3], 'reads its own change');
    b.createRelationship(r2, 0, n2, n1, new Map([[0, 7n]]));
    const payloadB = b.payload();
    pending.add(payloadB.commands);

    stores.apply(payloadA.commands);
    pending.remove(payloadA.commands);
    // A's node record was replaced by B's image: it stays pending until B is applied.
    assert.ok(pending.get(StoreType.node, n1) !== undefined);
    stores.apply(payloadB.commands);
    pending.remove(payloadB.commands);
    assert.equal(pending.size, 0);

    assert.equal(stores.nodeProperty(n1, 0), 'replaced');
    assert.deepEqual(stores.nodeLabels(n2), [3]);
    assert.deepEqual([...stores.nodeRelationships(n1)].map((r) => r.id), [r2, r1]);
    assert.deepEqual([...stores.nodeRelationships(n2)].map((r) => r.id), [r2, r1]);
    assert.deepEqual(stores.check(), [], 'A\'s string chain, replaced by B, was freed');
  } finally {
    fixture.dispose();
  }
});

test('remove forgets an entry only when no later add replaced it', () => {
  const pending = new PendingRecords();
  const first = [{ store: StoreType.node, id: 1, after: Buffer.alloc(15, 1) }];
  const second = [{ store: StoreType.node, id: 1, after: Buffer.alloc(15, 2) }];
  pending.add(first);
  pending.add(second);
  pending.remove(first);
  assert.equal(pending.get(StoreType.node, 1), second[0]!.after);
  pending.remove(second);
  assert.equal(pending.get(StoreType.node, 1), undefined);
  assert.equal(pending.get(StoreType.relationship, 1), undefined);
});
