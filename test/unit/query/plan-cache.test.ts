import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlanCache } from '../../../engine/query/plan-cache.js';
import { openQueryFixture } from './query-fixture.js';

describe('the plan cache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new PlanCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('parses a statement text once, whatever its parameters', async () => {
    const fixture = await openQueryFixture();
    try {
      const statement = 'RETURN $x + 1 AS y';
      const info = fixture.engine.info(statement);
      assert.deepEqual(info.parameters, ['x']);
      assert.deepEqual(await fixture.rows(statement, { x: 1n }), [[2n]]);
      assert.deepEqual(await fixture.rows(statement, { x: 41n }), [[42n]]);
      assert.equal(fixture.engine.info(statement), info, 'the cached analysis of the same parse');
    } finally {
      await fixture.close();
    }
  });
});
