import type { ConformanceCase } from '../conformance-case.js';

export const cases: ConformanceCase[] = [
  {
    name: 'FOREACH runs its clauses once per element',
    query: 'FOREACH (x IN [1, 2, 3] | CREATE (:N {v: x}))',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 3, properties_set: 3, labels_added: 3 },
    after: { query: 'MATCH (n:N) RETURN n.v ORDER BY n.v', expected: { columns: ['n.v'], rows: [[1n], [2n], [3n]], ordered: true } },
  },
  {
    name: 'FOREACH over the nodes of a path',
    setup: [`CREATE (:N {n: 'a'})-[:NEXT]->(:N {n: 'b'})-[:NEXT]->(:N {n: 'c'})-[:NEXT]->(:N {n: 'd'})`],
    query: "MATCH p = (:N {n: 'a'})-[*]->(:N {n: 'c'}) FOREACH (n IN nodes(p) | SET n.marked = true)",
    expected: { columns: [], rows: [], ordered: true },
    stats: { properties_set: 3 },
    after: {
      query: 'MATCH (n:N) RETURN n.n, n.marked',
      expected: { columns: ['n.n', 'n.marked'], rows: [['a', true], ['b', true], ['c', true], ['d', null]], ordered: false },
    },
  },
  {
    name: 'FOREACH over an empty list does nothing',
    query: 'FOREACH (x IN [] | CREATE (:N))',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 0, contains_updates: false },
  },
  {
    name: 'FOREACH over null does nothing',
    query: 'FOREACH (x IN null | CREATE (:N))',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 0 },
  },
  {
    name: 'nested FOREACH',
    query: 'FOREACH (i IN [1, 2] | FOREACH (j IN [1, 2, 3] | CREATE (:P {i: i, j: j})))',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 6 },
    after: {
      query: 'MATCH (p:P) RETURN p.i, count(*)',
      expected: { columns: ['p.i', 'count(*)'], rows: [[1n, 3n], [2n, 3n]], ordered: false },
    },
  },
  {
    name: 'FOREACH with MERGE sees its own earlier iterations',
    query: "FOREACH (name IN ['a', 'b', 'a'] | MERGE (:T {name: name}))",
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 2 },
  },
  {
    name: 'FOREACH uses variables bound outside it',
    setup: [`CREATE (:Hub)`],
    query: "MATCH (h:Hub) FOREACH (name IN ['a', 'b'] | CREATE (h)-[:HAS]->(:Leaf {name: name}))",
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 2, relationships_created: 2 },
    after: {
      query: 'MATCH (:Hub)-[:HAS]->(l:Leaf) RETURN l.name',
      expected: { columns: ['l.name'], rows: [['a'], ['b']], ordered: false },
    },
  },
  {
    name: 'FOREACH followed by RETURN keeps the incoming rows',
    setup: [`CREATE (:X)`],
    query: 'MATCH (n:X) FOREACH (i IN range(1, 3) | SET n.v = i) RETURN n.v',
    expected: { columns: ['n.v'], rows: [[3n]], ordered: true },
  },
  {
    name: 'FOREACH deletes the nodes of a collected list',
    setup: [`CREATE (:X)-[:R]->(:X), (:Y)`],
    query: 'MATCH (n:X) WITH collect(n) AS ns FOREACH (x IN ns | DETACH DELETE x)',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_deleted: 2, relationship_deleted: 1 },
    after: { query: 'MATCH (n) RETURN labels(n)', expected: { columns: ['labels(n)'], rows: [[['Y']]], ordered: true } },
  },
];
