import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RelationshipData } from '../../../engine/store/neo-stores.js';
import { StoreFixture } from './store-fixture.js';

interface Graph {
  fixture: StoreFixture;
  hub: number;
  others: number[];
  /** relationship ids touching the hub, newest first (the chain's order) */
  hubChain: number[];
  selfLoop: number;
}

/** A hub with relationships to and from 6 other nodes, parallel ones, and a self-loop. */
function buildGraph(): Graph {
  const fixture = new StoreFixture();
  const stores = fixture.stores;
  const type = stores.allocateTokenId('relationshipType');
  const key = stores.allocateTokenId('propertyKey');
  fixture.commit((changes) => {
    changes.createToken('relationshipType', type, 'LINK');
    changes.createToken('propertyKey', key, 'weight');
  });
  const hub = stores.allocateNodeId();
  const others = Array.from({ length: 6 }, () => stores.allocateNodeId());
  const hubChain: number[] = [];
  let selfLoop = -1;
  fixture.commit((changes) => {
    changes.createNode(hub, [], new Map());
    for (const other of others) changes.createNode(other, [], new Map());
    others.forEach((other, i) => {
      const id = stores.allocateRelationshipId();
      // alternate directions, so the hub is start of some and end of others
      if (i % 2 === 0) changes.createRelationship(id, type, hub, other, new Map([[key, BigInt(i)]]));
      else changes.createRelationship(id, type, other, hub, new Map([[key, 'a property long enough for the string store']]));
      hubChain.unshift(id);
    });
    selfLoop = stores.allocateRelationshipId();
    changes.createRelationship(selfLoop, type, hub, hub, new Map([[key, 1.5]]));
    hubChain.unshift(selfLoop);
    const parallel = stores.allocateRelationshipId();
    changes.createRelationship(parallel, type, hub, others[0]!, new Map());
    hubChain.unshift(parallel);
  });
  return { fixture, hub, others, hubChain, selfLoop };
}

function chainIds(graph: Graph, node: number): number[] {
  return [...graph.fixture.stores.nodeRelationships(node)].map((relationship) => relationship.id);
}

/** What every node's chain must hold, from the relationships that exist. */
function assertChainsMatch(graph: Graph): void {
  const stores = graph.fixture.stores;
  const all = [...stores.allRelationshipIds()].map((id) => stores.relationship(id)!);
  for (const node of [graph.hub, ...graph.others]) {
    const walked = chainIds(graph, node);
    assert.equal(new Set(walked).size, walked.length, `node ${node}: each relationship once`);
    const expected = all.filter((r) => r.startNode === node || r.endNode === node).map((r) => r.id);
    assert.deepEqual([...walked].sort((a, b) => a - b), expected.sort((a, b) => a - b), `chain of node ${node}`);
  }
  assert.deepEqual(stores.check(), []);
}

test('a node walks its relationships in both directions, each once, self-loop included', () => {
  const graph = buildGraph();
  try {
    const stores = graph.fixture.stores;
    assert.deepEqual(chainIds(graph, graph.hub), graph.hubChain, 'newest first');
    const loop = [...stores.nodeRelationships(graph.hub)].filter((r: RelationshipData) => r.id === graph.selfLoop);
    assert.deepEqual(loop, [{ id: graph.selfLoop, type: 0, startNode: graph.hub, endNode: graph.hub }]);
    assert.deepEqual(stores.relationshipProperties(graph.selfLoop), new Map([[0, 1.5]]));
    assert.equal(stores.relationshipProperty(graph.hubChain[2]!, 0), 'a property long enough for the string store');
    assertChainsMatch(graph);
    graph.fixture.reopen();
    assertChainsMatch(graph);
  } finally {
    graph.fixture.dispose();
  }
});

test('deleting the first, a middle, the last relationship and the self-loop keeps every chain well formed', () => {
  const graph = buildGraph();
  try {
    const chain = graph.hubChain;
    const victims = [chain[0]!, chain[4]!, chain[chain.length - 1]!, graph.selfLoop];
    for (const victim of victims) {
      graph.fixture.commit((changes) => changes.deleteRelationship(victim));
      assert.equal(graph.fixture.stores.relationship(victim), null);
      assertChainsMatch(graph);
    }
    assert.deepEqual(chainIds(graph, graph.hub), chain.filter((id) => !victims.includes(id)));
    assert.equal(graph.fixture.stores.idsInUse().relationship, chain.length - victims.length);
    graph.fixture.reopen();
    assertChainsMatch(graph);
  } finally {
    graph.fixture.dispose();
  }
});

test('deleting every relationship of a node in one change set empties its chain, then the node can go', () => {
  const graph = buildGraph();
  try {
    graph.fixture.commit((changes) => {
      for (const id of graph.hubChain) changes.deleteRelationship(id);
      changes.deleteNode(graph.hub);
    });
    assert.equal(graph.fixture.stores.nodeExists(graph.hub), false);
    for (const other of graph.others) assert.deepEqual(chainIds(graph, other), []);
    assert.deepEqual(graph.fixture.stores.idsInUse(), { node: graph.others.length, relationship: 0, property: 0 });
    assert.deepEqual(graph.fixture.stores.check(), []);
  } finally {
    graph.fixture.dispose();
  }
});

test('a node with relationships cannot be deleted', () => {
  const graph = buildGraph();
  try {
    const changes = graph.fixture.stores.newChangeSet(graph.fixture.pending);
    assert.throws(() => changes.deleteNode(graph.hub), /still has relationships.*delete them before the node/);
  } finally {
    graph.fixture.dispose();
  }
});

test('walking a chain reads only the node and its relationships, not the store', () => {
  const fixture = new StoreFixture(256 * 1024);
  try {
    const stores = fixture.stores;
    const type = stores.allocateTokenId('relationshipType');
    fixture.commit((changes) => changes.createToken('relationshipType', type, 'T'));
    const a = stores.allocateNodeId();
    const b = stores.allocateNodeId();
    fixture.commit((changes) => {
      changes.createNode(a, [], new Map());
      changes.createNode(b, [], new Map());
      for (let i = 0; i < 20000; i++) changes.createRelationship(stores.allocateRelationshipId(), type, b, b, new Map());
    });
    const lonely = stores.allocateNodeId();
    const mine: number[] = [];
    fixture.commit((changes) => {
      changes.createNode(lonely, [], new Map());
      for (let i = 0; i < 3; i++) {
        const id = stores.allocateRelationshipId();
        changes.createRelationship(id, type, lonely, a, new Map());
        mine.unshift(id);
      }
    });
    const before = fixture.pageCache.stats();
    assert.deepEqual([...stores.nodeRelationships(lonely)].map((r) => r.id), mine);
    const after = fixture.pageCache.stats();
    const pins = after.hits + after.faults - (before.hits + before.faults);
    assert.ok(pins <= 1 + mine.length, `${pins} page pins for a node with ${mine.length} relationships among 20003`);
  } finally {
    fixture.dispose();
  }
});
