import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Token, tokenize } from '../../../cypher/lexer.js';

/** kind:text per token, without the end token */
function kinds(text: string): string[] {
  return tokenize(text)
    .filter((token) => token.kind !== 'end')
    .map((token) => `${token.kind}:${token.text}`);
}

function single(text: string): Token {
  const tokens = tokenize(text);
  assert.equal(tokens.length, 2, `one token in ${text}`);
  return tokens[0]!;
}

describe('lexer', () => {
  it('gives each token its offset, end, line and column, and ends with an end token', () => {
    const tokens = tokenize('MATCH (n)\n  RETURN n');
    assert.deepEqual(
      tokens.map((token) => [token.kind, token.offset, token.end, token.line, token.column]),
      [
        ['identifier', 0, 5, 1, 1],
        ['symbol', 6, 7, 1, 7],
        ['identifier', 7, 8, 1, 8],
        ['symbol', 8, 9, 1, 9],
        ['identifier', 12, 18, 2, 3],
        ['identifier', 19, 20, 2, 10],
        ['end', 20, 20, 2, 11],
      ],
    );
    assert.deepEqual(tokens[4]!.position, { offset: 12, line: 2, column: 3 });
  });

  it('keeps keywords as identifiers with their upper-cased text; quoted names are never keywords', () => {
    const [match, quoted] = tokenize('mAtCh `MATCH`');
    assert.equal(match!.kind, 'identifier');
    assert.equal(match!.keyword, 'MATCH');
    assert.equal(match!.text, 'mAtCh');
    assert.equal(quoted!.kind, 'quotedIdentifier');
    assert.equal(quoted!.keyword, '');
    assert.equal(quoted!.text, 'MATCH');
  });

  it('reads identifiers with underscores, digits and Unicode letters', () => {
    assert.deepEqual(kinds('_a1 größe 名前 café_2'), ['identifier:_a1', 'identifier:größe', 'identifier:名前', 'identifier:café_2']);
  });

  it('reads backtick names with doubled backticks and any characters', () => {
    assert.equal(single('`weird name`').text, 'weird name');
    assert.equal(single('`a``b`').text, 'a`b');
    assert.equal(single('`line\nbreak, (parens) and $`').text, 'line\nbreak, (parens) and $');
  });

  it('reads strings with every escape, in both quotes', () => {
    const cases: [string, string][] = [
      ["'plain'", 'plain'],
      ['"plain"', 'plain'],
      ["'\\t\\n\\r\\b\\f\\\\'", '\t\n\r\b\f\\'],
      ["'\\T\\N'", '\t\n'],
      ["'\\'q\\''", "'q'"],
      ['"\\"q\\""', '"q"'],
      ["'\"'", '"'],
      ['"\'"', "'"],
      ["'\\u0041\\u00e9'", 'Aé'],
      ["'\\U0001F600'", '😀'],
      ["''", ''],
    ];
    for (const [text, value] of cases) {
      const token = single(text);
      assert.equal(token.kind, 'string', text);
      assert.equal(token.text, value, text);
      assert.equal(token.end, text.length, text);
    }
  });

  it('counts lines inside strings, names and comments', () => {
    const tokens = tokenize("'a\nb' /* c\nd */ `e\nf` x");
    assert.deepEqual(tokens.map((token) => [token.line, token.column]), [[1, 1], [3, 6], [4, 4], [4, 5]]);
  });

  it('reads integers in three bases as unsigned bigints, floats as numbers', () => {
    const cases: [string, 'integer' | 'float', bigint | number][] = [
      ['0', 'integer', 0n],
      ['42', 'integer', 42n],
      ['0x2A', 'integer', 42n],
      ['0XfF', 'integer', 255n],
      ['0o52', 'integer', 42n],
      ['052', 'integer', 42n],
      ['9223372036854775808', 'integer', 2n ** 63n],
      ['1.5', 'float', 1.5],
      ['.5', 'float', 0.5],
      ['1e3', 'float', 1000],
      ['1E+3', 'float', 1000],
      ['1.5e-3', 'float', 0.0015],
      ['0.0', 'float', 0],
    ];
    for (const [text, kind, value] of cases) {
      const token = single(text);
      assert.equal(token.kind, kind, text);
      assert.equal(token.number, value, text);
      assert.equal(token.text, text);
    }
  });

  it('reads 1..3 as a range and not as a float', () => {
    assert.deepEqual(kinds('*1..3'), ['symbol:*', 'integer:1', 'symbol:..', 'integer:3']);
    assert.deepEqual(kinds('[..5]'), ['symbol:[', 'symbol:..', 'integer:5', 'symbol:]']);
    assert.deepEqual(kinds('n.x'), ['identifier:n', 'symbol:.', 'identifier:x']);
  });

  it('reads parameters by name, by number and quoted', () => {
    assert.deepEqual(kinds('$name $0 $12 $`odd name` $ünï'), ['parameter:name', 'parameter:0', 'parameter:12', 'parameter:odd name', 'parameter:ünï']);
    assert.equal(single('$`x`').end, 4);
  });

  it('reads every operator, longest first, and leaves arrows to the parser', () => {
    assert.deepEqual(kinds('=~ <> != <= >= .. += ( ) [ ] { } , . : | ; = < > + - * / % ^').map((kind) => kind.slice(7)), [
      '=~', '<>', '!=', '<=', '>=', '..', '+=', '(', ')', '[', ']', '{', '}', ',', '.', ':', '|', ';', '=', '<', '>', '+', '-', '*', '/', '%', '^',
    ]);
    assert.deepEqual(kinds('<-->'), ['symbol:<', 'symbol:-', 'symbol:-', 'symbol:>']);
    assert.deepEqual(kinds('a<-1'), ['identifier:a', 'symbol:<', 'symbol:-', 'integer:1']);
  });

  it('skips whitespace of every kind and both comment forms', () => {
    assert.deepEqual(kinds('a\t\r\n\f\u00a0\u3000b // c d\ne /* f\ng */ h//'), ['identifier:a', 'identifier:b', 'identifier:e', 'identifier:h']);
    assert.deepEqual(kinds('a/**/b'), ['identifier:a', 'identifier:b']);
    assert.deepEqual(kinds('a / b'), ['identifier:a', 'symbol:/', 'identifier:b']);
  });

  it('handles an empty statement and one of only comments', () => {
    assert.deepEqual(kinds(''), []);
    assert.deepEqual(kinds('  // nothing\n/* here */ '), []);
  });
});
