/**
 * Thousands of random changes through change sets, compared after every few commits with a
 * plain in-memory model of the graph, checked for consistency, and compared again after a
 * clean restart and after a restart that rebuilds the id files by scanning.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PropertyValue } from '../../../engine/store/property-value.js';
import type { RecordChangeSet } from '../../../engine/store/record-change-set.js';
import { seededRandom, StoreFixture } from './store-fixture.js';

interface ModelNode {
  labels: Set<number>;
  props: Map<number, PropertyValue>;
}
interface ModelRelationship {
  type: number;
  start: number;
  end: number;
  props: Map<number, PropertyValue>;
}

const LABELS = 6;
const KEYS = 12;
const TYPES = 3;

function randomValue(random: () => number): PropertyValue {
  const pick = Math.floor(random() * 12);
  const length = Math.floor(random() * 40);
  switch (pick) {
    case 0:
      return random() < 0.5;
    case 1:
      return BigInt(Math.floor(random() * 2000) - 1000);
    case 2:
      return BigInt.asIntN(64, BigInt(Math.floor(random() * 2 ** 53)) * 1_000_003n);
    case 3:
      return [Number.NaN, -0, Infinity, -Infinity, random() * 1e6][Math.floor(random() * 5)]!;
    case 4:
      return 'x'.repeat(Math.floor(random() * 13));
    case 5:
      return 'long ' + 'é漢😀'.repeat(length * 5);
    case 6:
      return Array.from({ length }, (_, i) => BigInt(i) * 7_000_000_000n);
    case 7:
      return Array.from({ length }, () => random());
    case 8:
      return Array.from({ length }, (_, i) => `s${i}-${'y'.repeat(i)}`);
    case 9:
      return Array.from({ length }, () => random() < 0.5);
    case 10:
      return [];
    default:
      return '';
  }
}

function randomProps(random: () => number, max: number): Map<number, PropertyValue> {
  const props = new Map<number, PropertyValue>();
  const count = Math.floor(random() * (max + 1));
  for (let i = 0; i < count; i++) props.set(Math.floor(random() * KEYS), randomValue(random));
  return props;
}

function randomLabels(random: () => number): number[] {
  return Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * LABELS));
}

function pickKey<V>(map: Map<number, V>, random: () => number): number | undefined {
  if (map.size === 0) return undefined;
  const index = Math.floor(random() * map.size);
  let i = 0;
  for (const key of map.keys()) if (i++ === index) return key;
  return undefined;
}

test('random changes match an in-memory model, across restarts', () => {
  const fixture = new StoreFixture(256 * 1024);
  const random = seededRandom(20240611);
  const nodes = new Map<number, ModelNode>();
  const relationships = new Map<number, ModelRelationship>();
  try {
    fixture.commit((changes) => {
      for (let i = 0; i < LABELS; i++) changes.createToken('label', fixture.stores.allocateTokenId('label'), `L${i}`);
      for (let i = 0; i < KEYS; i++) changes.createToken('propertyKey', fixture.stores.allocateTokenId('propertyKey'), `k${i}`);
      for (let i = 0; i < TYPES; i++) changes.createToken('relationshipType', fixture.stores.allocateTokenId('relationshipType'), `T${i}`);
    });

    const compare = (when: string): void => {
      const stores = fixture.stores;
      assert.deepEqual([...stores.allNodeIds()], [...nodes.keys()].sort((a, b) => a - b), `node ids ${when}`);
      assert.deepEqual([...stores.allRelationshipIds()], [...relationships.keys()].sort((a, b) => a - b), `relationship ids ${when}`);
      for (const [id, node] of nodes) {
        assert.deepEqual(stores.nodeLabels(id), [...node.labels].sort((a, b) => a - b), `labels of node ${id} ${when}`);
        assert.deepEqual(stores.nodeProperties(id), node.props, `properties of node ${id} ${when}`);
        const expected = [...relationships].filter(([, r]) => r.start === id || r.end === id).map(([rid]) => rid);
        const walked = [...stores.nodeRelationships(id)].map((r) => r.id);
        assert.deepEqual(walked.slice().sort((a, b) => a - b), expected.sort((a, b) => a - b), `chain of node ${id} ${when}`);
      }
      for (const [id, relationship] of relationships) {
        assert.deepEqual(stores.relationship(id), { id, type: relationship.type, startNode: relationship.start, endNode: relationship.end });
        assert.deepEqual(stores.relationshipProperties(id), relationship.props, `properties of relationship ${id} ${when}`);
      }
      const inUse = stores.idsInUse();
      assert.equal(inUse.node, nodes.size);
      assert.equal(inUse.relationship, relationships.size);
      assert.deepEqual(stores.check(), [], `check ${when}`);
    };

    for (let tx = 0; tx < 1000; tx++) {
      const stores = fixture.stores;
      fixture.commit((changes: RecordChangeSet) => {
        const operations = 1 + Math.floor(random() * 5);
        for (let op = 0; op < operations; op++) {
          const dice = random();
          const nodeId = pickKey(nodes, random);
          const relId = pickKey(relationships, random);
          if (dice < 0.15 || nodeId === undefined) {
            const id = stores.allocateNodeId();
            const labels = randomLabels(random);
            const props = randomProps(random, 9);
            changes.createNode(id, labels, props);
            nodes.set(id, { labels: new Set(labels), props });
          } else if (dice < 0.38) {
            const other = pickKey(nodes, random)!;
            const end = random() < 0.15 ? nodeId : other;
            const id = stores.allocateRelationshipId();
            const type = Math.floor(random() * TYPES);
            const props = randomProps(random, 5);
            changes.createRelationship(id, type, nodeId, end, props);
            relationships.set(id, { type, start: nodeId, end, props });
          } else if (dice < 0.5) {
            const key = Math.floor(random() * KEYS);
            const value = randomValue(random);
            changes.setNodeProperty(nodeId, key, value);
            nodes.get(nodeId)!.props.set(key, value);
          } else if (dice < 0.56) {
            const key = Math.floor(random() * KEYS);
            changes.removeNodeProperty(nodeId, key);
            nodes.get(nodeId)!.props.delete(key);
          } else if (dice < 0.62) {
            const labels = randomLabels(random);
            changes.setNodeLabels(nodeId, labels);
            nodes.get(nodeId)!.labels = new Set(labels);
          } else if (dice < 0.72 && relId !== undefined) {
            const key = Math.floor(random() * KEYS);
            if (random() < 0.6) {
              const value = randomValue(random);
              changes.setRelationshipProperty(relId, key, value);
              relationships.get(relId)!.props.set(key, value);
            } else {
              changes.removeRelationshipProperty(relId, key);
              relationships.get(relId)!.props.delete(key);
            }
          } else if (dice < 0.8 && relId !== undefined) {
            changes.deleteRelationship(relId);
            relationships.delete(relId);
          } else if (dice < 0.85) {
            for (const [id, r] of relationships) {
              if (r.start === nodeId || r.end === nodeId) {
                changes.deleteRelationship(id);
                relationships.delete(id);
              }
            }
            changes.deleteNode(nodeId);
            nodes.delete(nodeId);
          }
        }
      });
      if (tx % 50 === 49) compare(`after transaction ${tx}`);
      if (tx === 500) {
        fixture.reopen();
        compare('after a clean restart');
      }
    }
    compare('at the end');
    fixture.reopen();
    compare('after a final restart');
    fixture.reopenWithoutIdFiles();
    compare('after rebuilding the id files by scanning');
  } finally {
    fixture.dispose();
  }
});
