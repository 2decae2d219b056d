import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapValue, Node, Path, Relationship, type Value } from '../../engine/query/values.js';
import { anyValue, hop, node, path, rel } from './conformance-case.js';
import { assertRows } from './result-comparison.js';

function passes(expected: readonly (readonly Value[])[], actual: readonly (readonly Value[])[], ordered: boolean): boolean {
  try {
    assertRows({ columns: ['c'], rows: expected, ordered }, ['c'], actual);
    return true;
  } catch (error) {
    if (error instanceof assert.AssertionError) return false;
    throw error;
  }
}

describe('conformance result comparison', () => {
  it('keeps INTEGER and FLOAT apart', () => {
    assert.equal(passes([[1n]], [[1n]], true), true);
    assert.equal(passes([[1n]], [[1]], true), false);
    assert.equal(passes([[[1n, 2]]], [[[1n, 2n]]], true), false);
  });

  it('treats NaN as equal to NaN', () => {
    assert.equal(passes([[NaN]], [[NaN]], true), true);
  });

  it('compares column names and their order', () => {
    assert.throws(() => assertRows({ columns: ['a', 'b'], rows: [], ordered: true }, ['b', 'a'], []), assert.AssertionError);
  });

  it('compares unordered rows as a multiset', () => {
    assert.equal(passes([[1n], [2n], [2n]], [[2n], [1n], [2n]], false), true);
    assert.equal(passes([[1n], [2n], [2n]], [[2n], [1n], [1n]], false), false);
    assert.equal(passes([[1n], [2n]], [[2n], [1n]], true), false);
    assert.equal(passes([[1n]], [[1n], [1n]], false), false);
  });

  it('ignores map key order but not map contents', () => {
    const actual = mapValue([['b', 2n], ['a', 1n]]);
    assert.equal(passes([[{ a: 1n, b: 2n }]], [[actual]], true), true);
    assert.equal(passes([[{ a: 1n }]], [[actual]], true), false);
    assert.equal(passes([[{ a: 1n, b: null }]], [[mapValue([['a', 1n]])]], true), false);
  });

  it('compares nodes by labels in any order and properties, not ids', () => {
    const actual = new Node(42, ['B', 'A'], mapValue([['x', 1n]]));
    assert.equal(passes([[node(['A', 'B'], { x: 1n })]], [[actual]], true), true);
    assert.equal(passes([[node(['A'], { x: 1n })]], [[actual]], true), false);
    assert.equal(passes([[node(['A', 'B'], { x: 2n })]], [[actual]], true), false);
    assert.equal(passes([[{ x: 1n }]], [[actual]], true), false);
  });

  it('compares relationships by type and properties', () => {
    const actual = new Relationship(7, 'R', 1, 2, mapValue([['w', 1.5]]));
    assert.equal(passes([[rel('R', { w: 1.5 })]], [[actual]], true), true);
    assert.equal(passes([[rel('S', { w: 1.5 })]], [[actual]], true), false);
  });

  it('compares paths including the direction of each relationship', () => {
    const a = new Node(10, ['A'], mapValue([]));
    const b = new Node(11, ['B'], mapValue([]));
    const forward = new Path([a, b], [new Relationship(5, 'R', 10, 11, mapValue([]))]);
    const backward = new Path([a, b], [new Relationship(5, 'R', 11, 10, mapValue([]))]);
    const expected = path(node(['A']), hop('->', rel('R'), node(['B'])));
    assert.equal(passes([[expected]], [[forward]], true), true);
    assert.equal(passes([[expected]], [[backward]], true), false);
  });

  it('lets anyValue match anything in its place only', () => {
    assert.equal(passes([[[anyValue, 2n]]], [[['whatever', 2n]]], true), true);
    assert.equal(passes([[[anyValue, 2n]]], [[['whatever', 3n]]], true), false);
    assert.equal(passes([[{ id: anyValue, name: 'x' }]], [[{ id: 99n, name: 'x' }]], false), true);
    assert.equal(passes([[{ id: anyValue, name: 'x' }]], [[{ name: 'x' }]], false), false);
  });
});
