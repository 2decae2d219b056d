import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openQueryFixture, type QueryFixture } from './query-fixture.js';

describe('WITH, RETURN and aggregation', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await openQueryFixture();
    await fixture.run(`UNWIND [['a', 1], ['a', 2], ['b', 5], ['c', null]] AS pair CREATE (:R {k: pair[0], v: pair[1]})`);
  });
  after(() => fixture.close());
  const rows = (statement: string): ReturnType<QueryFixture['rows']> => fixture.rows(statement);

  it('groups by the non-aggregating items', async () => {
    assert.deepEqual(await rows('MATCH (r:R) RETURN r.k AS k, count(*) AS n, count(r.v) AS nv, sum(r.v) AS s, collect(r.v) AS vs ORDER BY k'), [
      ['a', 2n, 2n, 3n, [1n, 2n]],
      ['b', 1n, 1n, 5n, [5n]],
      ['c', 1n, 0n, 0n, []],
    ]);
  });

  it('aggregates over no rows: one row without grouping keys, none with', async () => {
    assert.deepEqual(await rows('MATCH (x:Missing) RETURN count(*), count(x), sum(x.v), avg(x.v), min(x.v), max(x.v), collect(x)'), [[0n, 0n, 0n, null, null, null, []]]);
    assert.deepEqual(await rows('MATCH (x:Missing) RETURN x.k, count(*)'), []);
  });

  it('averages as FLOAT and sums INTEGER until a FLOAT comes', async () => {
    assert.deepEqual(await rows('UNWIND [1, 2] AS x RETURN avg(x), sum(x)'), [[1.5, 3n]]);
    assert.deepEqual(await rows('UNWIND [1, 2.5] AS x RETURN sum(x)'), [[3.5]]);
    await assert.rejects(fixture.run('UNWIND [9223372036854775807, 1] AS x RETURN sum(x)'), { code: 'Neo.ClientError.Statement.ArithmeticError' });
  });

  it('takes min and max across types by orderability', async () => {
    assert.deepEqual(await rows("UNWIND [1, 'a', true, null, [1]] AS x RETURN min(x), max(x)"), [[[1n], 1n]]);
  });

  it('counts DISTINCT values, 1 and 1.0 being one', async () => {
    assert.deepEqual(await rows("UNWIND [1, 1.0, 2, null, 'x', 'x'] AS x RETURN count(DISTINCT x), collect(DISTINCT x)"), [[3n, [1n, 2n, 'x']]]);
  });

  it('evaluates expressions around aggregates, reading grouping keys', async () => {
    assert.deepEqual(await rows("MATCH (r:R) WHERE r.k <> 'c' RETURN r.k, r.k + ':' + toString(count(*) * 10) AS label ORDER BY r.k"), [
      ['a', 'a:20'],
      ['b', 'b:10'],
    ]);
    assert.deepEqual(await rows('MATCH (r:R) RETURN r.k, count(*) ORDER BY count(*) DESC, r.k LIMIT 1'), [['a', 2n]]);
  });

  it('keeps DISTINCT rows once and UNION rows once, UNION ALL every time', async () => {
    assert.deepEqual(await rows('MATCH (r:R) RETURN DISTINCT r.k ORDER BY r.k'), [['a'], ['b'], ['c']]);
    assert.deepEqual(await rows('RETURN 1 AS x, 2 AS y UNION RETURN 1 AS x, 2.0 AS y UNION RETURN 1 AS x, 3 AS y'), [
      [1n, 2n],
      [1n, 3n],
    ]);
    assert.deepEqual(await rows('RETURN 1 AS x UNION ALL RETURN 1 AS x'), [[1n], [1n]]);
  });

  it('orders across types with nulls last, and SKIP/LIMIT page through', async () => {
    assert.deepEqual(await rows("UNWIND [2, null, 'b', 1.5, false] AS x RETURN x ORDER BY x"), [['b'], [false], [1.5], [2n], [null]]);
    assert.deepEqual(await rows("UNWIND [2, null, 'b', 1.5, false] AS x RETURN x ORDER BY x DESC SKIP 1 LIMIT 2"), [[2n], [1.5]]);
  });

  it('lets ORDER BY read variables the projection dropped, and WITH ... WHERE filter after LIMIT', async () => {
    assert.deepEqual(await rows('MATCH (r:R) WHERE r.v IS NOT NULL RETURN r.k ORDER BY r.v DESC'), [['b'], ['a'], ['a']]);
    assert.deepEqual(await rows('UNWIND range(1, 10) AS x WITH x ORDER BY x DESC LIMIT 3 WHERE x % 2 = 0 RETURN collect(x)'), [[[10n, 8n]]]);
  });

  it('names RETURN * columns in variable order', async () => {
    const result = await fixture.run('WITH 1 AS b, 2 AS a RETURN *, a + b AS c');
    assert.deepEqual(result.columns, ['a', 'b', 'c']);
    assert.deepEqual(result.rows, [[2n, 1n, 3n]]);
  });

  it('UNWIND makes no row of null, a row of a non-list, and a row per element', async () => {
    assert.deepEqual(await rows('UNWIND null AS x RETURN x'), []);
    assert.deepEqual(await rows('UNWIND 5 AS x RETURN x'), [[5n]]);
    assert.deepEqual(await rows('UNWIND [[1, 2], []] AS l UNWIND l AS x RETURN x'), [[1n], [2n]]);
  });
});
