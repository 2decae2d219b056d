import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonParseError, parseJson } from '../../../protocol/http/json-parse.js';
import { formatJsonFloat, writeJson } from '../../../protocol/http/json-write.js';

const limits = { maxLength: 1_000_000, maxDepth: 100 };

function parse(text: string): unknown {
  return parseJson(text, limits);
}

function parseError(text: string, options = limits): JsonParseError {
  try {
    parseJson(text, options);
  } catch (error) {
    if (error instanceof JsonParseError) return error;
    throw error;
  }
  assert.fail(`${text} was accepted`);
}

describe('the JSON parser', () => {
  it('reads numbers without fraction or exponent as INTEGER (bigint), others as FLOAT', () => {
    assert.deepEqual(parse('[0, -7, 42, 9007199254740993, 1.0, 1e3, -0.5, 2E-2, -0]'), [0n, -7n, 42n, 9007199254740993n, 1, 1000, -0.5, 0.02, 0n]);
    assert.equal(typeof (parse('1.0') as number), 'number');
  });

  it('keeps the whole int64 range and refuses beyond it with the bounds', () => {
    assert.deepEqual(parse('[9223372036854775807, -9223372036854775808]'), [2n ** 63n - 1n, -(2n ** 63n)]);
    const error = parseError('{"x": 9223372036854775808}');
    assert.match(error.message, /the integer 9223372036854775808 is outside the 64-bit INTEGER range at line 1, column 7 \(offset 6\); expected -9223372036854775808\.\.9223372036854775807/);
  });

  it('reads strings with every escape, and objects with a null prototype', () => {
    assert.equal(parse('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"'), 'a"b\\c/d\b\f\n\r\té😀');
    const object = parse('{"__proto__": {"x": 1}, "constructor": 2}') as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(object), null);
    assert.deepEqual(Object.keys(object), ['__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>)['x'], undefined, 'no prototype was polluted');
  });

  it('says where the text is wrong and what was expected', () => {
    assert.equal(parseError('{"a": 1,\n "b" 2}').message, "unexpected '2' at line 2, column 6 (offset 14); expected ':' after the field name");
    assert.match(parseError('[1, 2').message, /unexpected end of the input at line 1, column 6 .*; expected ',' or '\]'/);
    assert.match(parseError('{"a": tru}').message, /unexpected 't' .*expected a JSON value/);
    assert.match(parseError('"line\nbreak"').message, /unescaped control character U\+000A in a string/);
    assert.match(parseError('"\\x"').message, /the unknown escape '\\x'/);
    assert.match(parseError('01').message, /unexpected text after the JSON value/);
    assert.match(parseError('-').message, /expected a digit after '-'/);
    assert.match(parseError('1.').message, /expected a digit after '\.'/);
    assert.match(parseError('').message, /unexpected end of the input .*expected a JSON value/);
  });

  it('refuses nesting deeper than maxDepth and text longer than maxLength', () => {
    const deep = `${'['.repeat(101)}${']'.repeat(101)}`;
    assert.match(parseError(deep).message, /arrays and objects nested 101 levels deep .*; expected at most 100 levels of nesting/);
    assert.equal((parse(`${'['.repeat(100)}${']'.repeat(100)}`) as unknown[]).length, 1);
    const hostile = '['.repeat(1_000_000);
    assert.match(parseError(hostile, { maxLength: 2_000_000, maxDepth: 100 }).message, /nested 101 levels deep/);
    assert.match(parseError('[1,2,3]', { maxLength: 5, maxDepth: 100 }).message, /a JSON text of 7 characters .*; expected at most 5 characters/);
  });
});

describe('the JSON writer', () => {
  it('writes FLOATs so that they are read back as FLOATs, like Java prints doubles', () => {
    assert.equal(formatJsonFloat(1), '1.0');
    assert.equal(formatJsonFloat(-0), '-0.0');
    assert.equal(formatJsonFloat(0.5), '0.5');
    assert.equal(formatJsonFloat(1e21), '1e+21');
    assert.equal(formatJsonFloat(Number.NaN), '"NaN"');
    assert.equal(formatJsonFloat(Number.POSITIVE_INFINITY), '"Infinity"');
    assert.equal(formatJsonFloat(Number.NEGATIVE_INFINITY), '"-Infinity"');
  });

  it('round-trips integers, floats, strings, lists and maps through the parser', () => {
    const value = parse('{"i": 9223372036854775807, "f": 1.0, "s": "é\\n\\u0000", "l": [1, 2.5, null, true], "m": {"k": -3}}');
    const text = writeJson(value as never);
    assert.equal(text, '{"i":9223372036854775807,"f":1.0,"s":"é\\n\\u0000","l":[1,2.5,null,true],"m":{"k":-3}}');
    assert.deepEqual(parse(text), value);
  });
});
