/**
 * Thousands of random operations against the engine and against a plain in-memory model
 * of the graph, compared after every commit and after restarts. The page cache is
 * tiny and the log rotates often, so eviction, write-back, rotation and checkpoints all
 * happen along the way. GRAPHLB_SEED repeats a run.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { GraphDatabase } from '../../engine/database.js';
import type { PropertyValue } from '../../engine/store/property-value.js';
import type { Transaction } from '../../engine/tx/transaction.js';
import { Neo4jError } from '../../protocol/errors.js';
import type { DatabaseOptions } from '../../engine/database-options.js';
import { testDatabaseOptions } from '../support/database.js';
import { Random } from '../support/random.js';
import { makeTempDir } from '../support/temp-dir.js';

interface ModelNode {
  labels: Set<string>;
  properties: Map<string, PropertyValue>;
}
interface ModelRelationship {
  type: string;
  startNode: number;
  endNode: number;
  properties: Map<string, PropertyValue>;
}
interface Model {
  nodes: Map<number, ModelNode>;
  relationships: Map<number, ModelRelationship>;
}

const LABELS = ['Person', 'Country', 'City', 'Tag', 'Extra', 'More'];
const TYPES = ['KNOWS', 'LIVES_IN', 'TAGGED'];
const KEYS = ['name', 'age', 'score', 'flag', 'bio', 'tags', 'uid', 'k7', 'k8'];

function randomValue(random: Random): PropertyValue {
  switch (random.int(10)) {
    case 0:
      return random.chance(0.5);
    case 1:
      return BigInt(random.int(2000) - 1000);
    case 2:
      return BigInt.asIntN(64, BigInt(Math.floor(random.next() * 2 ** 52)) * 4099n);
    case 3:
      return (random.next() - 0.5) * 1e6;
    case 4:
      return random.string(8);
    case 5:
      return random.string(400);
    case 6:
      return Array.from({ length: random.int(5) }, () => BigInt(random.int(100)));
    case 7:
      return Array.from({ length: random.int(4) }, () => random.string(30));
    case 8:
      return Array.from({ length: random.int(40) }, () => random.next());
    default:
      return random.string(40);
  }
}

function cloneModel(model: Model): Model {
  return {
    nodes: new Map([...model.nodes].map(([id, n]) => [id, { labels: new Set(n.labels), properties: new Map(n.properties) }])),
    relationships: new Map([...model.relationships].map(([id, r]) => [id, { ...r, properties: new Map(r.properties) }])),
  };
}

function sortedEntries(record: Record<string, PropertyValue>): Array<[string, PropertyValue]> {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

function modelEntries(properties: Map<string, PropertyValue>): Array<[string, PropertyValue]> {
  return [...properties].sort(([a], [b]) => a.localeCompare(b));
}

/** The whole database, read through a fresh transaction, must equal the model. */
function compare(database: GraphDatabase, model: Model, context: string): void {
  const tx = database.beginTransaction('READ');
  try {
    const nodeIds = [...tx.allNodeIds()].sort((a, b) => a - b);
    assert.deepEqual(nodeIds, [...model.nodes.keys()].sort((a, b) => a - b), `${context}: node ids`);
    for (const [id, node] of model.nodes) {
      assert.deepEqual(tx.nodeLabels(id).sort(), [...node.labels].sort(), `${context}: labels of node ${id}`);
      assert.deepEqual(sortedEntries(tx.nodeProperties(id)), modelEntries(node.properties), `${context}: properties of node ${id}`);
      const expected = [...model.relationships].filter(([, r]) => r.startNode === id || r.endNode === id).map(([relId]) => relId);
      const actual = tx.relationships(id).map((r) => r.id);
      assert.deepEqual(actual.sort((a, b) => a - b), expected.sort((a, b) => a - b), `${context}: relationships of node ${id}`);
      const outgoing = tx.relationships(id, 'outgoing').map((r) => r.id).sort((a, b) => a - b);
      const expectedOut = expected.filter((relId) => model.relationships.get(relId)!.startNode === id).sort((a, b) => a - b);
      assert.deepEqual(outgoing, expectedOut, `${context}: outgoing relationships of node ${id}`);
    }
    const relationshipIds = [...tx.allRelationshipIds()].sort((a, b) => a - b);
    assert.deepEqual(relationshipIds, [...model.relationships.keys()].sort((a, b) => a - b), `${context}: relationship ids`);
    for (const [id, relationship] of model.relationships) {
      const view = tx.relationship(id);
      assert.deepEqual(view, { id, type: relationship.type, startNode: relationship.startNode, endNode: relationship.endNode }, `${context}: relationship ${id}`);
      assert.deepEqual(sortedEntries(tx.relationshipProperties(id)), modelEntries(relationship.properties), `${context}: properties of relationship ${id}`);
    }
    for (const label of LABELS) {
      const expected = [...model.nodes].filter(([, n]) => n.labels.has(label)).map(([id]) => id).sort((a, b) => a - b);
      assert.deepEqual(tx.nodesWithLabel(label).sort((a, b) => a - b), expected, `${context}: label scan of ${label}`);
    }
  } finally {
    tx.rollback();
  }
}

