import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fullMatchRegex } from '../../../../engine/query/expressions/regex.js';

const matches = (text: string, pattern: string): boolean => fullMatchRegex(pattern).test(text);

describe('=~ (Java regular expressions, whole string)', () => {
  it('matches the whole string only, trying every alternative', () => {
    assert.equal(matches('abc', 'b'), false);
    assert.equal(matches('abc', 'a.c'), true);
    assert.equal(matches('ab', 'a|ab'), true);
    assert.equal(matches('a\nb', '(?m)a$'), false);
  });

  it('translates Java-only syntax', () => {
    assert.equal(matches('ABC', '(?i)abc'), true);
    assert.equal(matches('a.b', '\\Qa.b\\E'), true);
    assert.equal(matches('axb', '\\Qa.b\\E'), false);
    assert.equal(matches('aaa', 'a*+'), true);
    assert.equal(matches('a+', 'a\\++'), true);
    assert.equal(matches('Hello', '\\p{Upper}\\p{Lower}+'), true);
    assert.equal(matches(']', '[]]'), true);
  });

  it('refuses an invalid pattern with an argument error', () => {
    assert.throws(() => fullMatchRegex('('), { code: 'Neo.ClientError.Statement.ArgumentError', message: /^Invalid Regex/ });
  });
});
