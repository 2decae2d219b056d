import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareNumbers, divide, formatFloat, modulo, negate } from '../../../../engine/query/expressions/numbers.js';

describe('numbers', () => {
  it('writes floats as Java does', () => {
    assert.equal(formatFloat(1), '1.0');
    assert.equal(formatFloat(-0), '-0.0');
    assert.equal(formatFloat(0.001), '0.001');
    assert.equal(formatFloat(0.0001), '1.0E-4');
    assert.equal(formatFloat(1234567.5), '1234567.5');
    assert.equal(formatFloat(1e7), '1.0E7');
    assert.equal(formatFloat(1.25e-7), '1.25E-7');
    assert.equal(formatFloat(NaN), 'NaN');
    assert.equal(formatFloat(-Infinity), '-Infinity');
  });

  it('compares INTEGER with FLOAT without rounding the integer', () => {
    assert.equal(compareNumbers(9007199254740993n, 9007199254740992), 1);
    assert.equal(compareNumbers(2.5, 2n), 1);
    assert.equal(compareNumbers(-2.5, -2n), -1);
    assert.equal(compareNumbers(3n, 3.0), 0);
    assert.ok(Number.isNaN(compareNumbers(1n, NaN)));
  });

  it('divides and takes remainders as Java does, refusing integer zero and overflow', () => {
    assert.equal(divide(-7n, 2n), -3n);
    assert.equal(modulo(-7n, 3n), -1n);
    assert.equal(modulo(7.5, 2n), 1.5);
    assert.throws(() => divide(1n, 0n), { code: 'Neo.ClientError.Statement.ArithmeticError', message: '/ by zero' });
    assert.throws(() => negate(-9223372036854775808n), { code: 'Neo.ClientError.Statement.ArithmeticError', message: 'long overflow' });
  });
});
