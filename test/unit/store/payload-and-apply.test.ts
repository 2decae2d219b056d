import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { decodePayload, encodePayload, type TransactionPayload } from '../../../engine/store/record-command.js';
import { storeDescriptors, StoreType } from '../../../engine/store/store-type.js';
import { StoreFixture } from './store-fixture.js';

/** A few transactions covering every store: tokens, a rule, nodes, relationships, long values, deletes. */
function buildHistory(fixture: StoreFixture): TransactionPayload[] {
  const stores = fixture.stores;
  const history: TransactionPayload[] = [];
  const label = stores.allocateTokenId('label');
  const key = stores.allocateTokenId('propertyKey');
  const type = stores.allocateTokenId('relationshipType');
  const rule = stores.allocateSchemaRuleId();
  history.push(
    fixture.commit((changes) => {
      changes.createToken('label', label, 'Person');
      changes.createToken('propertyKey', key, 'name');
      changes.createToken('relationshipType', type, 'KNOWS');
      changes.createSchemaRule({ id: rule, kind: 'index', name: 'by_name', labelId: label, propertyKeyId: key });
    }),
  );
  const nodes = Array.from({ length: 5 }, () => stores.allocateNodeId());
  const rels: number[] = [];
  history.push(
    fixture.commit((changes) => {
      nodes.forEach((node, i) => changes.createNode(node, i === 0 ? [label, 1000, 2000, 3000, 70000] : [label], new Map([[key, `person ${i} `.repeat(i * 10)]])));
      for (let i = 1; i < nodes.length; i++) {
        const id = stores.allocateRelationshipId();
        changes.createRelationship(id, type, nodes[0]!, nodes[i]!, new Map([[key, [BigInt(i)]]]));
        rels.push(id);
      }
    }),
  );
  history.push(
    fixture.commit((changes) => {
      changes.deleteRelationship(rels[1]!);
      changes.setNodeProperty(nodes[2]!, key, 42n);
      changes.setNodeLabels(nodes[0]!, []);
      changes.deleteRelationship(rels[2]!);
      changes.deleteNode(nodes[3]!);
    }),
  );
  history.push(fixture.commit((changes) => changes.dropSchemaRule(rule)));
  return history;
}

/** Everything a reader can see, plus the raw bytes of every store file after a flush. */
function snapshot(fixture: StoreFixture): unknown {
  const stores = fixture.stores;
  fixture.pageCache.flushAll();
  const files: Record<string, string> = {};
  for (const descriptor of storeDescriptors) {
    files[descriptor.fileName] = fs.readFileSync(path.join(fixture.dir, descriptor.fileName)).toString('base64');
  }
  return {
    nodes: [...stores.allNodeIds()].map((id) => [id, stores.nodeLabels(id), stores.nodeProperties(id), [...stores.nodeRelationships(id)]]),
    relationships: [...stores.allRelationshipIds()].map((id) => [stores.relationship(id), stores.relationshipProperties(id)]),
    tokens: [stores.tokens('label'), stores.tokens('propertyKey'), stores.tokens('relationshipType')],
    rules: stores.schemaRules(),
    inUse: stores.idsInUse(),
    files,
  };
}

test('payloads round-trip through encode and decode', () => {
  const fixture = new StoreFixture();
  try {
    for (const payload of buildHistory(fixture)) {
      const bytes = encodePayload(payload);
      const decoded = decodePayload(bytes);
      assert.deepEqual(decoded, payload);
      bytes.fill(0); // the decoded payload does not share the caller's buffer
      assert.deepEqual(decoded, payload);
    }
    assert.deepEqual(decodePayload(encodePayload({ commands: [], touchedNodes: [] })), { commands: [], touchedNodes: [] });
  } finally {
    fixture.dispose();
  }
});

test('a malformed payload throws', () => {
  const fixture = new StoreFixture();
  try {
    const bytes = encodePayload(buildHistory(fixture)[1]!);
    for (let length = 0; length < bytes.length; length++) {
      assert.throws(() => decodePayload(bytes.subarray(0, length)), /malformed transaction payload/, `cut at ${length}`);
    }
    assert.throws(() => decodePayload(Buffer.concat([bytes, Buffer.alloc(1)])), /malformed transaction payload/);
    const version = Buffer.from(bytes);
    version[0] = 2;
    assert.throws(() => decodePayload(version), /format version 2/);
    const store = Buffer.from(bytes);
    store[5] = 200;
    assert.throws(() => decodePayload(store), /unknown store type 200/);
    assert.throws(
      () => encodePayload({ commands: [{ store: StoreType.node, id: 1, after: Buffer.alloc(14) }], touchedNodes: [] }),
      /has 14 bytes, expected 15/,
    );
  } finally {
    fixture.dispose();
  }
});

test('apply is idempotent: the same commands again change nothing', () => {
  const fixture = new StoreFixture();
  try {
    const history = buildHistory(fixture);
    const before = snapshot(fixture);
    fixture.stores.apply(history[history.length - 2]!.commands);
    fixture.stores.apply(history[history.length - 1]!.commands);
    assert.deepEqual(snapshot(fixture), before);
    // Replaying the whole history over the final state (what recovery does) lands on the same state.
    for (const payload of history) fixture.stores.apply(decodePayload(encodePayload(payload)).commands);
    assert.deepEqual(snapshot(fixture), before);
    assert.deepEqual(fixture.stores.check(), []);
    // The free lists hold no duplicates: distinct ids come out.
    const ids = Array.from({ length: 10 }, () => fixture.stores.allocateRelationshipId());
    assert.equal(new Set(ids).size, ids.length);
  } finally {
    fixture.dispose();
  }
});

test('replaying the log on a fresh store rebuilds the same store, tokens and rules included', () => {
  const source = new StoreFixture();
  const replica = new StoreFixture();
  try {
    const history = buildHistory(source);
    for (const payload of history) replica.stores.apply(decodePayload(encodePayload(payload)).commands);
    const expected = snapshot(source) as { files: unknown };
    const actual = snapshot(replica) as { files: unknown };
    assert.deepEqual(actual, expected);
    assert.deepEqual(replica.stores.check(), []);
  } finally {
    source.dispose();
    replica.dispose();
  }
});
