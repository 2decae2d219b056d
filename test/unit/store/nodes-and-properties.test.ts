import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PropertyValue } from '../../../engine/store/property-value.js';
import { StoreType } from '../../../engine/store/store-type.js';
import { StoreFixture } from './store-fixture.js';

function createTokens(fixture: StoreFixture, kind: 'label' | 'propertyKey' | 'relationshipType', count: number): number[] {
  const ids = Array.from({ length: count }, () => fixture.stores.allocateTokenId(kind));
  fixture.commit((changes) => ids.forEach((id) => changes.createToken(kind, id, `${kind}${id}`)));
  return ids;
}

test('nodes keep 0 to 5 labels, inline or in the label store, across label changes and a restart', () => {
  const fixture = new StoreFixture();
  try {
    const labels = createTokens(fixture, 'label', 6);
    // A label id above 65535 cannot be inline: the node's labels go to the label store.
    fixture.commit((changes) => changes.createToken('label', 70000, 'Big'));
    const stores = fixture.stores;
    const expected = new Map<number, number[]>();
    fixture.commit((changes) => {
      for (let count = 0; count <= 5; count++) {
        const id = stores.allocateNodeId();
        const nodeLabels = labels.slice(0, count).reverse();
        changes.createNode(id, [...nodeLabels, ...nodeLabels], new Map()); // duplicates collapse
        expected.set(id, labels.slice(0, count));
      }
      const big = stores.allocateNodeId();
      changes.createNode(big, [70000, 1], new Map());
      expected.set(big, [1, 70000]);
    });
    const verify = (): void => {
      for (const [id, nodeLabels] of expected) assert.deepEqual(fixture.stores.nodeLabels(id), nodeLabels, `labels of node ${id}`);
      assert.deepEqual(fixture.stores.check(), []);
    };
    verify();
    const [none, , , , , five] = [...expected.keys()];
    // inline -> dynamic, dynamic -> inline, dynamic -> empty
    fixture.commit((changes) => {
      changes.setNodeLabels(none!, labels);
      changes.setNodeLabels(five!, [labels[2]!]);
    });
    expected.set(none!, labels);
    expected.set(five!, [labels[2]!]);
    verify();
    fixture.commit((changes) => changes.setNodeLabels(none!, []));
    expected.set(none!, []);
    verify();
    fixture.reopen();
    verify();
  } finally {
    fixture.dispose();
  }
});

test('a node with many properties chains property records; replacing and removing keeps the chain sound', () => {
  const fixture = new StoreFixture();
  try {
    const keys = createTokens(fixture, 'propertyKey', 60);
    const stores = fixture.stores;
    const node = stores.allocateNodeId();
    const expected = new Map<number, PropertyValue>(keys.map((key) => [key, BigInt(key)]));
    fixture.commit((changes) => changes.createNode(node, [], expected));
    assert.equal(stores.idsInUse().property, 15, '60 one-block properties fill 15 records');
    assert.deepEqual(stores.nodeProperties(node), expected);

    // every kind of replacement: inline -> long string -> array -> float -> short string
    const replacements: PropertyValue[] = ['a long string value, longer than twelve bytes', [1n, 2n], 2.5, 'short', true];
    for (const value of replacements) {
      fixture.commit((changes) => {
        for (const key of keys.filter((k) => k % 3 === 0)) changes.setNodeProperty(node, key, value);
      });
      for (const key of keys.filter((k) => k % 3 === 0)) expected.set(key, value);
      assert.deepEqual(stores.nodeProperties(node), expected);
      assert.deepEqual(stores.check(), [], `after replacing with ${String(value)}`);
    }
    fixture.commit((changes) => {
      for (const key of keys.filter((k) => k % 2 === 1)) changes.removeNodeProperty(node, key);
      changes.removeNodeProperty(node, 9999); // absent: nothing happens
    });
    for (const key of keys.filter((k) => k % 2 === 1)) expected.delete(key);
    assert.deepEqual(stores.nodeProperties(node), expected);
    assert.equal(stores.nodeProperty(node, keys[1]!), undefined);
    assert.equal(stores.nodeProperty(node, keys[2]!), 2n);
    assert.deepEqual(stores.check(), []);
    fixture.reopen();
    assert.deepEqual(fixture.stores.nodeProperties(node), expected);
    assert.deepEqual(fixture.stores.check(), []);

    // removing everything empties the chain and frees every record
    fixture.commit((changes) => {
      for (const key of expected.keys()) changes.removeNodeProperty(node, key);
    });
    assert.equal(fixture.stores.nodeProperties(node).size, 0);
    assert.equal(fixture.stores.idsInUse().property, 0);
    assert.deepEqual(fixture.stores.check(), []);
  } finally {
    fixture.dispose();
  }
});

