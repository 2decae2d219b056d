import type { Value } from '../../../engine/query/values.js';
import { node, type ConformanceCase } from '../conformance-case.js';

/** One row of aliased columns: `RETURN e1 AS a, e2 AS b, ...`. */
function row(values: Readonly<Record<string, Value>>): { columns: string[]; rows: Value[][]; ordered: boolean } {
  return { columns: Object.keys(values), rows: [Object.values(values)], ordered: true };
}

const people = [
  `CREATE (a:Person {name: 'Ann', city: 'Cork', age: 30}), (b:Person {name: 'Bea', city: 'Cork', age: 41}),
          (c:Person {name: 'Cid', city: 'Dublin', age: 25}), (d:Person {name: 'Dan', city: 'Dublin'}),
          (e:Person {name: 'Eve', age: 60}),
          (a)-[:KNOWS]->(b), (a)-[:KNOWS]->(c), (b)-[:KNOWS]->(c)`,
];

export const cases: ConformanceCase[] = [
  // ---------------------------------------------------------------- empty input
  {
    name: 'count(*) of no rows is one row with 0',
    query: 'MATCH (n:Nope) RETURN count(*)',
    expected: { columns: ['count(*)'], rows: [[0n]], ordered: true },
  },
  {
    name: 'aggregation with a grouping key over no rows returns no rows',
    query: 'MATCH (n:Nope) RETURN n.x, count(*)',
    expected: { columns: ['n.x', 'count(*)'], rows: [], ordered: true },
  },
  {
    name: 'every aggregate of no rows',
    query: 'UNWIND [] AS x RETURN count(x) AS c, sum(x) AS s, avg(x) AS a, min(x) AS mi, max(x) AS ma, collect(x) AS co',
    expected: row({ c: 0n, s: 0n, a: null, mi: null, ma: null, co: [] }),
  },
  {
    name: 'every aggregate of only nulls',
    query: 'UNWIND [null, null] AS x RETURN count(x) AS c, count(*) AS star, sum(x) AS s, avg(x) AS a, min(x) AS mi, max(x) AS ma, collect(x) AS co',
    expected: row({ c: 0n, star: 2n, s: 0n, a: null, mi: null, ma: null, co: [] }),
  },
  {
    name: 'count(*) after a WHERE that keeps nothing',
    setup: people,
    query: 'MATCH (n:Person) WHERE n.age > 100 RETURN count(*) AS c',
    expected: row({ c: 0n }),
  },

  // ---------------------------------------------------------------- count
  {
    name: 'count(x) skips nulls, count(*) does not',
    query: 'UNWIND [1, null, 2, null] AS x RETURN count(x) AS c, count(*) AS star',
    expected: row({ c: 2n, star: 4n }),
  },
  {
    name: 'count(DISTINCT x)',
    query: 'UNWIND [1, 1, 2, null, null] AS x RETURN count(DISTINCT x) AS c',
    expected: row({ c: 2n }),
  },
  {
    name: 'count(null) is 0',
    query: 'RETURN count(null) AS c',
    expected: row({ c: 0n }),
  },
  {
    name: 'count of nodes and of distinct property values',
    setup: people,
    query: 'MATCH (n:Person) RETURN count(n) AS people, count(n.city) AS withCity, count(DISTINCT n.city) AS cities',
    expected: row({ people: 5n, withCity: 4n, cities: 2n }),
  },

  // ---------------------------------------------------------------- sum and avg
  {
    name: 'sum of integers is an integer',
    query: 'UNWIND [1, 2, 3] AS x RETURN sum(x) AS s',
    expected: row({ s: 6n }),
  },
  {
    name: 'sum with a float is a float',
    query: 'UNWIND [1, 2.5, null] AS x RETURN sum(x) AS s',
    expected: row({ s: 3.5 }),
  },
  {
    name: 'sum of floats',
    query: 'UNWIND [0.5, 0.25] AS x RETURN sum(x) AS s',
    expected: row({ s: 0.75 }),
  },
  {
    name: 'sum(DISTINCT x)',
    query: 'UNWIND [1, 1, 2] AS x RETURN sum(DISTINCT x) AS s',
    expected: row({ s: 3n }),
  },
  {
    name: 'avg of integers is a float',
    query: 'UNWIND [1, 2, 3, 4] AS x RETURN avg(x) AS a, avg(CASE WHEN x < 3 THEN 2 END) AS b',
    expected: row({ a: 2.5, b: 2 }),
  },
  {
    name: 'avg skips nulls',
    query: 'UNWIND [1, null, 3] AS x RETURN avg(x) AS a',
    expected: row({ a: 2 }),
  },
  {
    name: 'avg of floats',
    query: 'UNWIND [0.5, 1.5] AS x RETURN avg(x) AS a',
    expected: row({ a: 1 }),
  },

  // ---------------------------------------------------------------- min and max
  {
    name: 'min and max of numbers keep the winning value type',
    query: 'UNWIND [3, 1.5, 7, null] AS x RETURN min(x) AS mi, max(x) AS ma',
    expected: row({ mi: 1.5, ma: 7n }),
  },
  {
    name: 'min and max of strings and booleans',
    query: "UNWIND [['b', true], ['a', false], ['c', true]] AS p RETURN min(p[0]) AS a, max(p[0]) AS b, min(p[1]) AS c, max(p[1]) AS d",
    expected: row({ a: 'a', b: 'c', c: false, d: true }),
  },
  {
    name: 'max across types: numbers above strings',
    query: "UNWIND [1, 'a', null, 0.2, 'b', '1', '99'] AS val RETURN max(val) AS m",
    expected: row({ m: 1n }),
  },
  {
    name: 'min across types: strings below numbers',
    query: "UNWIND [1, 'a', null, 0.2, 'b', '1', '99'] AS val RETURN min(val) AS m",
    expected: row({ m: '1' }),
  },
  {
    name: 'max of lists compares element by element',
    query: "UNWIND [[1, 'a', 89], [1, 2]] AS val RETURN max(val) AS m",
    expected: row({ m: [1n, 2n] }),
  },
  {
    name: 'min across lists and strings: lists below strings',
    query: "UNWIND ['d', [1, 2], ['a', 'c', 23]] AS val RETURN min(val) AS m",
    expected: row({ m: ['a', 'c', 23n] }),
  },

  // ---------------------------------------------------------------- collect
  {
    name: 'collect skips nulls and keeps order',
    query: "UNWIND ['x', null, 'y', 'x'] AS v RETURN collect(v) AS c",
    expected: row({ c: ['x', 'y', 'x'] }),
  },
  {
    name: 'collect(DISTINCT x)',
    query: 'UNWIND [1, 2, 1, null, 3, 2] AS v RETURN collect(DISTINCT v) AS c',
    expected: row({ c: [1n, 2n, 3n] }),
  },
  {
    name: 'collect of nodes',
    setup: [`CREATE (:Tag {t: 'only'})`],
    query: 'MATCH (n:Tag) RETURN collect(n) AS c',
    expected: row({ c: [node(['Tag'], { t: 'only' })] }),
  },

  // ---------------------------------------------------------------- grouping
  {
    name: 'the non-aggregated columns are the grouping keys',
    setup: people,
    query: 'MATCH (n:Person) RETURN n.city AS city, count(*) AS c, min(n.age) AS youngest, max(n.name) AS last',
    expected: {
      columns: ['city', 'c', 'youngest', 'last'],
      rows: [['Cork', 2n, 30n, 'Bea'], ['Dublin', 2n, 25n, 'Dan'], [null, 1n, 60n, 'Eve']],
      ordered: false,
    },
  },
  {
    name: 'null forms its own group',
    query: 'UNWIND [1, null, 1, null, 2] AS x RETURN x, count(*) AS c',
    expected: { columns: ['x', 'c'], rows: [[1n, 2n], [null, 2n], [2n, 1n]], ordered: false },
  },
  {
    name: 'two grouping keys',
    query: "UNWIND [['a', 1], ['a', 1], ['a', 2], ['b', 1]] AS p RETURN p[0] AS k1, p[1] AS k2, count(*) AS c",
    expected: { columns: ['k1', 'k2', 'c'], rows: [['a', 1n, 2n], ['a', 2n, 1n], ['b', 1n, 1n]], ordered: false },
  },
  {
    name: 'grouping by a node',
    setup: people,
    query: 'MATCH (p:Person)-[:KNOWS]->(f) RETURN p.name AS name, count(f) AS friends',
    expected: { columns: ['name', 'friends'], rows: [['Ann', 2n], ['Bea', 1n]], ordered: false },
  },
  {
    name: 'aggregates inside expressions',
    query: 'UNWIND [1, 2, 3] AS x RETURN sum(x) * 2 AS doubled, count(*) + 1 AS more, toString(max(x)) AS text',
    expected: row({ doubled: 12n, more: 4n, text: '3' }),
  },
  {
    name: 'an expression of a grouping key and an aggregate',
    query: 'UNWIND [1, 1, 2] AS x RETURN x, x * count(*) AS weighted',
    expected: { columns: ['x', 'weighted'], rows: [[1n, 2n], [2n, 2n]], ordered: false },
  },
  {
    name: 'aggregation in WITH feeding later clauses',
    query: 'UNWIND [1, 2, 3, 4] AS x WITH x % 2 AS parity, sum(x) AS total RETURN parity, total ORDER BY parity',
    expected: { columns: ['parity', 'total'], rows: [[0n, 6n], [1n, 4n]], ordered: true },
  },
  {
    name: 'count(DISTINCT) per group',
    query: "UNWIND [['a', 1], ['a', 1], ['a', 2], ['b', null]] AS p RETURN p[0] AS k, count(DISTINCT p[1]) AS c",
    expected: { columns: ['k', 'c'], rows: [['a', 2n], ['b', 0n]], ordered: false },
  },
];
