import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Path } from '../../../engine/query/values.js';
import { openQueryFixture, type QueryFixture } from './query-fixture.js';

/**
 * a -> b -> c -> a (a triangle of :E), a -[:LOOP]-> a, and d alone.
 */
describe('pattern matching', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await openQueryFixture();
    await fixture.run(`CREATE (a:T {n: 'a'})-[:E]->(b:T {n: 'b'})-[:E]->(c:T {n: 'c'})-[:E]->(a), (a)-[:LOOP]->(a), (:T:Alone {n: 'd'})`);
  });
  after(() => fixture.close());
  const rows = (statement: string, parameters = {}): ReturnType<QueryFixture['rows']> => fixture.rows(statement, parameters);

  it('follows directions, and undirected patterns both ways', async () => {
    assert.deepEqual(await rows("MATCH (:T {n: 'a'})-[:E]->(x) RETURN x.n"), [['b']]);
    assert.deepEqual(await rows("MATCH (:T {n: 'a'})<-[:E]-(x) RETURN x.n"), [['c']]);
    assert.deepEqual(await rows("MATCH (:T {n: 'a'})-[:E]-(x) RETURN x.n ORDER BY x.n"), [['b'], ['c']]);
    assert.deepEqual(await rows('MATCH ()-[r:E]-() RETURN count(r)'), [[6n]]);
  });

  it('matches a self-loop once, undirected or not', async () => {
    assert.deepEqual(await rows('MATCH (x)-[:LOOP]-(y) RETURN x.n, y.n'), [['a', 'a']]);
    assert.deepEqual(await rows('MATCH (x)-[:LOOP]->(x) RETURN x.n'), [['a']]);
  });

  it('never uses a relationship twice in one MATCH, but may across MATCHes', async () => {
    assert.deepEqual(await rows('MATCH (x)-[:E]->(y)-[:E]->(z)-[:E]->(w) RETURN count(*)'), [[3n]]);
    assert.deepEqual(await rows('MATCH (x)-[:E]->(y), (y)<-[:E]-(x) RETURN count(*)'), [[0n]]);
    assert.deepEqual(await rows('MATCH (x)-[:E]->(y) MATCH (y)<-[:E]-(x) RETURN count(*)'), [[3n]]);
  });

  it('expands variable lengths with per-path uniqueness and bounds', async () => {
    assert.deepEqual(await rows("MATCH (:T {n: 'a'})-[:E*]->(x) RETURN x.n"), [['b'], ['c'], ['a']]);
    assert.deepEqual(await rows("MATCH (:T {n: 'a'})-[:E*0..1]->(x) RETURN x.n"), [['a'], ['b']]);
    assert.deepEqual(await rows("MATCH (:T {n: 'a'})-[r:E*2]->(x) RETURN x.n, size(r)"), [['c', 2n]]);
    assert.deepEqual(await rows("MATCH (a:T {n: 'a'}), (c:T {n: 'c'}) MATCH (a)-[:E*..5]->(c) RETURN count(*)"), [[1n]]);
  });

  it('binds named paths in the direction written', async () => {
    const [[path]] = (await rows("MATCH p = (:T {n: 'c'})<-[:E]-(:T {n: 'b'})<-[:E*1..1]-(x) RETURN p")) as [[Path]];
    assert.ok(path instanceof Path);
    assert.deepEqual(
      path.nodes.map((node) => node.properties['n']),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(await rows("MATCH p = (x:T {n: 'd'}) RETURN length(p), nodes(p)[0].n"), [[0n, 'd']]);
  });

  it('applies WHERE with null semantics and label tests', async () => {
    assert.deepEqual(await rows('MATCH (x) WHERE x:Alone RETURN x.n'), [['d']]);
    assert.deepEqual(await rows('MATCH (x:T) WHERE x.missing = 1 OR x.n = $n RETURN x.n', { n: 'b' }), [['b']]);
    assert.deepEqual(await rows('MATCH (x:T) WHERE NOT x.missing = 1 RETURN count(x)'), [[0n]]);
    assert.deepEqual(await rows("MATCH (x)-[:E]->(y) WHERE y.n > x.n RETURN x.n + y.n ORDER BY x.n"), [['ab'], ['bc']]);
  });

  it('looks nodes up by id', async () => {
    const [[id]] = (await rows("MATCH (x:T {n: 'c'}) RETURN id(x)")) as [[bigint]];
    assert.deepEqual(await rows('MATCH (x) WHERE id(x) = $id RETURN x.n', { id }), [['c']]);
    assert.deepEqual(await rows('MATCH (x) WHERE id(x) IN [$id, -1, 999] RETURN x.n', { id }), [['c']]);
  });

  it('OPTIONAL MATCH keeps the row with nulls, and its WHERE only filters the optional part', async () => {
    assert.deepEqual(await rows("MATCH (x:Alone) OPTIONAL MATCH (x)-[r]->(y) RETURN x.n, r, y"), [['d', null, null]]);
    assert.deepEqual(await rows("MATCH (x:T {n: 'a'}) OPTIONAL MATCH (x)-[:E]->(y) WHERE y.n = 'zzz' RETURN x.n, y"), [['a', null]]);
    assert.deepEqual(await rows('OPTIONAL MATCH (x:Missing) OPTIONAL MATCH (x)-->(y) RETURN x, y'), [[null, null]]);
  });

  it('a variable bound to something else than a node is a type error', async () => {
    await assert.rejects(fixture.run('WITH 1 AS x MATCH (x)-->() RETURN x'), { code: 'Neo.ClientError.Statement.TypeError' });
  });
});

describe('LIMIT', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await openQueryFixture();
    await fixture.run('UNWIND range(1, 100) AS i CREATE (:N {i: i})');
  });
  after(() => fixture.close());

  it('stops the match before it as soon as it has its rows', async () => {
    // 100^4 combinations: only stopping early makes this finish (and stay under maxRows).
    const tx = fixture.database.beginTransaction('READ');
    try {
      const before = tx.storeRecordsRead;
      const result = await fixture.engine.run(tx, 'MATCH (a), (b), (c), (d) RETURN a.i, b.i LIMIT 3', {});
      assert.equal(result.rows.length, 3);
      assert.ok(tx.storeRecordsRead - before < 100_000, `read ${tx.storeRecordsRead - before} records`);
    } finally {
      tx.rollback();
    }
  });
});