test('later operations of one change set see the earlier ones', () => {
  const fixture = new StoreFixture();
  try {
    const [key] = createTokens(fixture, 'propertyKey', 1);
    const [label] = createTokens(fixture, 'label', 1);
    const stores = fixture.stores;
    const node = stores.allocateNodeId();
    const payload = fixture.commit((changes) => {
      changes.createNode(node, [], new Map());
      changes.setNodeProperty(node, key!, 'first value, long enough for the string store');
      changes.setNodeProperty(node, key!, 'second');
      changes.setNodeLabels(node, [label!]);
    });
    assert.deepEqual(payload.touchedNodes, [node]);
    assert.deepEqual(stores.nodeProperties(node), new Map([[key!, 'second']]));
    assert.deepEqual(stores.nodeLabels(node), [label]);
    assert.deepEqual(stores.check(), [], 'the string chain written and replaced in one change set is not left in use');
    // The payload is ordered by store, then id.
    const order = payload.commands.map((command) => command.store * 2 ** 32 + command.id);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  } finally {
    fixture.dispose();
  }
});

test('deleting a node frees its property and label records', () => {
  const fixture = new StoreFixture();
  try {
    const labels = createTokens(fixture, 'label', 5);
    const keys = createTokens(fixture, 'propertyKey', 9);
    const stores = fixture.stores;
    const node = stores.allocateNodeId();
    fixture.commit((changes) =>
      changes.createNode(node, labels, new Map(keys.map((key) => [key, 'value number ' + 'x'.repeat(key * 30)]))),
    );
    assert.ok(stores.idsInUse().property > 0);
    const payload = fixture.commit((changes) => changes.deleteNode(node));
    assert.deepEqual(payload.touchedNodes, [node]);
    assert.ok(payload.commands.some((command) => command.store === StoreType.nodeLabels));
    assert.ok(payload.commands.some((command) => command.store === StoreType.propertyStrings));
    assert.equal(stores.nodeExists(node), false);
    assert.deepEqual(stores.idsInUse(), { node: 0, relationship: 0, property: 0 });
    assert.deepEqual([...stores.allNodeIds()], []);
    assert.deepEqual(stores.check(), [], 'no dynamic record is left in use');
  } finally {
    fixture.dispose();
  }
});

test('operations on entities that do not exist, or already exist, throw', () => {
  const fixture = new StoreFixture();
  try {
    const stores = fixture.stores;
    const node = stores.allocateNodeId();
    fixture.commit((changes) => changes.createNode(node, [], new Map()));
    const changes = stores.newChangeSet(fixture.pending);
    assert.throws(() => changes.setNodeProperty(99, 0, 1n), { code: 'Neo.ClientError.Statement.EntityNotFound' });
    assert.throws(() => changes.removeNodeProperty(99, 0), /node 99 does not exist/);
    assert.throws(() => changes.setNodeLabels(99, []), /node 99 does not exist/);
    assert.throws(() => changes.deleteNode(99), /node 99 does not exist/);
    assert.throws(() => changes.deleteRelationship(5), /relationship 5 does not exist/);
    assert.throws(() => changes.setRelationshipProperty(5, 0, 1n), /relationship 5 does not exist/);
    assert.throws(() => changes.createRelationship(0, 0, node, 99, new Map()), /node 99 does not exist/);
    assert.throws(() => changes.createNode(node, [], new Map()), /node 0 already exists/);
    assert.throws(() => changes.createNode(-1, [], new Map()), /node id -1 is not a record id/);
    assert.throws(() => changes.dropSchemaRule(3), /schema rule 3 does not exist/);
    assert.throws(() => stores.nodeLabels(99), /node 99 does not exist/);
    assert.throws(() => stores.nodeProperties(1.5), /node 1.5 does not exist/);
    assert.throws(() => stores.relationshipProperties(0), /relationship 0 does not exist/);
    assert.equal(stores.relationship(0), null);
    assert.equal(stores.nodeExists(-1), false);
    assert.equal(stores.nodeExists(2 ** 40), false);
    changes.abort();
  } finally {
    fixture.dispose();
  }
});

