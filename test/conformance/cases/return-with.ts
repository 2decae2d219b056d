import { node, rel, type ConformanceCase } from '../conformance-case.js';

const people = [
  `CREATE (a:Person {name: 'Alice', city: 'Dublin'}), (b:Person {name: 'Bob', city: 'Dublin'}),
          (c:Person {name: 'Carol', city: 'Cork'}), (a)-[:KNOWS]->(b)`,
];

export const cases: ConformanceCase[] = [
  {
    name: 'a column is named after the expression text as written',
    query: "RETURN 1 + 2, toUpper('a'), [1,2][0]",
    expected: { columns: ['1 + 2', "toUpper('a')", '[1,2][0]'], rows: [[3n, 'A', 1n]], ordered: true },
  },
  {
    name: 'a column name keeps the function name as written',
    query: "RETURN toupper('b')",
    expected: { columns: ["toupper('b')"], rows: [['B']], ordered: true },
  },
  {
    name: 'AS names a column',
    setup: people,
    query: "MATCH (n:Person {name: 'Alice'}) RETURN n.name AS name, n.city AS `home town`",
    expected: { columns: ['name', 'home town'], rows: [['Alice', 'Dublin']], ordered: true },
  },
  {
    name: 'RETURN without MATCH returns one row',
    query: "RETURN 1 AS one, 'x' AS x",
    expected: { columns: ['one', 'x'], rows: [[1n, 'x']], ordered: true },
  },
  {
    name: 'RETURN DISTINCT removes duplicate rows',
    setup: people,
    query: 'MATCH (n:Person) RETURN DISTINCT n.city',
    expected: { columns: ['n.city'], rows: [['Dublin'], ['Cork']], ordered: false },
  },
  {
    name: 'RETURN DISTINCT treats nulls as equal',
    query: 'UNWIND [null, 1, null, 1, [1], [1]] AS x RETURN DISTINCT x',
    expected: { columns: ['x'], rows: [[null], [1n], [[1n]]], ordered: false },
  },
  {
    name: 'RETURN DISTINCT collapses rows that several paths produced',
    setup: people,
    query: 'MATCH (n:Person)-[:KNOWS*0..1]->() RETURN DISTINCT n.name',
    expected: { columns: ['n.name'], rows: [['Alice'], ['Bob'], ['Carol']], ordered: false },
  },
  {
    name: 'RETURN * returns every variable in scope',
    setup: people,
    query: 'MATCH (a:Person)-[r:KNOWS]->(b) RETURN *',
    expected: {
      columns: ['a', 'b', 'r'],
      rows: [[node(['Person'], { name: 'Alice', city: 'Dublin' }), node(['Person'], { name: 'Bob', city: 'Dublin' }), rel('KNOWS')]],
      ordered: false,
    },
  },
  {
    name: 'RETURN * with an extra item',
    query: 'WITH 1 AS a RETURN *, a + 1 AS b',
    expected: { columns: ['a', 'b'], rows: [[1n, 2n]], ordered: true },
  },
  {
    name: 'WITH passes on only what it projects',
    setup: people,
    query: "MATCH (n:Person {name: 'Carol'}) WITH n.city AS city RETURN city",
    expected: { columns: ['city'], rows: [['Cork']], ordered: true },
  },
  {
    name: 'WITH ... WHERE filters after projection',
    setup: people,
    query: "MATCH (n:Person) WITH n.name AS name WHERE name <> 'Bob' RETURN name",
    expected: { columns: ['name'], rows: [['Alice'], ['Carol']], ordered: false },
  },
  {
    name: 'WITH aggregation and WHERE filters groups',
    setup: people,
    query: 'MATCH (n:Person) WITH n.city AS city, count(*) AS people WHERE people > 1 RETURN city, people',
    expected: { columns: ['city', 'people'], rows: [['Dublin', 2n]], ordered: false },
  },
  {
    name: 'WITH DISTINCT',
    setup: people,
    query: 'MATCH (n:Person) WITH DISTINCT n.city AS city RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[2n]], ordered: true },
  },
  {
    name: 'WITH * keeps every variable',
    setup: people,
    query: "MATCH (n:Person {name: 'Bob'}) WITH * RETURN n.name",
    expected: { columns: ['n.name'], rows: [['Bob']], ordered: true },
  },
  {
    name: 'WITH ORDER BY and LIMIT choose the rows passed on',
    setup: people,
    query: 'MATCH (n:Person) WITH n ORDER BY n.name DESC LIMIT 2 RETURN collect(n.name) AS names',
    expected: { columns: ['names'], rows: [[['Carol', 'Bob']]], ordered: true },
  },
  {
    name: 'WITH can rebind a name to a new value',
    query: 'WITH 1 AS x WITH x + 1 AS x RETURN x',
    expected: { columns: ['x'], rows: [[2n]], ordered: true },
  },
  {
    name: 'a variable dropped by WITH is no longer visible',
    query: 'WITH 1 AS a, 2 AS b WITH a RETURN b',
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
  },
  {
    name: 'RETURN * with nothing in scope is an error',
    setup: people,
    query: 'MATCH () RETURN *',
    expected: { error: 'Neo.ClientError.Statement.SemanticError' },
  },
  {
    name: 'RETURN of a map literal and a nested list',
    query: "RETURN {a: 1, b: [true, null, 'x'], c: {d: 1.5}} AS m",
    expected: { columns: ['m'], rows: [[{ a: 1n, b: [true, null, 'x'], c: { d: 1.5 } }]], ordered: true },
  },
  {
    name: 'a statement without RETURN returns no columns and no rows',
    query: 'CREATE (:Thing)',
    expected: { columns: [], rows: [], ordered: true },
    stats: { nodes_created: 1, labels_added: 1, contains_updates: true },
  },
  {
    name: 'a read-only statement contains no updates',
    setup: people,
    query: 'MATCH (n) RETURN count(n)',
    expected: { columns: ['count(n)'], rows: [[3n]], ordered: true },
    stats: { contains_updates: false, nodes_created: 0, properties_set: 0 },
  },
];
