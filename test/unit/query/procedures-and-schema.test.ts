import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { openQueryFixture, type QueryFixture } from './query-fixture.js';

describe('procedures', () => {
  let fixture: QueryFixture | undefined;
  beforeEach(async () => {
    await fixture?.close();
    fixture = await openQueryFixture();
    await fixture.run("CREATE (:Person {name: 'a'})-[:KNOWS {since: 1}]->(:City)");
  });
  after(() => fixture?.close());

  it('answers dbms.components() as Neo4j 4.4 enterprise', async () => {
    const result = await fixture!.run('CALL dbms.components()');
    assert.deepEqual(result.columns, ['name', 'versions', 'edition']);
    assert.deepEqual(result.rows, [['Neo4j Kernel', ['4.4.0'], 'enterprise']]);
  });

  it('lists labels, relationship types and property keys', async () => {
    assert.deepEqual((await fixture!.run('CALL db.labels()')).rows, [['Person'], ['City']]);
    assert.deepEqual((await fixture!.run('CALL db.relationshipTypes()')).rows, [['KNOWS']]);
    const keys = await fixture!.run('CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey ORDER BY propertyKey');
    assert.deepEqual(keys.rows, [['name'], ['since']]);
  });

  it('YIELDs chosen columns under aliases, filtered by WHERE, inside a larger query', async () => {
    const result = await fixture!.run("CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'P' MATCH (n) WHERE l IN labels(n) RETURN l, count(n)");
    assert.deepEqual(result.columns, ['l', 'count(n)']);
    assert.deepEqual(result.rows, [['Person', 1n]]);
    await assert.rejects(fixture!.run('CALL db.labels() YIELD nothing RETURN nothing'), { code: 'Neo.ClientError.Statement.SemanticError' });
  });

  it('lists indexes with Neo4j 4.x db.indexes() columns', async () => {
    await fixture!.run('CREATE INDEX person_name FOR (n:Person) ON (n.name)');
    const result = await fixture!.run('CALL db.indexes()');
    assert.deepEqual(result.columns, ['id', 'name', 'state', 'populationPercent', 'uniqueness', 'type', 'entityType', 'labelsOrTypes', 'properties', 'provider']);
    assert.deepEqual(result.rows[0]!.slice(1), ['person_name', 'ONLINE', 100, 'NONUNIQUE', 'BTREE', 'NODE', ['Person'], ['name'], 'native-btree-1.0']);
  });
});

describe('schema commands', () => {
  let fixture: QueryFixture | undefined;
  beforeEach(async () => {
    await fixture?.close();
    fixture = await openQueryFixture();
  });
  after(() => fixture?.close());

  it('creates, shows and drops indexes in both syntaxes, counting them', async () => {
    const created = await fixture!.run('CREATE INDEX ON :Person(name)');
    assert.equal(created.statistics.indexes_added, 1);
    assert.equal(created.statistics.contains_updates, true);
    await fixture!.run('CREATE INDEX city_name IF NOT EXISTS FOR (c:City) ON (c.name)');
    const again = await fixture!.run('CREATE INDEX city_name IF NOT EXISTS FOR (c:City) ON (c.name)');
    assert.equal(again.statistics.indexes_added, 0);
    const shown = await fixture!.run('SHOW INDEXES');
    assert.deepEqual(shown.columns, ['id', 'name', 'state', 'populationPercent', 'uniqueness', 'type', 'entityType', 'labelsOrTypes', 'properties', 'indexProvider']);
    assert.deepEqual(
      shown.rows.map((row) => [row[1], row[7], row[8]]),
      [
        ['city_name', ['City'], ['name']],
        ['index_Person_name', ['Person'], ['name']],
      ],
    );
    assert.equal((await fixture!.run('DROP INDEX ON :Person(name)')).statistics.indexes_removed, 1);
    assert.equal((await fixture!.run('DROP INDEX city_name')).statistics.indexes_removed, 1);
    assert.equal((await fixture!.run('DROP INDEX city_name IF EXISTS')).statistics.indexes_removed, 0);
    await assert.rejects(fixture!.run('DROP INDEX city_name'), { code: 'Neo.DatabaseError.Schema.IndexDropFailed' });
    assert.deepEqual((await fixture!.run('SHOW INDEXES')).rows, []);
  });

  it('creates and drops uniqueness constraints, which then refuse duplicates', async () => {
    const created = await fixture!.run('CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE');
    assert.equal(created.statistics.constraints_added, 1);
    await fixture!.run('CREATE (:Person {id: 1})');
    await assert.rejects(fixture!.run('CREATE (:Person {id: 1})'), { code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    const shown = await fixture!.run('SHOW CONSTRAINTS');
    assert.deepEqual(shown.columns, ['id', 'name', 'type', 'entityType', 'labelsOrTypes', 'properties', 'ownedIndexId']);
    assert.deepEqual(shown.rows[0]!.slice(1, 6), ['person_id', 'UNIQUENESS', 'NODE', ['Person'], ['id']]);
    await assert.rejects(fixture!.run('CREATE CONSTRAINT ON (p:Person) ASSERT p.id IS UNIQUE'), { code: 'Neo.ClientError.Schema.ConstraintAlreadyExists' });
    assert.equal((await fixture!.run('DROP CONSTRAINT ON (p:Person) ASSERT p.id IS UNIQUE')).statistics.constraints_removed, 1);
    await assert.rejects(fixture!.run('DROP CONSTRAINT person_id'), { code: 'Neo.DatabaseError.Schema.ConstraintDropFailed' });
    await fixture!.run('CREATE (:Person {id: 1})');
    await assert.rejects(fixture!.run('CREATE CONSTRAINT FOR (p:Person) REQUIRE p.id IS UNIQUE'), { code: 'Neo.DatabaseError.Schema.ConstraintCreationFailed' });
  });

  it('refuses an index that clashes with another by schema or by name', async () => {
    await fixture!.run('CREATE INDEX taken FOR (n:Person) ON (n.name)');
    await assert.rejects(fixture!.run('CREATE INDEX taken FOR (n:Person) ON (n.name)'), { code: 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists' });
    await assert.rejects(fixture!.run('CREATE INDEX other FOR (n:Person) ON (n.name)'), { code: 'Neo.ClientError.Schema.IndexAlreadyExists' });
    await assert.rejects(fixture!.run('CREATE INDEX taken FOR (n:Person) ON (n.age)'), { code: 'Neo.ClientError.Schema.IndexWithNameAlreadyExists' });
  });
});
