import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { equals, equivalenceKey } from '../../../../engine/query/expressions/equality.js';
import { compareValues, orderValues } from '../../../../engine/query/expressions/ordering.js';
import { NodeRef, RelRef, newMap, type RuntimeValue } from '../../../../engine/query/runtime-values.js';

function map(entries: Record<string, RuntimeValue>): RuntimeValue {
  return Object.assign(newMap(), entries);
}

describe('equals (=)', () => {
  it('is null when either side is null, and for lists and maps that only differ by nulls', () => {
    assert.equal(equals(null, null), null);
    assert.equal(equals(1n, null), null);
    assert.equal(equals([1n, null], [1n, null]), null);
    assert.equal(equals([1n, null], [2n, null]), false);
    assert.equal(equals([1n], [1n, null]), false);
    assert.equal(equals(map({ a: null }), map({ a: null })), null);
    assert.equal(equals(map({ a: 1n }), map({ b: 1n })), false);
  });

  it('compares numbers by value across INTEGER and FLOAT, exactly', () => {
    assert.equal(equals(1n, 1.0), true);
    assert.equal(equals(9007199254740993n, 9007199254740992), false);
    assert.equal(equals(NaN, NaN), false);
    assert.equal(equals(1n, '1'), false);
  });

  it('compares entities by id', () => {
    assert.equal(equals(new NodeRef(1), new NodeRef(1)), true);
    assert.equal(equals(new NodeRef(1), new RelRef(1, 'T', 0, 0)), false);
  });
});

describe('equivalence (DISTINCT, grouping)', () => {
  it('treats null as null, NaN as NaN and 1 as 1.0, and keeps everything else apart', () => {
    assert.equal(equivalenceKey(null), equivalenceKey(null));
    assert.equal(equivalenceKey(NaN), equivalenceKey(NaN));
    assert.equal(equivalenceKey(1n), equivalenceKey(1.0));
    assert.equal(equivalenceKey([1n, 'a']), equivalenceKey([1.0, 'a']));
    assert.equal(equivalenceKey(map({ a: 1n, b: 2n })), equivalenceKey(map({ b: 2n, a: 1n })));
    assert.notEqual(equivalenceKey('1'), equivalenceKey(1n));
    assert.notEqual(equivalenceKey(['a,b']), equivalenceKey(['a', 'b']));
    assert.notEqual(equivalenceKey(true), equivalenceKey('true'));
  });
});

describe('comparison (<, >)', () => {
  it('compares like with like and is null across types', () => {
    assert.equal(compareValues(1n, 2.5)! < 0, true);
    assert.equal(compareValues('b', 'a')! > 0, true);
    assert.equal(compareValues(false, true)! < 0, true);
    assert.equal(compareValues([1n, 2n], [1n, 3n])! < 0, true);
    assert.equal(compareValues(1n, '1'), null);
    assert.equal(compareValues(null, 1n), null);
    assert.ok(Number.isNaN(compareValues(NaN, 1n)));
  });
});

describe('orderability (ORDER BY, min, max)', () => {
  it('orders maps < nodes < relationships < lists < paths < strings < booleans < numbers < NaN < null', () => {
    const values: RuntimeValue[] = [null, NaN, 2n, 1.5, true, false, 'b', 'a', [1n], new RelRef(0, 'T', 0, 0), new NodeRef(0), map({ a: 1n })];
    const sorted = [...values].sort(orderValues);
    assert.deepEqual(sorted.map((value) => (value instanceof NodeRef ? 'node' : value instanceof RelRef ? 'rel' : value)), [
      map({ a: 1n }),
      'node',
      'rel',
      [1n],
      'a',
      'b',
      false,
      true,
      1.5,
      2n,
      NaN,
      null,
    ]);
  });
});
