import type { Value } from '../../../engine/query/values.js';
import { node, rel, type ConformanceCase } from '../conformance-case.js';

/** One row of aliased columns: `RETURN e1 AS a, e2 AS b, ...`. */
function row(values: Readonly<Record<string, Value>>): { columns: string[]; rows: Value[][]; ordered: boolean } {
  return { columns: Object.keys(values), rows: [Object.values(values)], ordered: true };
}

const pair = [`CREATE (:A {name: 'a', n: 1})-[:R {w: 2}]->(:B {name: 'b'})`];

export const cases: ConformanceCase[] = [
  // ---------------------------------------------------------------- entities
  {
    name: 'id() is a non-negative integer that stays the same',
    setup: pair,
    query: 'MATCH (n:A)-[r]->() RETURN id(n) >= 0 AS a, id(r) >= 0 AS b, id(n) = id(n) AS c, toInteger(id(n)) = id(n) AS d',
    expected: row({ a: true, b: true, c: true, d: true }),
  },
  {
    name: 'id() differs between nodes',
    setup: [`CREATE (:P), (:P), (:P)`],
    query: 'MATCH (a:P), (b:P) WHERE a <> b RETURN count(DISTINCT id(a)) AS ids, sum(CASE WHEN id(a) = id(b) THEN 1 ELSE 0 END) AS clashes',
    expected: row({ ids: 3n, clashes: 0n }),
  },
  {
    name: 'elementId() finds the same node again',
    setup: [`CREATE (:P {k: 1}), (:P {k: 2})`],
    query: 'MATCH (n:P {k: 2}) WITH elementId(n) AS e MATCH (m) WHERE elementId(m) = e RETURN m.k, e = toString(e) AS isString',
    expected: { columns: ['m.k', 'isString'], rows: [[2n, true]], ordered: true },
  },
  {
    name: 'labels()',
    setup: [`CREATE (:A:B {x: 1}), (:C)`],
    query: 'MATCH (n:A) UNWIND labels(n) AS label RETURN label',
    expected: { columns: ['label'], rows: [['A'], ['B']], ordered: false },
  },
  {
    name: 'labels() of a node without labels is an empty list',
    setup: [`CREATE ({y: 2})`],
    query: 'MATCH (n) RETURN labels(n)',
    expected: { columns: ['labels(n)'], rows: [[[]]], ordered: true },
  },
  {
    name: 'type()',
    setup: pair,
    query: 'MATCH ()-[r]->() RETURN type(r)',
    expected: { columns: ['type(r)'], rows: [['R']], ordered: true },
  },
  {
    name: 'keys() of a node',
    setup: pair,
    query: 'MATCH (n:A) UNWIND keys(n) AS key RETURN key',
    expected: { columns: ['key'], rows: [['name'], ['n']], ordered: false },
  },
  {
    name: 'keys() of a relationship and of a map',
    setup: pair,
    query: 'MATCH ()-[r]->() RETURN keys(r) AS a, keys({only: 1}) AS b',
    expected: row({ a: ['w'], b: ['only'] }),
  },
  {
    name: 'properties() of a node, a relationship and a map',
    setup: pair,
    query: 'MATCH (a:A)-[r]->(b) RETURN properties(a) AS a, properties(r) AS r, properties({k: [1]}) AS m',
    expected: row({ a: { name: 'a', n: 1n }, r: { w: 2n }, m: { k: [1n] } }),
  },
  {
    name: 'startNode() and endNode()',
    setup: pair,
    query: 'MATCH ()<-[r]-() RETURN startNode(r) AS s, endNode(r) AS e',
    expected: row({ s: node(['A'], { name: 'a', n: 1n }), e: node(['B'], { name: 'b' }) }),
  },
  {
    name: 'nodes(), relationships() and length() of a path',
    setup: [`CREATE (:A)-[:R1]->(:B)<-[:R2 {k: 1}]-(:C)`],
    query: 'MATCH p = (:A)-->()<--(:C) RETURN nodes(p) AS n, relationships(p) AS r, length(p) AS l',
    expected: row({ n: [node(['A']), node(['B']), node(['C'])], r: [rel('R1'), rel('R2', { k: 1n })], l: 2n }),
  },

  // ---------------------------------------------------------------- lists and values
  {
    name: 'size() of lists and strings',
    query: "RETURN size([1, 2, 3]) AS a, size([]) AS b, size('héllo') AS c, size('') AS d",
    expected: row({ a: 3n, b: 0n, c: 5n, d: 0n }),
  },
  {
    name: 'coalesce()',
    setup: [`CREATE (:P {name: 'x'})`],
    query: "MATCH (n:P) RETURN coalesce(null, 1, 2) AS a, coalesce(n.missing, n.name, 'default') AS b, coalesce(null, null) AS c",
    expected: row({ a: 1n, b: 'x', c: null }),
  },
  {
    name: 'head() and last()',
    query: 'RETURN head([1, 2, 3]) AS a, last([1, 2, 3]) AS b, head([]) AS c, last([]) AS d, head([null, 2]) AS e',
    expected: row({ a: 1n, b: 3n, c: null, d: null, e: null }),
  },
  {
    name: 'tail()',
    query: 'RETURN tail([1, 2, 3]) AS a, tail([1]) AS b, tail([]) AS c',
    expected: row({ a: [2n, 3n], b: [], c: [] }),
  },
  {
    name: 'range() with and without a step',
    query: 'RETURN range(0, 10) AS a, range(2, 18, 3) AS b, range(0, 5, -1) AS c, range(5, 1, -2) AS d, range(1, 1) AS e',
    expected: row({ a: [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n], b: [2n, 5n, 8n, 11n, 14n, 17n], c: [], d: [5n, 3n, 1n], e: [1n] }),
  },

  // ---------------------------------------------------------------- conversion
  {
    name: 'toString()',
    query: "RETURN toString(11.5) AS a, toString('already') AS b, toString(true) AS c, toString(123) AS d, toString(1.0) AS e, toString(-7) AS f",
    expected: row({ a: '11.5', b: 'already', c: 'true', d: '123', e: '1.0', f: '-7' }),
  },
  {
    name: 'toInteger()',
    query:
      "RETURN toInteger('42') AS a, toInteger('not a number') AS b, toInteger(true) AS c, toInteger(4.7) AS d, toInteger(-4.7) AS e, toInteger('1.7') AS f, toInteger(false) AS g, toInteger('') AS h",
    expected: row({ a: 42n, b: null, c: 1n, d: 4n, e: -4n, f: 1n, g: 0n, h: null }),
  },
  {
    name: 'toFloat()',
    query: "RETURN toFloat('11.5') AS a, toFloat('not a number') AS b, toFloat(3) AS c, toFloat('5') AS d, toFloat(2.5) AS e",
    expected: row({ a: 11.5, b: null, c: 3, d: 5, e: 2.5 }),
  },
  {
    name: 'toBoolean()',
    query: "RETURN toBoolean('true') AS a, toBoolean('false') AS b, toBoolean('not a boolean') AS c, toBoolean(0) AS d, toBoolean(7) AS e, toBoolean(true) AS f, toBoolean(' tru ') AS g",
    expected: row({ a: true, b: false, c: null, d: false, e: true, f: true, g: null }),
  },

  // ---------------------------------------------------------------- strings
  {
    name: 'toLower() and toUpper()',
    query: "RETURN toLower('HeLLo') AS a, toUpper('HeLLo') AS b, toUpper('straße') AS c",
    expected: row({ a: 'hello', b: 'HELLO', c: 'STRASSE' }),
  },
  {
    name: 'trim()',
    query: "RETURN trim('  hello  ') AS a, trim('\t x \n') AS b, trim('') AS c",
    expected: row({ a: 'hello', b: 'x', c: '' }),
  },
  {
    name: 'split()',
    query: "RETURN split('one,two', ',') AS a, split('a::b', '::') AS b, split('abc', ',') AS c",
    expected: row({ a: ['one', 'two'], b: ['a', 'b'], c: ['abc'] }),
  },
  {
    name: 'substring()',
    query: "RETURN substring('hello', 1, 3) AS a, substring('hello', 2) AS b, substring('hello', 0, 0) AS c, substring('hello', 3, 10) AS d",
    expected: row({ a: 'ell', b: 'llo', c: '', d: 'lo' }),
  },
  {
    name: 'replace()',
    query: "RETURN replace('hello', 'l', 'w') AS a, replace('hello', 'x', 'y') AS b, replace('aaa', 'aa', 'b') AS c",
    expected: row({ a: 'hewwo', b: 'hello', c: 'ba' }),
  },

  // ---------------------------------------------------------------- numbers, time, predicates
  {
    name: 'abs() keeps the number type',
    query: 'RETURN abs(-3) AS a, abs(3) AS b, abs(-3.5) AS c, abs(0) AS d',
    expected: row({ a: 3n, b: 3n, c: 3.5, d: 0n }),
  },
  {
    name: 'timestamp() is milliseconds since the epoch, fixed within a statement',
    query: 'UNWIND range(1, 3) AS i WITH timestamp() AS t RETURN count(DISTINCT t) AS readings, min(t) > 1600000000000 AS recent',
    expected: row({ readings: 1n, recent: true }),
  },
  {
    name: 'exists() of a property',
    setup: pair,
    query: 'MATCH (n:A)-[r]->() RETURN exists(n.name) AS a, exists(n.missing) AS b, exists(r.w) AS c',
    expected: row({ a: true, b: false, c: true }),
  },
  {
    name: 'exists() of a map entry',
    query: 'WITH {a: 1} AS m RETURN exists(m.a) AS a, exists(m.b) AS b',
    expected: row({ a: true, b: false }),
  },

  // ---------------------------------------------------------------- null arguments
  {
    name: 'entity functions of null are null',
    query: 'WITH null AS n RETURN id(n) AS a, labels(n) AS b, type(n) AS c, keys(n) AS d, properties(n) AS e, startNode(n) AS f, endNode(n) AS g, elementId(n) AS h',
    expected: row({ a: null, b: null, c: null, d: null, e: null, f: null, g: null, h: null }),
  },
  {
    name: 'list and path functions of null are null',
    query: 'WITH null AS n RETURN nodes(n) AS a, relationships(n) AS b, length(n) AS c, size(n) AS d, head(n) AS e, last(n) AS f, tail(n) AS g, coalesce(n) AS h',
    expected: row({ a: null, b: null, c: null, d: null, e: null, f: null, g: null, h: null }),
  },
  {
    name: 'conversion and number functions of null are null',
    query: 'WITH null AS n RETURN toString(n) AS a, toInteger(n) AS b, toFloat(n) AS c, toBoolean(n) AS d, abs(n) AS e',
    expected: row({ a: null, b: null, c: null, d: null, e: null }),
  },
  {
    name: 'string functions of null are null',
    query: "WITH null AS n RETURN toLower(n) AS a, toUpper(n) AS b, trim(n) AS c, split(n, ',') AS d, split('a,b', n) AS e, substring(n, 1) AS f, replace(n, 'a', 'b') AS g, replace('abc', n, 'b') AS h",
    expected: row({ a: null, b: null, c: null, d: null, e: null, f: null, g: null, h: null }),
  },

  // ---------------------------------------------------------------- names
  {
    name: 'function names are case-insensitive',
    query: "RETURN TOUPPER('a'), ToLower('B'), SIZE([1])",
    expected: { columns: ["TOUPPER('a')", "ToLower('B')", 'SIZE([1])'], rows: [['A', 'b', 1n]], ordered: true },
  },
  {
    name: 'an unknown function is an error',
    query: 'RETURN noSuchFunction(1)',
    expected: { error: 'Neo.ClientError.Statement.SyntaxError' },
  },
  {
    name: 'a function called with too few arguments is an error',
    query: "RETURN substring('a')",
    expected: { error: 'Neo.ClientError.Statement.SyntaxError' },
  },
];