/** Index seeks must agree with a scan of the model. */
function compareIndexSeeks(database: GraphDatabase, model: Model, random: Random, context: string): void {
  const tx = database.beginTransaction('READ');
  try {
    for (const [, node] of model.nodes) {
      for (const label of node.labels) {
        for (const [key, value] of node.properties) {
          if (!random.chance(0.05)) continue;
          const expected = [...model.nodes]
            .filter(([, n]) => n.labels.has(label) && n.properties.has(key) && sameValue(n.properties.get(key)!, value))
            .map(([id]) => id)
            .sort((a, b) => a - b);
          const actual = tx.findNodes(label, key, value).sort((a, b) => a - b);
          // The model compares by type; the index by Cypher equality, where 1 = 1.0.
          if (typeof value !== 'bigint' && typeof value !== 'number') assert.deepEqual(actual, expected, `${context}: seek :${label}(${key})`);
          else for (const id of expected) assert.ok(actual.includes(id), `${context}: seek :${label}(${key}) misses node ${id}`);
        }
      }
    }
  } finally {
    tx.rollback();
  }
}

/** Same type and same value, elementwise for arrays. */
function sameValue(a: PropertyValue, b: PropertyValue): boolean {
  const tagged = (value: PropertyValue): string => JSON.stringify(value, (_, x: unknown) => (typeof x === 'bigint' ? `int ${x}` : x));
  return typeof a === typeof b && tagged(a) === tagged(b);
}

async function randomOperation(tx: Transaction, model: Model, random: Random): Promise<void> {
  const nodeIds = [...model.nodes.keys()];
  const relationshipIds = [...model.relationships.keys()];
  const choice = random.int(100);
  if (choice < 30 || nodeIds.length < 3) {
    const labels = LABELS.filter(() => random.chance(0.3));
    const properties: Record<string, PropertyValue> = {};
    for (const key of KEYS) if (random.chance(0.3)) properties[key] = randomValue(random);
    delete properties['uid'];
    const id = await tx.createNode(labels, properties);
    model.nodes.set(id, { labels: new Set(labels), properties: new Map(Object.entries(properties)) });
  } else if (choice < 45) {
    const id = random.pick(nodeIds);
    const key = random.pick(KEYS.filter((k) => k !== 'uid'));
    const value = randomValue(random);
    await tx.setNodeProperty(id, key, value);
    model.nodes.get(id)!.properties.set(key, value);
  } else if (choice < 52) {
    const id = random.pick(nodeIds);
    const key = random.pick(KEYS);
    await tx.removeNodeProperty(id, key);
    model.nodes.get(id)!.properties.delete(key);
  } else if (choice < 58) {
    const id = random.pick(nodeIds);
    const label = random.pick(LABELS);
    await tx.addLabel(id, label);
    model.nodes.get(id)!.labels.add(label);
  } else if (choice < 62) {
    const id = random.pick(nodeIds);
    const label = random.pick(LABELS);
    await tx.removeLabel(id, label);
    model.nodes.get(id)!.labels.delete(label);
  } else if (choice < 82) {
    const start = random.pick(nodeIds);
    const end = random.chance(0.05) ? start : random.pick(nodeIds);
    const type = random.pick(TYPES);
    const properties: Record<string, PropertyValue> = random.chance(0.5) ? { since: randomValue(random) } : {};
    const id = await tx.createRelationship(start, end, type, properties);
    model.relationships.set(id, { type, startNode: start, endNode: end, properties: new Map(Object.entries(properties)) });
  } else if (choice < 88 && relationshipIds.length > 0) {
    const id = random.pick(relationshipIds);
    const value = randomValue(random);
    await tx.setRelationshipProperty(id, 'weight', value);
    model.relationships.get(id)!.properties.set('weight', value);
  } else if (choice < 94 && relationshipIds.length > 0) {
    const id = random.pick(relationshipIds);
    await tx.deleteRelationship(id);
    model.relationships.delete(id);
  } else {
    const id = random.pick(nodeIds);
    await tx.deleteNode(id, { detach: true });
    model.nodes.delete(id);
    for (const [relId, r] of model.relationships) if (r.startNode === id || r.endNode === id) model.relationships.delete(relId);
  }
}

