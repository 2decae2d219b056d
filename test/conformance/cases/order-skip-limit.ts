import type { ConformanceCase } from '../conformance-case.js';

const people = [
  `CREATE (:Person {name: 'Alice', city: 'Dublin', age: 38}), (:Person {name: 'Bob', city: 'Dublin', age: 25}),
          (:Person {name: 'Carol', city: 'Cork', age: 53}), (:Person {name: 'Dave', city: 'Cork'}),
          (:Person {name: 'Eve', city: 'Athlone', age: 25})`,
];

export const cases: ConformanceCase[] = [
  {
    name: 'ORDER BY ascending puts null last',
    query: 'UNWIND [3, 1, null, 2] AS x RETURN x ORDER BY x',
    expected: { columns: ['x'], rows: [[1n], [2n], [3n], [null]], ordered: true },
  },
  {
    name: 'ORDER BY DESC puts null first',
    query: 'UNWIND [3, 1, null, 2] AS x RETURN x ORDER BY x DESC',
    expected: { columns: ['x'], rows: [[null], [3n], [2n], [1n]], ordered: true },
  },
  {
    name: 'ORDER BY across types: map, list, string, boolean, number, null',
    query: "UNWIND [1, 'a', true, [1], {k: 1}, null, 2.5, false, 'B'] AS x RETURN x ORDER BY x",
    expected: {
      columns: ['x'],
      rows: [[{ k: 1n }], [[1n]], ['B'], ['a'], [false], [true], [1n], [2.5], [null]],
      ordered: true,
    },
  },
  {
    name: 'ORDER BY DESC across types reverses the type order',
    query: "UNWIND [1, 'a', null, [2]] AS x RETURN x ORDER BY x DESC",
    expected: { columns: ['x'], rows: [[null], [1n], ['a'], [[2n]]], ordered: true },
  },
  {
    name: 'integers and floats order numerically together',
    query: 'UNWIND [2, 1.5, 1, -0.5] AS x RETURN x ORDER BY x',
    expected: { columns: ['x'], rows: [[-0.5], [1n], [1.5], [2n]], ordered: true },
  },
  {
    name: 'strings order by character code, shorter prefix first',
    query: "UNWIND ['b', 'B', 'a', 'aa', ''] AS x RETURN x ORDER BY x",
    expected: { columns: ['x'], rows: [[''], ['B'], ['a'], ['aa'], ['b']], ordered: true },
  },
  {
    name: 'lists order element by element, shorter prefix first',
    query: "UNWIND [[1, 2], [1], [0, 5], [1, 'a']] AS x RETURN x ORDER BY x",
    expected: { columns: ['x'], rows: [[[0n, 5n]], [[1n]], [[1n, 'a']], [[1n, 2n]]], ordered: true },
  },
  {
    name: 'ORDER BY ASCENDING and DESCENDING keywords',
    query: 'UNWIND [[1, true], [2, false], [1, false]] AS p RETURN p[0] AS a, p[1] AS b ORDER BY a DESCENDING, b ASCENDING',
    expected: { columns: ['a', 'b'], rows: [[2n, false], [1n, false], [1n, true]], ordered: true },
  },
  {
    name: 'ORDER BY several keys',
    setup: people,
    query: 'MATCH (n:Person) RETURN n.city, n.name ORDER BY n.city, n.name DESC',
    expected: {
      columns: ['n.city', 'n.name'],
      rows: [['Athlone', 'Eve'], ['Cork', 'Dave'], ['Cork', 'Carol'], ['Dublin', 'Bob'], ['Dublin', 'Alice']],
      ordered: true,
    },
  },
  {
    name: 'ORDER BY an alias',
    setup: people,
    query: 'MATCH (n:Person) RETURN n.name AS who ORDER BY who DESC',
    expected: { columns: ['who'], rows: [['Eve'], ['Dave'], ['Carol'], ['Bob'], ['Alice']], ordered: true },
  },
  {
    name: 'ORDER BY a property that is not returned',
    setup: people,
    query: 'MATCH (n:Person) RETURN n.name ORDER BY n.age, n.name',
    expected: { columns: ['n.name'], rows: [['Bob'], ['Eve'], ['Alice'], ['Carol'], ['Dave']], ordered: true },
  },
  {
    name: 'ORDER BY an expression',
    query: 'UNWIND [-3, 1, -2] AS x RETURN x ORDER BY x * x',
    expected: { columns: ['x'], rows: [[1n], [-2n], [-3n]], ordered: true },
  },
  {
    name: 'ORDER BY an aggregate',
    setup: people,
    query: 'MATCH (n:Person) RETURN n.city AS city, count(*) AS people ORDER BY people DESC, city',
    expected: { columns: ['city', 'people'], rows: [['Cork', 2n], ['Dublin', 2n], ['Athlone', 1n]], ordered: true },
  },
  {
    name: 'SKIP and LIMIT from parameters',
    query: 'UNWIND range(1, 10) AS x RETURN x ORDER BY x SKIP $skip LIMIT $limit',
    parameters: { skip: 2n, limit: 3n },
    expected: { columns: ['x'], rows: [[3n], [4n], [5n]], ordered: true },
  },
  {
    name: 'LIMIT after ORDER BY DESC keeps the top rows',
    setup: people,
    query: 'MATCH (n:Person) WHERE n.age IS NOT NULL RETURN n.name ORDER BY n.age DESC LIMIT 2',
    expected: { columns: ['n.name'], rows: [['Carol'], ['Alice']], ordered: true },
  },
  {
    name: 'SKIP without LIMIT',
    query: 'UNWIND [1, 2, 3, 4] AS x RETURN x ORDER BY x SKIP 3',
    expected: { columns: ['x'], rows: [[4n]], ordered: true },
  },
  {
    name: 'LIMIT 0 returns no rows',
    query: 'UNWIND [1, 2, 3] AS x RETURN x LIMIT 0',
    expected: { columns: ['x'], rows: [], ordered: true },
  },
  {
    name: 'SKIP past the end returns no rows',
    query: 'UNWIND [1, 2, 3] AS x RETURN x SKIP 5',
    expected: { columns: ['x'], rows: [], ordered: true },
  },
  {
    name: 'LIMIT larger than the input returns everything',
    query: 'UNWIND [1, 2] AS x RETURN x ORDER BY x LIMIT 10',
    expected: { columns: ['x'], rows: [[1n], [2n]], ordered: true },
  },
  {
    name: 'ORDER BY on DISTINCT results',
    setup: people,
    query: 'MATCH (n:Person) RETURN DISTINCT n.city AS city ORDER BY city',
    expected: { columns: ['city'], rows: [['Athlone'], ['Cork'], ['Dublin']], ordered: true },
  },
];
