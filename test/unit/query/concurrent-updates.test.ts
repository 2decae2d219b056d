/**
 * `SET n.v = n.v + 1` from many transactions at once: SET takes the node's write lock
 * before it reads the old value, so no increment is lost (Neo4j's behaviour).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openQueryFixture, type QueryFixture } from './query-fixture.js';

describe('concurrent updates through Cypher', () => {
  let fixture: QueryFixture;
  before(async () => {
    fixture = await openQueryFixture();
  });
  after(async () => {
    await fixture.close();
  });

  it('loses no increment of a property read and written by the same SET', async () => {
    await fixture.run('CREATE (:Counter {v: 0}), (:Counter {name: "map", v: 0})');
    await Promise.all(
      Array.from({ length: 25 }, () => fixture.run('MATCH (c:Counter) WHERE c.name IS NULL SET c.v = c.v + 1')),
    );
    await Promise.all(
      Array.from({ length: 25 }, () => fixture.run('MATCH (c:Counter {name: "map"}) SET c += {v: c.v + 1}')),
    );
    assert.deepEqual(await fixture.rows('MATCH (c:Counter) RETURN c.name, c.v ORDER BY c.name'), [
      ['map', 25n],
      [null, 25n],
    ]);
  });
});
