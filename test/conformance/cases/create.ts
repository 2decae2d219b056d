import { hop, node, path, rel, type ConformanceCase } from '../conformance-case.js';

export const cases: ConformanceCase[] = [
  {
    name: 'CREATE of a node with a label and properties',
    query: "CREATE (n:Person {name: 'Ann', age: 30}) RETURN n",
    expected: { columns: ['n'], rows: [[node(['Person'], { name: 'Ann', age: 30n })]], ordered: true },
    stats: { nodes_created: 1, labels_added: 1, properties_set: 2, contains_updates: true },
    after: { query: 'MATCH (n:Person) RETURN n.name, n.age', expected: { columns: ['n.name', 'n.age'], rows: [['Ann', 30n]], ordered: true } },
  },
  {
    name: 'CREATE of a node without labels or properties',
    query: 'CREATE (n) RETURN labels(n), keys(n)',
    expected: { columns: ['labels(n)', 'keys(n)'], rows: [[[], []]], ordered: true },
    stats: { nodes_created: 1, labels_added: 0, properties_set: 0 },
  },
  {
    name: 'CREATE of a node with two labels',
    query: 'CREATE (n:A:B) RETURN n',
    expected: { columns: ['n'], rows: [[node(['A', 'B'])]], ordered: true },
    stats: { nodes_created: 1, labels_added: 2 },
  },
  {
    name: 'CREATE of several nodes in one pattern',
    query: 'CREATE (:X), (:X), (:Y)',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 3, labels_added: 3 },
    after: { query: 'MATCH (x:X) RETURN count(x)', expected: { columns: ['count(x)'], rows: [[2n]], ordered: true } },
  },
  {
    name: 'CREATE of a relationship with its nodes',
    query: 'CREATE (a:A)-[r:R {w: 1.5}]->(b:B) RETURN a, r, b',
    expected: { columns: ['a', 'r', 'b'], rows: [[node(['A']), rel('R', { w: 1.5 }), node(['B'])]], ordered: true },
    stats: { nodes_created: 2, relationships_created: 1, properties_set: 1, labels_added: 2 },
  },
  {
    name: 'CREATE of a relationship written right to left',
    query: 'CREATE (a:A)<-[:R]-(b:B)',
    expected: { columns: [], rows: [], ordered: true },
    after: { query: 'MATCH (x)-[:R]->(y) RETURN labels(x), labels(y)', expected: { columns: ['labels(x)', 'labels(y)'], rows: [[['B'], ['A']]], ordered: true } },
  },
  {
    name: 'CREATE of a relationship between matched nodes',
    setup: [`CREATE (:A {n: 1}), (:B {n: 2})`],
    query: 'MATCH (a:A), (b:B) CREATE (a)-[r:LINK]->(b) RETURN type(r), startNode(r).n, endNode(r).n',
    expected: { columns: ['type(r)', 'startNode(r).n', 'endNode(r).n'], rows: [['LINK', 1n, 2n]], ordered: true },
    stats: { nodes_created: 0, relationships_created: 1 },
  },
  {
    name: 'CREATE of a chain of several hops',
    query: 'CREATE (:A)-[:R1]->(:B)-[:R2]->(:C)<-[:R3]-(:D)',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 4, relationships_created: 3, labels_added: 4 },
    after: {
      query: 'MATCH (a:A)-[:R1]->(b:B)-[:R2]->(c:C)<-[:R3]-(d:D) RETURN count(*)',
      expected: { columns: ['count(*)'], rows: [[1n]], ordered: true },
    },
  },
  {
    name: 'CREATE of a named path',
    query: "CREATE p = (:A {n: 'a'})-[:R]->(:B {n: 'b'}) RETURN p",
    expected: {
      columns: ['p'],
      rows: [[path(node(['A'], { n: 'a' }), hop('->', rel('R'), node(['B'], { n: 'b' })))]],
      ordered: true,
    },
  },
  {
    name: 'CREATE with a property map parameter',
    query: 'CREATE (n:P $props) RETURN n',
    parameters: { props: { name: 'x', score: 2.5, tags: ['a', 'b'] } },
    expected: { columns: ['n'], rows: [[node(['P'], { name: 'x', score: 2.5, tags: ['a', 'b'] })]], ordered: true },
    stats: { properties_set: 3 },
  },
  {
    name: 'CREATE with property values from parameters',
    query: 'CREATE (n:P {name: $name, age: $age}) RETURN n.name, n.age',
    parameters: { name: 'y', age: 7n },
    expected: { columns: ['n.name', 'n.age'], rows: [['y', 7n]], ordered: true },
  },
  {
    name: 'CREATE stores lists of one type as properties',
    query: 'CREATE (n {ints: [1, 2], floats: [0.5], strings: [], flags: [true, false]}) RETURN n.ints, n.floats, n.strings, n.flags',
    expected: { columns: ['n.ints', 'n.floats', 'n.strings', 'n.flags'], rows: [[[1n, 2n], [0.5], [], [true, false]]], ordered: true },
  },
  {
    name: 'CREATE ignores a property whose value is null',
    query: 'CREATE (n:P {a: null, b: 1}) RETURN keys(n)',
    expected: { columns: ['keys(n)'], rows: [[['b']]], ordered: true },
  },
  {
    name: 'CREATE runs once per incoming row',
    setup: [`CREATE (:P {n: 1}), (:P {n: 2})`],
    query: 'MATCH (p:P) CREATE (p)-[:HAS]->(:Child {n: p.n * 10})',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 2, relationships_created: 2 },
    after: {
      query: 'MATCH (p:P)-[:HAS]->(c:Child) RETURN p.n, c.n',
      expected: { columns: ['p.n', 'c.n'], rows: [[1n, 10n], [2n, 20n]], ordered: false },
    },
  },
  {
    name: 'CREATE then MATCH in the same statement sees the new data',
    query: 'CREATE (:Fresh {v: 1}) WITH 1 AS ignored MATCH (f:Fresh) RETURN f.v',
    expected: { columns: ['f.v'], rows: [[1n]], ordered: true },
  },
  {
    name: 'CREATE of a relationship without a type is an error',
    query: 'CREATE (a)-[r]->(b)',
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
  },
  {
    name: 'CREATE of an undirected relationship is an error',
    query: 'CREATE (a)-[:R]-(b)',
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
  },
  {
    name: 'CREATE may not add labels to a bound node',
    setup: [`CREATE (:A)`],
    query: 'MATCH (n:A) CREATE (n:B)',
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
  },
  {
    name: 'CREATE with a map as a property value is a type error',
    query: 'CREATE (n {m: $m})',
    parameters: { m: { a: 1n } },
    expected: { error: 'Neo.ClientError.Statement.TypeError' },
    after: { query: 'MATCH (n) RETURN count(n)', expected: { columns: ['count(n)'], rows: [[0n]], ordered: true } },
  },
];
