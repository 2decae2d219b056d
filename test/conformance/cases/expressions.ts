import type { Value } from '../../../engine/query/values.js';
import type { ConformanceCase } from '../conformance-case.js';

/** One row of aliased columns: `RETURN e1 AS a, e2 AS b, ...`. */
function row(values: Readonly<Record<string, Value>>): { columns: string[]; rows: Value[][]; ordered: boolean } {
  return { columns: Object.keys(values), rows: [Object.values(values)], ordered: true };
}

export const cases: ConformanceCase[] = [
  // ---------------------------------------------------------------- literals
  {
    name: 'integer literals: decimal, negative, hexadecimal',
    query: 'RETURN 42, -7, 0x1F',
    expected: { columns: ['42', '-7', '0x1F'], rows: [[42n, -7n, 31n]], ordered: true },
  },
  {
    name: 'the largest integer literal',
    query: 'RETURN 9223372036854775807 AS max',
    expected: row({ max: 9223372036854775807n }),
  },
  {
    name: 'an integer literal beyond 64 bits is an error',
    query: 'RETURN 9223372036854775808 AS tooBig',
    expected: { error: 'Neo.ClientError.Statement.SyntaxError' },
  },
  {
    name: 'float literals',
    query: 'RETURN 1.5 AS a, .5 AS b, 1e3 AS c, 1.5e-3 AS d, 2.0 AS e',
    expected: row({ a: 1.5, b: 0.5, c: 1000, d: 0.0015, e: 2 }),
  },
  {
    name: 'string literals with escapes in both quote styles',
    query: String.raw`RETURN 'it\'s' AS a, "say \"hi\"" AS b, 'tab\there' AS c, '\u00e9' AS d, 'back\\slash' AS e, "it's" AS f`,
    expected: row({ a: "it's", b: 'say "hi"', c: 'tab\there', d: 'é', e: 'back\\slash', f: "it's" }),
  },
  {
    name: 'boolean and null literals',
    query: 'RETURN true, false, null',
    expected: { columns: ['true', 'false', 'null'], rows: [[true, false, null]], ordered: true },
  },
  {
    name: 'list and map literals, nested and empty',
    query: "RETURN [1, 'a', [2.0, null]] AS l, {a: {b: [true]}} AS m, [] AS el, {} AS em",
    expected: row({ l: [1n, 'a', [2, null]], m: { a: { b: [true] } }, el: [], em: {} }),
  },
  {
    name: 'parameters of every type come back unchanged',
    query: 'RETURN $i AS i, $f AS f, $s AS s, $b AS b, $n AS n, $l AS l, $m AS m',
    parameters: { i: -5n, f: 0.25, s: 'text', b: false, n: null, l: [1n, 'x', [null]], m: { k: { deep: 1.5 } } },
    expected: row({ i: -5n, f: 0.25, s: 'text', b: false, n: null, l: [1n, 'x', [null]], m: { k: { deep: 1.5 } } }),
  },

  // ---------------------------------------------------------------- property access
  {
    name: 'property access on nested maps',
    query: "RETURN {a: {b: 'deep'}}.a.b AS r, {a: 1}.missing AS missing",
    expected: row({ r: 'deep', missing: null }),
  },
  {
    name: 'property access on null is null',
    query: 'WITH null AS x RETURN x.name AS r',
    expected: row({ r: null }),
  },

  // ---------------------------------------------------------------- arithmetic
  {
    name: 'integer division truncates toward zero and % keeps the sign of the dividend',
    query: 'RETURN 7 / 2 AS a, -7 / 2 AS b, 7 % 3 AS c, -7 % 3 AS d',
    expected: row({ a: 3n, b: -3n, c: 1n, d: -1n }),
  },
  {
    name: 'an integer and a float give a float',
    query: 'RETURN 7 / 2.0 AS a, 7.5 % 2 AS b, 2 * 1.5 AS c, 1 + 0.5 AS d, 3 - 1.0 AS e',
    expected: row({ a: 3.5, b: 1.5, c: 3, d: 1.5, e: 2 }),
  },
  {
    name: '^ always gives a float',
    query: 'RETURN 2 ^ 3 AS a, 4 ^ 0.5 AS b, 2 ^ -1 AS c',
    expected: row({ a: 8, b: 2, c: 0.5 }),
  },
  {
    name: 'arithmetic precedence',
    query: 'RETURN 12 / 4 * 3 - 2 * 4 AS a, 12 / 4 * (3 - 2 * 4) AS b, 1 + 2 * 3 ^ 2 AS c',
    expected: row({ a: 1n, b: -15n, c: 19 }),
  },
  {
    name: 'unary minus and plus',
    query: 'WITH 5 AS x, -2.5 AS y RETURN -x AS a, +x AS b, -y AS c',
    expected: row({ a: -5n, b: 5n, c: 2.5 }),
  },
  {
    name: 'float division by zero gives infinity or NaN',
    query: 'WITH 0 AS zero RETURN 1.0 / zero AS a, -1.0 / zero AS b, 0.0 / zero AS c',
    expected: row({ a: Infinity, b: -Infinity, c: NaN }),
  },
  {
    name: 'NaN is equal to nothing and ordered against nothing',
    query: 'WITH 0.0 / 0.0 AS nan RETURN nan = nan AS a, nan <> nan AS b, nan > 1 AS c, nan < 1 AS d',
    expected: row({ a: false, b: true, c: false, d: false }),
  },
  {
    name: 'integer overflow in + is an error',
    query: 'WITH 9223372036854775807 AS max RETURN max + 1',
    expected: { error: 'Neo.ClientError.Statement.ArithmeticError' },
  },
  {
    name: 'integer overflow in * is an error',
    query: 'WITH 4611686018427387904 AS half RETURN half * 2',
    expected: { error: 'Neo.ClientError.Statement.ArithmeticError' },
  },
  {
    name: 'integer overflow in - is an error',
    query: 'WITH -9223372036854775807 - 1 AS min RETURN min - 1',
    expected: { error: 'Neo.ClientError.Statement.ArithmeticError' },
  },
  {
    name: 'the smallest integer is reachable without overflow',
    query: 'WITH -9223372036854775807 - 1 AS min RETURN min AS r',
    expected: row({ r: -9223372036854775808n }),
  },
  {
    name: 'arithmetic with null is null',
    query: 'WITH null AS n RETURN 1 + n AS a, n * 2 AS b, n / 0 AS c, -n AS d',
    expected: row({ a: null, b: null, c: null, d: null }),
  },
  {
    name: '+ concatenates strings and converts numbers',
    query: "RETURN 'a' + 'b' AS a, 'n' + 1 AS b, 1 + 'n' AS c, 'x' + 1.5 AS d",
    expected: row({ a: 'ab', b: 'n1', c: '1n', d: 'x1.5' }),
  },
  {
    name: '+ concatenates lists and appends or prepends elements',
    query: 'RETURN [1, 2] + [3] AS a, [1] + 2 AS b, 0 + [1] AS c, [1] + [[2]] AS d',
    expected: row({ a: [1n, 2n, 3n], b: [1n, 2n], c: [0n, 1n], d: [1n, [2n]] }),
  },

  // ---------------------------------------------------------------- comparison
  {
    name: 'comparison of numbers, strings and booleans',
    query: "RETURN 1 = 1.0 AS a, 1 <> 2 AS b, 'a' < 'b' AS c, 'a' < 'B' AS d, false < true AS e, 'x' < 'xy' AS f, 2 >= 2.0 AS g",
    expected: row({ a: true, b: true, c: true, d: false, e: true, f: true, g: true }),
  },
  {
    name: 'values of different types are not equal and not ordered',
    query: "RETURN '1' = 1 AS a, 1 < 'a' AS b, [1] < 1 AS c, 'a' <> 1 AS d",
    expected: row({ a: false, b: null, c: null, d: true }),
  },
  {
    name: 'comparison with null is null',
    query: 'RETURN null = null AS a, null <> null AS b, 1 = null AS c, null < 1 AS d',
    expected: row({ a: null, b: null, c: null, d: null }),
  },
  {
    name: 'list equality with nulls',
    query: "RETURN [1, 2] = [1] AS a, [null] = [1] AS b, ['a'] = [1] AS c, [[1], [2]] = [[1], [null]] AS d, [1, 2] = [1, 2] AS e",
    expected: row({ a: false, b: null, c: false, d: null, e: true }),
  },
  {
    name: 'map equality with nulls',
    query: 'RETURN {k: 1} = {k: 1} AS a, {} = {k: null} AS b, {k: null} = {k: null} AS c, {k: 1, l: null} = {k: 1, l: 1} AS d',
    expected: row({ a: true, b: false, c: null, d: null }),
  },
  {
    name: 'list ordering comparison',
    query: "RETURN [1, 0] >= [1] AS a, [1, null] >= [1] AS b, [1, 2] >= [1, null] AS c, [1, 2] >= [3, null] AS d, [1, 'a'] >= [1, null] AS e",
    expected: row({ a: true, b: true, c: null, d: false, e: null }),
  },
  {
    name: 'chained comparisons',
    query: 'RETURN 1 < 2 < 3 AS a, 1 < 3 < 2 AS b, 1 < 2 <= 2 AS c',
    expected: row({ a: true, b: false, c: true }),
  },
  {
    name: 'nodes are equal only to themselves',
    setup: [`CREATE (:P), (:P)`],
    query: 'MATCH (a:P), (b:P) RETURN a = b AS same, count(*) AS pairs',
    expected: { columns: ['same', 'pairs'], rows: [[true, 2n], [false, 2n]], ordered: false },
  },

  // ---------------------------------------------------------------- boolean logic
  {
    name: 'AND with null',
    query: 'WITH null AS n RETURN true AND n AS a, false AND n AS b, n AND n AS c, n AND false AS d',
    expected: row({ a: null, b: false, c: null, d: false }),
  },
  {
    name: 'OR with null',
    query: 'WITH null AS n RETURN true OR n AS a, false OR n AS b, n OR n AS c, n OR true AS d',
    expected: row({ a: true, b: null, c: null, d: true }),
  },
  {
    name: 'XOR with null',
    query: 'WITH null AS n RETURN true XOR n AS a, true XOR false AS b, true XOR true AS c, n XOR false AS d',
    expected: row({ a: null, b: true, c: false, d: null }),
  },
  {
    name: 'NOT with null',
    query: 'WITH null AS n RETURN NOT n AS a, NOT false AS b, NOT true AS c',
    expected: row({ a: null, b: true, c: false }),
  },
  {
    name: 'boolean precedence: NOT, then AND, then XOR, then OR',
    query: 'RETURN true OR false AND false AS a, NOT true AND false AS b, true XOR true OR true AS c, NOT 1 = 2 AS d',
    expected: row({ a: true, b: false, c: true, d: true }),
  },

  // ---------------------------------------------------------------- IN
  {
    name: 'IN with null semantics',
    query: 'WITH null AS n RETURN 2 IN [1, 2, 3] AS a, 4 IN [1, 2, 3] AS b, 4 IN [1, n] AS c, 1 IN [1, n] AS d, n IN [1] AS e, n IN [] AS f, 1 IN n AS g',
    expected: row({ a: true, b: false, c: null, d: true, e: null, f: false, g: null }),
  },
  {
    name: 'IN compares types strictly except numbers',
    query: "RETURN 1 IN ['1', 2] AS a, 1.0 IN [1] AS b, [1, 2] IN [1, [1, 2]] AS c, [1] IN [1, 2] AS d, [1, 2] IN [[null, 2]] AS e",
    expected: row({ a: false, b: true, c: true, d: false, e: null }),
  },

  // ---------------------------------------------------------------- string predicates
  {
    name: 'STARTS WITH, ENDS WITH, CONTAINS',
    query: "RETURN 'abc' STARTS WITH 'ab' AS a, 'abc' ENDS WITH 'bc' AS b, 'abc' CONTAINS 'b' AS c, 'abc' STARTS WITH '' AS d, 'ABC' CONTAINS 'b' AS e",
    expected: row({ a: true, b: true, c: true, d: true, e: false }),
  },
  {
    name: 'string predicates with null or non-string operands are null',
    query: "WITH null AS n RETURN 'abc' STARTS WITH n AS a, n ENDS WITH 'a' AS b, 1 CONTAINS '1' AS c, 'a' STARTS WITH 1 AS d",
    expected: row({ a: null, b: null, c: null, d: null }),
  },

  // ---------------------------------------------------------------- regular expressions
  {
    name: '=~ matches the whole string',
    query: "RETURN 'abc' =~ 'a.c' AS a, 'abc' =~ 'b' AS b, 'abc' =~ '.*b.*' AS c, 'ABC' =~ '(?i)abc' AS d",
    expected: row({ a: true, b: false, c: true, d: true }),
  },
  {
    name: '=~ with escapes and character classes',
    query: String.raw`RETURN 'a.c' =~ 'a\\.c' AS a, 'abc' =~ 'a\\.c' AS b, '2024-01-05' =~ '\\d{4}-\\d{2}-\\d{2}' AS c, 'x y' =~ '[a-z]\\s[a-z]' AS d`,
    expected: row({ a: true, b: false, c: true, d: true }),
  },
  {
    name: '=~ with null is null',
    query: "WITH null AS n RETURN n =~ 'a' AS a, 'a' =~ n AS b",
    expected: row({ a: null, b: null }),
  },

  // ---------------------------------------------------------------- IS NULL
  {
    name: 'IS NULL and IS NOT NULL',
    query: 'WITH null AS n RETURN n IS NULL AS a, 1 IS NULL AS b, n IS NOT NULL AS c, [] IS NOT NULL AS d',
    expected: row({ a: true, b: false, c: false, d: true }),
  },
  {
    name: 'IS NULL on map entries: an entry holding null and a missing entry',
    query: "WITH {name: 'Mats', name2: null} AS map RETURN map.name IS NULL AS a, map.name2 IS NULL AS b, map.other IS NULL AS c",
    expected: row({ a: false, b: true, c: true }),
  },

  // ---------------------------------------------------------------- CASE
  {
    name: 'CASE simple form',
    query: "UNWIND [1, 2, 3] AS x RETURN CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END AS w",
    expected: { columns: ['w'], rows: [['one'], ['two'], ['many']], ordered: true },
  },
  {
    name: 'CASE simple form without a match or ELSE is null',
    query: "RETURN CASE 5 WHEN 1 THEN 'one' END AS r",
    expected: row({ r: null }),
  },
  {
    name: 'CASE simple form: a null subject matches no WHEN, not even null',
    query: "WITH null AS n RETURN CASE n WHEN null THEN 'matched' ELSE 'not matched' END AS r",
    expected: row({ r: 'not matched' }),
  },
  {
    name: 'CASE simple form compares numbers by value',
    query: "RETURN CASE 1.0 WHEN 1 THEN 'equal' ELSE 'different' END AS r",
    expected: row({ r: 'equal' }),
  },
  {
    name: 'CASE generic form: the first true WHEN wins',
    query: "UNWIND [5, 15, 25] AS x RETURN CASE WHEN x < 10 THEN 'small' WHEN x < 20 THEN 'medium' ELSE 'large' END AS size",
    expected: { columns: ['size'], rows: [['small'], ['medium'], ['large']], ordered: true },
  },
  {
    name: 'CASE generic form: a null condition is not true',
    query: "WITH null AS n RETURN CASE WHEN n THEN 'yes' ELSE 'no' END AS r",
    expected: row({ r: 'no' }),
  },

  // ---------------------------------------------------------------- indexing and slicing
  {
    name: 'list indexing, negative and out of range',
    query: 'WITH [1, 2, 3] AS l RETURN l[0] AS a, l[-1] AS b, l[5] AS c, l[-5] AS d, l[null] AS e',
    expected: row({ a: 1n, b: 3n, c: null, d: null, e: null }),
  },
  {
    name: 'indexing null and nested lists',
    query: 'WITH null AS n RETURN n[0] AS a, [[1, 2], [3]][0][1] AS b',
    expected: row({ a: null, b: 2n }),
  },
  {
    name: 'indexing with parameters',
    query: 'RETURN $list[$i] AS r',
    parameters: { list: ['a', 'b', 'c'], i: 1n },
    expected: row({ r: 'b' }),
  },
  {
    name: 'map access with a dynamic key',
    query: "WITH {a: 1, b: 2} AS m, 'b' AS k RETURN m[k] AS a, m['a'] AS b, m['zzz'] AS c",
    expected: row({ a: 2n, b: 1n, c: null }),
  },
  {
    name: 'node property access with a dynamic key',
    setup: [`CREATE (:P {name: 'x'})`],
    query: "MATCH (n:P) WITH n, 'na' + 'me' AS key RETURN n[key] AS r",
    expected: row({ r: 'x' }),
  },
  {
    name: 'list slicing',
    query: 'WITH [1, 2, 3, 4, 5] AS l RETURN l[1..3] AS a, l[..2] AS b, l[2..] AS c, l[-2..] AS d, l[1..-1] AS e',
    expected: row({ a: [2n, 3n], b: [1n, 2n], c: [3n, 4n, 5n], d: [4n, 5n], e: [2n, 3n, 4n] }),
  },
  {
    name: 'list slicing out of range and inverted',
    query: 'WITH [1, 2, 3] AS l RETURN l[2..1] AS a, l[0..10] AS b, l[10..20] AS c, l[-10..2] AS d, l[0..0] AS e',
    expected: row({ a: [], b: [1n, 2n, 3n], c: [], d: [1n, 2n], e: [] }),
  },
  {
    name: 'list slicing with a null bound is null',
    query: 'WITH [1, 2, 3] AS l, null AS n RETURN l[n..2] AS a, l[1..n] AS b',
    expected: row({ a: null, b: null }),
  },
  {
    name: 'list slicing with parameters',
    query: 'WITH [1, 2, 3] AS l RETURN l[$from..$to] AS r',
    parameters: { from: 1n, to: 3n },
    expected: row({ r: [2n, 3n] }),
  },

  // ---------------------------------------------------------------- list comprehension
  {
    name: 'list comprehension with WHERE and a mapping',
    query: 'RETURN [x IN range(1, 6) WHERE x % 2 = 0 | x * 10] AS r',
    expected: row({ r: [20n, 40n, 60n] }),
  },
  {
    name: 'list comprehension with WHERE only',
    query: 'RETURN [x IN [1, null, 3] WHERE x IS NOT NULL] AS r',
    expected: row({ r: [1n, 3n] }),
  },
  {
    name: 'list comprehension with a mapping only',
    query: "RETURN [x IN ['a', 'b'] | toUpper(x)] AS r",
    expected: row({ r: ['A', 'B'] }),
  },
  {
    name: 'list comprehension over null is null',
    query: 'WITH null AS n RETURN [x IN n | x] AS r',
    expected: row({ r: null }),
  },
  {
    name: 'list comprehension reads variables from outside',
    query: 'WITH 10 AS k RETURN [x IN [1, 2] WHERE x < k | x + k] AS l',
    expected: row({ l: [11n, 12n] }),
  },

  // ---------------------------------------------------------------- map projection
  {
    name: 'map projection of properties, a missing one included as null',
    setup: [`CREATE (:P {name: 'Ann', age: 30})`],
    query: 'MATCH (n:P) RETURN n {.name, .missing}',
    expected: { columns: ['n {.name, .missing}'], rows: [[{ name: 'Ann', missing: null }]], ordered: true },
  },
  {
    name: 'map projection of all properties plus a literal entry',
    setup: [`CREATE (:P {name: 'Ann', age: 30})`],
    query: 'MATCH (n:P) RETURN n {.*, extra: 1} AS m',
    expected: row({ m: { name: 'Ann', age: 30n, extra: 1n } }),
  },
  {
    name: 'map projection with a variable selector',
    setup: [`CREATE (:P {name: 'Ann', age: 30})`],
    query: "WITH 'v' AS other MATCH (n:P) RETURN n {.name, other} AS m",
    expected: row({ m: { name: 'Ann', other: 'v' } }),
  },
  {
    name: 'map projection: a literal entry overrides a projected property',
    setup: [`CREATE (:P {name: 'Ann', age: 30})`],
    query: 'MATCH (n:P) RETURN n {.*, age: n.age + 1} AS m',
    expected: row({ m: { name: 'Ann', age: 31n } }),
  },
  {
    name: 'map projection of a map',
    query: 'WITH {a: 1, b: 2} AS m RETURN m {.a, c: 3} AS r',
    expected: row({ r: { a: 1n, c: 3n } }),
  },
  {
    name: 'map projection of null is null',
    query: 'OPTIONAL MATCH (n:Nope) RETURN n {.name} AS m',
    expected: row({ m: null }),
  },
  {
    name: 'map projection of a relationship',
    setup: [`CREATE (:A)-[:R {w: 1, v: 'x'}]->(:B)`],
    query: 'MATCH ()-[r:R]->() RETURN r {.w, kind: type(r)} AS m',
    expected: row({ m: { w: 1n, kind: 'R' } }),
  },
];
