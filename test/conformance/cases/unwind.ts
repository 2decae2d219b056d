import type { ConformanceCase } from '../conformance-case.js';

export const cases: ConformanceCase[] = [
  {
    name: 'UNWIND turns a list into rows in list order',
    query: 'UNWIND [1, 2, 3] AS x RETURN x',
    expected: { columns: ['x'], rows: [[1n], [2n], [3n]], ordered: true },
  },
  {
    name: 'UNWIND of an empty list yields no rows',
    query: 'UNWIND [] AS x RETURN x',
    expected: { columns: ['x'], rows: [], ordered: true },
  },
  {
    name: 'UNWIND of null yields no rows',
    query: 'UNWIND null AS x RETURN x',
    expected: { columns: ['x'], rows: [], ordered: true },
  },
  {
    name: 'UNWIND of a value that is not a list yields that value once',
    query: 'UNWIND 5 AS x RETURN x',
    expected: { columns: ['x'], rows: [[5n]], ordered: true },
  },
  {
    name: 'UNWIND keeps null elements',
    query: 'UNWIND [1, null, 2] AS x RETURN x',
    expected: { columns: ['x'], rows: [[1n], [null], [2n]], ordered: true },
  },
  {
    name: 'UNWIND of a parameter list of maps',
    query: 'UNWIND $rows AS row RETURN row.name, row.age',
    parameters: { rows: [{ name: 'a', age: 1n }, { name: 'b' }] },
    expected: { columns: ['row.name', 'row.age'], rows: [['a', 1n], ['b', null]], ordered: true },
  },
  {
    name: 'nested UNWIND multiplies rows',
    query: 'UNWIND [1, 2] AS x UNWIND [10, 20] AS y RETURN x, y',
    expected: { columns: ['x', 'y'], rows: [[1n, 10n], [1n, 20n], [2n, 10n], [2n, 20n]], ordered: false },
  },
  {
    name: 'UNWIND of a nested list unwinds one level',
    query: 'UNWIND [[1, 2], [3]] AS x RETURN x',
    expected: { columns: ['x'], rows: [[[1n, 2n]], [[3n]]], ordered: true },
  },
  {
    name: 'UNWIND then collect round-trips the list',
    query: "WITH ['a', 'b', 'c'] AS xs UNWIND xs AS x RETURN collect(x) AS again",
    expected: { columns: ['again'], rows: [[['a', 'b', 'c']]], ordered: true },
  },
  {
    name: 'UNWIND of collected DISTINCT values',
    query: 'WITH [1, 1, 2, 2, 3] AS xs UNWIND xs AS x WITH DISTINCT x RETURN collect(x) AS unique',
    expected: { columns: ['unique'], rows: [[[1n, 2n, 3n]]], ordered: true },
  },
  {
    name: 'UNWIND feeds CREATE, one node per element',
    query: 'UNWIND $names AS name CREATE (n:Item {name: name}) RETURN n.name',
    parameters: { names: ['x', 'y', 'z'] },
    expected: { columns: ['n.name'], rows: [['x'], ['y'], ['z']], ordered: false },
    stats: { nodes_created: 3, labels_added: 3, properties_set: 3 },
  },
  {
    name: 'UNWIND of range()',
    query: 'UNWIND range(1, 3) AS i RETURN i * i AS square',
    expected: { columns: ['square'], rows: [[1n], [4n], [9n]], ordered: true },
  },
];
