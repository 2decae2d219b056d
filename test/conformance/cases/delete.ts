import type { ConformanceCase } from '../conformance-case.js';

const countsQuery = 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships';

function counts(nodes: bigint, relationships: bigint): { query: string; expected: { columns: string[]; rows: bigint[][]; ordered: boolean } } {
  return { query: countsQuery, expected: { columns: ['nodes', 'relationships'], rows: [[nodes, relationships]], ordered: true } };
}

export const cases: ConformanceCase[] = [
  {
    name: 'DELETE nodes without relationships',
    setup: [`CREATE (:X), (:X), (:Y)`],
    query: 'MATCH (n:X) DELETE n',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_deleted: 2, contains_updates: true },
    after: counts(1n, 0n),
  },
  {
    name: 'DELETE returns one row per deleted node',
    setup: [`CREATE (:X), (:X)`],
    query: 'MATCH (n:X) DELETE n RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[2n]], ordered: true },
    stats: { nodes_deleted: 2 },
  },
  {
    name: 'DELETE a relationship keeps its nodes',
    setup: [`CREATE (:A)-[:R]->(:B)`],
    query: 'MATCH ()-[r:R]->() DELETE r',
    expected: { columns: [], rows: [], ordered: true },
    stats: { relationship_deleted: 1, nodes_deleted: 0 },
    after: counts(2n, 0n),
  },
  {
    name: 'DELETE a node that still has relationships fails',
    setup: [`CREATE (:A)-[:R]->(:B)`],
    query: 'MATCH (a:A) DELETE a',
    expected: { error: 'Neo.ClientError.Schema.ConstraintValidationFailed' },
    after: counts(2n, 1n),
  },
  {
    name: 'DELETE a node with only incoming relationships fails too',
    setup: [`CREATE (:A)-[:R]->(:B)`],
    query: 'MATCH (b:B) DELETE b',
    expected: { error: 'Neo.ClientError.Schema.ConstraintValidationFailed' },
    after: counts(2n, 1n),
  },
  {
    name: 'DELETE of a relationship and its node together',
    setup: [`CREATE (:A)-[:R]->(:B)`],
    query: 'MATCH (a:A)-[r]->() DELETE r, a',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_deleted: 1, relationship_deleted: 1 },
    after: counts(1n, 0n),
  },
  {
    name: 'DETACH DELETE removes a node with its relationships',
    setup: [`CREATE (a:A)-[:R]->(:B), (a)-[:R]->(:C), (:D)-[:R]->(a)`],
    query: 'MATCH (a:A) DETACH DELETE a',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_deleted: 1, relationship_deleted: 3 },
    after: counts(3n, 0n),
  },
  {
    name: 'DETACH DELETE of every node empties the graph',
    setup: [`CREATE (a:A)-[:R]->(b:B)-[:R]->(c:C)-[:R]->(a), (:Lonely)`],
    query: 'MATCH (n) DETACH DELETE n',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_deleted: 4, relationship_deleted: 3 },
    after: counts(0n, 0n),
  },
  {
    name: 'DELETE a path removes its nodes and relationships',
    setup: [`CREATE (:A)-[:R]->(:B)-[:R]->(:C), (:Other)`],
    query: 'MATCH p = (:A)-[*]->(:C) DELETE p',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_deleted: 3, relationship_deleted: 2 },
    after: counts(1n, 0n),
  },
  {
    name: 'DELETE of null does nothing',
    query: 'OPTIONAL MATCH (n:Nope) DELETE n RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[1n]], ordered: true },
    stats: { nodes_deleted: 0 },
  },
  {
    name: 'DELETE of a relationship found by type and property',
    setup: [`CREATE (a:A), (b:B), (a)-[:R {k: 1}]->(b), (a)-[:R {k: 2}]->(b)`],
    query: 'MATCH ()-[r:R {k: 1}]->() DELETE r',
    expected: { columns: [], rows: [], ordered: true },
    stats: { relationship_deleted: 1 },
    after: { query: 'MATCH ()-[r:R]->() RETURN r.k', expected: { columns: ['r.k'], rows: [[2n]], ordered: true } },
  },
];
