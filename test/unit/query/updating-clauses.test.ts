import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { Node } from '../../../engine/query/values.js';
import { openQueryFixture, type QueryFixture } from './query-fixture.js';

describe('updating clauses', () => {
  let fixture: QueryFixture | undefined;
  const open = async (): Promise<QueryFixture> => (fixture = await openQueryFixture());
  beforeEach(async () => {
    await fixture?.close();
    await open();
  });
  after(() => fixture?.close());
  const f = (): QueryFixture => fixture!;

  it('CREATE counts what it creates', async () => {
    const result = await f().run("CREATE (a:A:B {x: 1, y: null})-[:R {w: 2}]->(b:A), (b)<-[:S]-(a) RETURN a.x, b");
    assert.equal(result.rows.length, 1);
    assert.equal(result.statistics.nodes_created, 2);
    assert.equal(result.statistics.relationships_created, 2);
    assert.equal(result.statistics.labels_added, 3);
    assert.equal(result.statistics.properties_set, 2);
    assert.equal(result.statistics.contains_updates, true);
    assert.deepEqual((result.rows[0]![1] as Node).labels, ['A']);
  });

  it('a statement that fails half way leaves nothing once the transaction is rolled back', async () => {
    await f().run('CREATE (:Keep {v: 1})');
    await assert.rejects(f().run('MATCH (k:Keep) SET k.v = 2 CREATE (:New) WITH k RETURN 1 / 0'), { code: 'Neo.ClientError.Statement.ArithmeticError' });
    assert.deepEqual(await f().rows('MATCH (n) RETURN labels(n), n.v'), [[['Keep'], 1n]]);
  });

  it('a node deleted while relationships remain is refused at the end of the statement', async () => {
    await f().run('CREATE (a:A)-[:R]->(b:B), (a)-[:R]->(b)');
    await assert.rejects(f().run('MATCH (a:A) DELETE a'), { code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    // Relationships deleted later in the same statement make the delete legal, as at commit in Neo4j.
    const result = await f().run('MATCH (a:A)-[r]->() DELETE a, r');
    assert.equal(result.statistics.nodes_deleted, 1);
    assert.equal(result.statistics.relationship_deleted, 2);
    const detached = await f().run('MATCH (n) DETACH DELETE n');
    assert.equal(detached.statistics.nodes_deleted, 1);
  });

  it('DETACH DELETE counts the relationships it removes, once each', async () => {
    await f().run('CREATE (a:A)-[:R]->(b:B), (b)-[:R]->(a), (a)-[:LOOP]->(a)');
    const result = await f().run('MATCH (n) DETACH DELETE n');
    assert.equal(result.statistics.nodes_deleted, 2);
    assert.equal(result.statistics.relationship_deleted, 3);
  });

  it('SET and REMOVE count real changes only; null targets are ignored', async () => {
    await f().run('CREATE (:P {a: 1, b: 2})');
    const set = await f().run('MATCH (p:P) SET p.a = 10, p.c = null, p:P, p:Q RETURN p.a');
    assert.deepEqual(set.rows, [[10n]]);
    assert.equal(set.statistics.properties_set, 1);
    assert.equal(set.statistics.labels_added, 1);
    const replace = await f().run('MATCH (p:P) SET p = {z: 1} RETURN keys(p)');
    assert.deepEqual(replace.rows, [[['z']]]);
    assert.equal(replace.statistics.properties_set, 3);
    const merge = await f().run('MATCH (p:P) SET p += {y: 2, z: null} RETURN keys(p)');
    assert.deepEqual(merge.rows, [[['y']]]);
    const remove = await f().run('MATCH (p:P) REMOVE p.y, p.nothing, p:Q, p:Absent');
    assert.equal(remove.statistics.properties_set, 1);
    assert.equal(remove.statistics.labels_removed, 1);
    const onNull = await f().run('OPTIONAL MATCH (x:Missing) SET x.a = 1 REMOVE x:P RETURN x');
    assert.deepEqual(onNull.rows, [[null]]);
    assert.equal(onNull.statistics.contains_updates, false);
  });

  it('MERGE matches the whole pattern or creates it, and sees what it created for earlier rows', async () => {
    const first = await f().run('UNWIND [1, 1, 2] AS i MERGE (n:M {v: i}) ON CREATE SET n.created = true ON MATCH SET n.matched = true RETURN n.v');
    assert.equal(first.statistics.nodes_created, 2);
    assert.deepEqual(await f().rows('MATCH (n:M) RETURN n.v, n.created, n.matched ORDER BY n.v'), [
      [1n, true, true],
      [2n, true, null],
    ]);
    const relationship = await f().run('MATCH (a:M {v: 1}), (b:M {v: 2}) MERGE (a)-[r:R]->(b) RETURN type(r)');
    assert.equal(relationship.statistics.relationships_created, 1);
    const again = await f().run('MATCH (a:M {v: 1}), (b:M {v: 2}) MERGE (a)-[r:R]->(b) RETURN type(r)');
    assert.equal(again.statistics.relationships_created, 0);
    await assert.rejects(f().run('MERGE (n:M {v: null})'), { code: 'Neo.ClientError.Statement.SemanticError' });
  });

  it('a MATCH followed by CREATE does not match what the CREATE makes', async () => {
    await f().run('CREATE (), ()');
    const result = await f().run('MATCH (n) CREATE ()');
    assert.equal(result.statistics.nodes_created, 2);
    const pairs = await f().run('MATCH (a), (b) CREATE (a)-[:R]->(b)');
    assert.equal(pairs.statistics.relationships_created, 16);
  });

  it('reads after writes see every write of the clause before', async () => {
    const result = await f().run('UNWIND range(1, 3) AS i CREATE (:C {i: i}) WITH i MATCH (c:C) RETURN count(*)');
    assert.deepEqual(result.rows, [[9n]]);
  });

  it('LIMIT does not stop the writes of its own query part, but does stop later ones', async () => {
    const own = await f().run('UNWIND range(1, 5) AS i CREATE (n:L {i: i}) RETURN n.i LIMIT 1');
    assert.equal(own.rows.length, 1);
    assert.equal(own.statistics.nodes_created, 5);
    const zero = await f().run('CREATE (n:Z) RETURN n LIMIT 0');
    assert.equal(zero.statistics.nodes_created, 1);
    const later = await f().run('MATCH (n:L) WITH n LIMIT 2 SET n.locked = true');
    assert.equal(later.statistics.properties_set, 2);
  });

  it('FOREACH runs its clauses per element and lets the rows through', async () => {
    const result = await f().run('WITH [1, 2, 3] AS list FOREACH (x IN list | CREATE (:F {x: x}) MERGE (:G)) RETURN size(list)');
    assert.deepEqual(result.rows, [[3n]]);
    assert.equal(result.statistics.nodes_created, 4);
    assert.deepEqual(await f().rows('MATCH (n:F) RETURN collect(n.x)'), [[[1n, 2n, 3n]]]);
  });

  it('property values that cannot be stored are type errors', async () => {
    await assert.rejects(f().run('CREATE ({p: [1, null]})'), { code: 'Neo.ClientError.Statement.TypeError', message: /null/ });
    await assert.rejects(f().run('CREATE ({p: [1, "a"]})'), { code: 'Neo.ClientError.Statement.TypeError', message: /mixed types/ });
    await assert.rejects(f().run('CREATE (n) SET n.p = [[1]]'), { code: 'Neo.ClientError.Statement.TypeError' });
  });
});
