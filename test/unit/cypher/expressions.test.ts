import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expression, Query } from '../../../cypher/ast.js';
import { parse } from '../../../cypher/parser.js';
import { render } from './ast-helpers.js';

// Every variable the expressions below use, bound so that the semantic check passes.
const prelude = 'WITH 1 AS a, 2 AS b, 3 AS c, 4 AS d, [1] AS list, {k: 1} AS m, 5 AS x ';

function expression(text: string): Expression {
  const query = parse(`${prelude}RETURN ${text}`) as Query;
  const last = query.first.clauses[query.first.clauses.length - 1]!;
  assert.equal(last.kind, 'Return');
  return last.projection.items[0]!.expression;
}

function check(cases: readonly (readonly [string, string])[]): void {
  for (const [text, tree] of cases) {
    it(`${text}  =>  ${tree}`, () => assert.equal(render(expression(text)), tree));
  }
}

describe('operator precedence', () => {
  check([
    ['a OR b AND c', '(a OR (b AND c))'],
    ['a AND b OR c', '((a AND b) OR c)'],
    ['a OR b XOR c', '(a OR (b XOR c))'],
    ['a XOR b OR c', '((a XOR b) OR c)'],
    ['a AND b XOR c', '((a AND b) XOR c)'],
    ['a OR b OR c', '((a OR b) OR c)'],
    ['NOT a AND b', '((NOT a) AND b)'],
    ['NOT a = b', '(NOT (a = b))'],
    ['NOT NOT a', '(NOT (NOT a))'],
    ['a = b AND c <> d', '((a = b) AND (c <> d))'],
    ['a < b < c', '((a < b) AND (b < c))'],
    ['a <= b > c >= d', '(((a <= b) AND (b > c)) AND (c >= d))'],
    ['a = b = c', '((a = b) AND (b = c))'],
    ['a + 1 IN list', '((a + 1) IN list)'],
    ['a IN list = true', '((a IN list) = true)'],
    ['NOT a IN list', '(NOT (a IN list))'],
    ['a IN list AND NOT b IN list', '((a IN list) AND (NOT (b IN list)))'],
    ['a IS NULL = b IS NOT NULL', '((a IS NULL) = (b IS NOT NULL))'],
    ['a + b IS NULL', '((a + b) IS NULL)'],
    ["a + b STARTS WITH 'x'", "((a + b) STARTS WITH 'x')"],
    ["'ab' ENDS WITH 'b' AND 'ab' CONTAINS 'a'", "(('ab' ENDS WITH 'b') AND ('ab' CONTAINS 'a'))"],
    ["'ab' =~ 'a.*' OR x = 1", "(('ab' =~ 'a.*') OR (x = 1))"],
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c', '((a * b) + c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a * b / c % d', '(((a * b) / c) % d)'],
    ['a * b ^ c', '(a * (b ^ c))'],
    ['a ^ b ^ c', '((a ^ b) ^ c)'],
    ['-a ^ 2', '((-a) ^ 2)'],
    ['-2 ^ 2', '(-2 ^ 2)'],
    ['- m.k', '(-m.k)'],
    ['+a', '(+a)'],
    ['- -a', '(-(-a))'],
    ['a - -1', '(a - -1)'],
    ['2-1', '(2 - 1)'],
    ['a<-1', '(a < -1)'],
    ['(a OR b) AND c', '((a OR b) AND c)'],
    ['(a + b) * c', '((a + b) * c)'],
    ['m.k.z[0]', 'm.k.z[0]'],
    ['list[0] + 1', '(list[0] + 1)'],
    ['list[a..b]', 'list[a..b]'],
    ['list[..2]', 'list[..2]'],
    ['list[1..]', 'list[1..]'],
    ['list[..]', 'list[..]'],
    ["m['k']", "m['k']"],
    ['x:Person', "('Person' IN labels(x))"],
    ['x:A:B', "(('A' IN labels(x)) AND ('B' IN labels(x)))"],
    ['NOT x:A OR x:B', "((NOT ('A' IN labels(x))) OR ('B' IN labels(x)))"],
  ]);
});

describe('literals', () => {
  check([
    ['42', '42'],
    ['0x1F', '31'],
    ['0Xff', '255'],
    ['0o17', '15'],
    ['017', '15'],
    ['1.5', '1.5'],
    ['.5', '0.5'],
    ['1e3', '1000.0'],
    ['1.5E-3', '0.0015'],
    ['-1.5', '-1.5'],
    ['9223372036854775807', '9223372036854775807'],
    ['-9223372036854775808', '-9223372036854775808'],
    ['-0x8000000000000000', '-9223372036854775808'],
    ['true', 'true'],
    ['FALSE', 'false'],
    ['Null', 'null'],
    ["'single'", "'single'"],
    ['"double"', "'double'"],
    ["[1, 'a', null, [2.0]]", "[1, 'a', null, [2.0]]"],
    ['[]', '[]'],
    ['{}', '{}'],
    ["{a: 1, `b c`: 'x', match: true}", "{a: 1, b c: 'x', match: true}"],
    ['$p', '$p'],
    ['$0', '$0'],
    ['$`odd name`', '$odd name'],
  ]);

  it('are integers as bigint and floats as number', () => {
    assert.equal((expression('7') as { value: unknown }).value, 7n);
    assert.equal((expression('7.0') as { value: unknown }).value, 7);
    assert.equal((expression('-0x8000000000000000') as { value: unknown }).value, -(2n ** 63n));
  });

  const strings: [string, string][] = [
    ["'a\\tb'", 'a\tb'],
    ["'\\n\\r\\b\\f'", '\n\r\b\f'],
    ["'it\\'s'", "it's"],
    ['"say \\"hi\\""', 'say "hi"'],
    ["'back\\\\slash'", 'back\\slash'],
    ["'\\u00e9t\\u00E9'", 'été'],
    ["'\\U0001F600'", '😀'],
    ["'double \" inside single'", 'double " inside single'],
    ["'two\nlines'", 'two\nlines'],
    ["'CREATE (n)'", 'CREATE (n)'],
  ];
  for (const [text, value] of strings) {
    it(`string ${text}`, () => assert.deepEqual(expression(text), { kind: 'Literal', value, position: expression(text).position }));
  }
});

describe('compound expressions', () => {
  check([
    ["CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END", "CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END"],
    ['CASE WHEN a > 1 THEN true END', 'CASE WHEN (a > 1) THEN true END'],
    ['case when a is null then 0 else a end', 'CASE WHEN (a IS NULL) THEN 0 ELSE a END'],
    ['[y IN list]', '[y IN list]'],
    ['[y IN list WHERE y > 1]', '[y IN list WHERE (y > 1)]'],
    ['[y IN list | y * 2]', '[y IN list | (y * 2)]'],
    ['[y IN range(1, 10) WHERE y % 2 = 0 | y ^ 2]', '[y IN range(1, 10) WHERE ((y % 2) = 0) | (y ^ 2)]'],
    ['[y IN list | [z IN list | y + z]]', '[y IN list | [z IN list | (y + z)]]'],
    ['m {.k, .*, z: a + 1, a}', 'm{.k, .*, z: (a + 1), a}'],
    ['m {}', 'm{}'],
    ["toUpper('a')", "toUpper('a')"],
    ['count(*)', 'count(*)'],
    ['COUNT( * )', 'count(*)'],
    ['count(DISTINCT a)', 'count(DISTINCT a)'],
    ['collect(a)[0]', 'collect(a)[0]'],
    ["apoc.text.join(['a'], ',')", "apoc.text.join(['a'], ',')"],
    ["`toUpper`('x')", "toUpper('x')"],
    ['timestamp()', 'timestamp()'],
    ['exists(m.k)', 'exists(m.k)'],
    ['coalesce(a, b, null)', 'coalesce(a, b, null)'],
  ]);

  it('lets non-reserved words such as count be variables', () => {
    const query = parse('WITH 1 AS count, 2 AS type RETURN count + type') as Query;
    const last = query.first.clauses[1]!;
    assert.equal(last.kind === 'Return' && render(last.projection.items[0]!.expression), '(count + type)');
  });

  it('keeps positions: an operator at its token, a literal at its first character', () => {
    const query = parse('RETURN 1 +\n  -2') as Query;
    const last = query.first.clauses[0]!;
    assert.ok(last.kind === 'Return');
    const sum = last.projection.items[0]!.expression;
    assert.ok(sum.kind === 'Binary');
    assert.deepEqual(sum.position, { offset: 9, line: 1, column: 10 });
    assert.deepEqual(sum.left.position, { offset: 7, line: 1, column: 8 });
    assert.deepEqual(sum.right.position, { offset: 13, line: 2, column: 3 });
  });
});