test('tokens map names to ids, survive a restart, and names may span dynamic records', () => {
  const fixture = new StoreFixture();
  try {
    const stores = fixture.stores;
    const longName = 'A'.repeat(300) + '😀';
    const person = stores.allocateTokenId('label');
    const long = stores.allocateTokenId('label');
    const knows = stores.allocateTokenId('relationshipType');
    const name = stores.allocateTokenId('propertyKey');
    assert.deepEqual([person, long, knows, name], [0, 1, 0, 0]);
    assert.equal(stores.tokenId('label', 'Person'), undefined, 'not before apply');
    fixture.commit((changes) => {
      changes.createToken('label', person, 'Person');
      changes.createToken('label', long, longName);
      changes.createToken('relationshipType', knows, 'KNOWS');
      changes.createToken('propertyKey', name, 'name');
    });
    const verify = (): void => {
      const s = fixture.stores;
      assert.equal(s.tokenId('label', 'Person'), person);
      assert.equal(s.tokenId('label', longName), long);
      assert.equal(s.tokenId('relationshipType', 'KNOWS'), knows);
      assert.equal(s.tokenId('propertyKey', 'name'), name);
      assert.equal(s.tokenId('propertyKey', 'Person'), undefined);
      assert.equal(s.tokenName('label', long), longName);
      assert.deepEqual(s.tokens('label'), [
        { id: person, name: 'Person' },
        { id: long, name: longName },
      ]);
      assert.throws(() => s.tokenName('relationshipType', 7), /relationshipType token 7 does not exist/);
      assert.equal(s.allocateTokenId('label'), 2, 'ids continue after the existing tokens');
      s.freeTokenId('label', 2);
      assert.deepEqual(s.check(), []);
    };
    verify();
    assert.throws(() => stores.newChangeSet(fixture.pending).createToken('label', person, 'Again'), /label token 0 already exists/);
    fixture.reopen();
    verify();
  } finally {
    fixture.dispose();
  }
});

test('schema rules are created, dropped, and survive a restart', () => {
  const fixture = new StoreFixture();
  try {
    const [label] = createTokens(fixture, 'label', 1);
    const [key, other] = createTokens(fixture, 'propertyKey', 2);
    const stores = fixture.stores;
    const index = { id: stores.allocateSchemaRuleId(), kind: 'index' as const, name: 'index_' + 'n'.repeat(200), labelId: label!, propertyKeyId: key! };
    const unique = { id: stores.allocateSchemaRuleId(), kind: 'uniqueness' as const, name: 'unique_other', labelId: label!, propertyKeyId: other! };
    fixture.commit((changes) => {
      changes.createSchemaRule(index);
      changes.createSchemaRule(unique);
    });
    assert.deepEqual(stores.schemaRules(), [index, unique]);
    assert.throws(() => stores.newChangeSet(fixture.pending).createSchemaRule(index), /already exists/);
    fixture.reopen();
    assert.deepEqual(fixture.stores.schemaRules(), [index, unique]);
    fixture.commit((changes) => changes.dropSchemaRule(index.id));
    assert.deepEqual(fixture.stores.schemaRules(), [unique]);
    assert.deepEqual(fixture.stores.check(), []);
    fixture.reopen();
    assert.deepEqual(fixture.stores.schemaRules(), [unique]);
    // The dropped rule held records 0 (its id) and 2 (the rest of its long name); the lowest free id comes first.
    assert.equal(fixture.stores.allocateSchemaRuleId(), 0);
    assert.equal(fixture.stores.allocateSchemaRuleId(), 2);
    assert.equal(fixture.stores.allocateSchemaRuleId(), 3);
  } finally {
    fixture.dispose();
  }
});
