/**
 * The row, meta and graph formats for every kind of value, against the example of
 * Neo4j's HTTP API manual (3.5 and 4.4, "Return results in graph format").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphJson } from '../../../engine/http/graph-format.js';
import { metaJson, rowJson } from '../../../engine/http/row-format.js';
import { mapValue, Node, Path, Relationship, type Value } from '../../../engine/query/values.js';

const bike = new Node(8, ['Bike'], mapValue([['weight', 10n]]));
const frontWheel = new Node(9, ['Wheel'], mapValue([['spokes', 3n]]));
const backWheel = new Node(10, ['Wheel'], mapValue([['spokes', 32n]]));
const front = new Relationship(0, 'HAS', 8, 9, mapValue([['position', 1n]]));
const back = new Relationship(1, 'HAS', 8, 10, mapValue([['position', 2n]]));
const p1 = new Path([bike, frontWheel], [front]);
const p2 = new Path([bike, backWheel], [back]);

const nothingDeleted = { nodeDeleted: () => false, relationshipDeleted: () => false };
const noLookup = (): undefined => undefined;

describe('the row format', () => {
  it("renders the manual's bike example as Neo4j does", () => {
    const record: Value[] = [bike, p1, p2];
    assert.deepEqual(JSON.parse(rowJson(record)), [{ weight: 10 }, [{ weight: 10 }, { position: 1 }, { spokes: 3 }], [{ weight: 10 }, { position: 2 }, { spokes: 32 }]]);
    assert.deepEqual(JSON.parse(metaJson(record, nothingDeleted)), [
      { id: 8, type: 'node', deleted: false },
      [
        { id: 8, type: 'node', deleted: false },
        { id: 0, type: 'relationship', deleted: false },
        { id: 9, type: 'node', deleted: false },
      ],
      [
        { id: 8, type: 'node', deleted: false },
        { id: 1, type: 'relationship', deleted: false },
        { id: 10, type: 'node', deleted: false },
      ],
    ]);
  });

  it('writes scalars with their types, FLOATs always with a fraction', () => {
    const record: Value[] = [null, true, 42n, 1, 2.5, Number.NaN, 'é"', [1n, [2.0]], mapValue([['k', mapValue([['n', null]])]])];
    assert.equal(rowJson(record), '[null,true,42,1.0,2.5,"NaN","é\\"",[1,[2.0]],{"k":{"n":null}}]');
  });

  it("flattens the metas of lists and maps into the column list, as Neo4j's RowWriter does", () => {
    assert.equal(metaJson([1n, 'x'], nothingDeleted), '[null,null]');
    assert.equal(metaJson([[1n, 2n]], nothingDeleted), '[null,null]');
    assert.equal(metaJson([[]], nothingDeleted), '[]');
    assert.equal(
      metaJson([[bike, front], mapValue([['w', frontWheel]])], nothingDeleted),
      '[{"id":8,"type":"node","deleted":false},{"id":0,"type":"relationship","deleted":false},{"id":9,"type":"node","deleted":false}]',
    );
  });

  it('marks entities the transaction deleted', () => {
    const deletion = { nodeDeleted: (id: number) => id === 9, relationshipDeleted: (id: number) => id === 0 };
    assert.equal(
      metaJson([frontWheel, front, bike], deletion),
      '[{"id":9,"type":"node","deleted":true},{"id":0,"type":"relationship","deleted":true},{"id":8,"type":"node","deleted":false}]',
    );
  });
});

describe('the graph format', () => {
  it("renders the manual's bike example as Neo4j does, each entity once, by id", () => {
    assert.deepEqual(JSON.parse(graphJson([bike, p1, p2], noLookup)), {
      nodes: [
        { id: '8', labels: ['Bike'], properties: { weight: 10 } },
        { id: '9', labels: ['Wheel'], properties: { spokes: 3 } },
        { id: '10', labels: ['Wheel'], properties: { spokes: 32 } },
      ],
      relationships: [
        { id: '0', type: 'HAS', startNode: '8', endNode: '9', properties: { position: 1 } },
        { id: '1', type: 'HAS', startNode: '8', endNode: '10', properties: { position: 2 } },
      ],
    });
  });

  it('adds the end nodes of a relationship returned alone, read from the transaction', () => {
    const looked: number[] = [];
    const lookup = (id: number): Node | undefined => {
      looked.push(id);
      return id === 8 ? bike : undefined;
    };
    const graph = JSON.parse(graphJson([mapValue([['r', [front]]]), frontWheel], lookup)) as { nodes: { id: string }[]; relationships: { id: string }[] };
    assert.deepEqual(
      graph.nodes.map((n) => n.id),
      ['8', '9'],
    );
    assert.deepEqual(looked, [8], 'only the node missing from the record is looked up');
    assert.deepEqual(
      graph.relationships.map((r) => r.id),
      ['0'],
    );
  });

  it('is empty for a record without entities', () => {
    assert.equal(graphJson([1n, 'x', [null]], noLookup), '{"nodes":[],"relationships":[]}');
  });
});