/** A tiny cache, small rotating log files, frequent checkpoints: every storage path gets used. */
function options(storeDir: string): DatabaseOptions {
  return testDatabaseOptions(storeDir, {
    pageCacheBytes: 128 * 1024,
    txLogRotationBytes: 64 * 1024,
    txLogRetention: { kind: 'files', count: 3 },
    checkpointIntervalTx: 40,
  });
}

describe('the store against an in-memory model', () => {
  const temp = makeTempDir('randomized');
  after(() => temp.remove());
  const seed = Number(process.env['GRAPHLB_SEED'] ?? Date.now() % 1_000_000);

  it(`stays equal to the model over thousands of random operations (seed ${seed})`, async () => {
    const random = new Random(seed);
    let database = await GraphDatabase.open(options(temp.dir));
    let model: Model = { nodes: new Map(), relationships: new Map() };
    let operations = 0;
    let commits = 0;
    let checkpoints = 0;
    let evictions = 0;
    try {
      for (let round = 0; operations < 4000; round++) {
        if (round === 40) {
          const schema = database.beginTransaction();
          await schema.createSchemaRule('index', 'Person', 'name');
          await schema.createSchemaRule('index', 'City', 'age');
          await schema.commit();
        }
        if (round === 80) {
          const schema = database.beginTransaction();
          await schema.createSchemaRule('uniqueness', 'Country', 'uid');
          await schema.commit();
        }
        const tx = database.beginTransaction();
        const working = cloneModel(model);
        const size = 1 + random.int(20);
        for (let i = 0; i < size; i++) await randomOperation(tx, working, random);
        operations += size;
        if (random.chance(0.1)) {
          tx.rollback();
        } else {
          await tx.commit();
          model = working;
          commits++;
        }
        compare(database, model, `seed ${seed} round ${round}`);
        if (round % 25 === 0) compareIndexSeeks(database, model, random, `seed ${seed} round ${round}`);
        if (round % 70 === 69) {
          checkpoints += database.stats().checkpoints;
          evictions += database.stats().pageCache.evictions;
          await database.close();
          database = await GraphDatabase.open(options(temp.dir));
          compare(database, model, `seed ${seed} after restart in round ${round}`);
        }
      }
      assert.ok(commits > 100);
      assert.ok(evictions > 0, 'the page cache evicted pages');
      assert.ok(checkpoints > 0, 'checkpoints by tx count happened');
      assert.deepEqual(database.check(), []);
      await database.close();
      database = await GraphDatabase.open(options(temp.dir));
      compare(database, model, `seed ${seed} after the final restart`);
      compareIndexSeeks(database, model, random, `seed ${seed} after the final restart`);
      assert.deepEqual(database.check(), []);
    } finally {
      await database.close();
    }
  });

  it('enforces a unique constraint across transactions and within one', async () => {
    const dir = makeTempDir('unique');
    const database = await GraphDatabase.open(options(dir.dir));
    try {
      const schema = database.beginTransaction();
      await schema.createSchemaRule('uniqueness', 'User', 'email');
      await schema.commit();
      const first = database.beginTransaction();
      await first.createNode(['User'], { email: 'a@example.com' });
      await first.commit();
      const second = database.beginTransaction();
      await assert.rejects(second.createNode(['User'], { email: 'a@example.com' }), (error: Neo4jError) => error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed');
      const id = await second.createNode(['User'], { email: 'b@example.com' });
      await assert.rejects(second.createNode(['User'], { email: 'b@example.com' }), (error: Neo4jError) => error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed');
      await second.setNodeProperty(id, 'email', 'c@example.com');
      await second.createNode(['User'], { email: 'b@example.com' });
      await second.commit();
      const check = database.beginTransaction('READ');
      assert.equal(check.findNodes('User', 'email', 'b@example.com').length, 1);
      assert.equal(check.findNodes('User', 'email', 'c@example.com').length, 1);
      check.rollback();
    } finally {
      await database.close();
      dir.remove();
    }
  });
});
