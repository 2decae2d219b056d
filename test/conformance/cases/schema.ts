import { anyValue, type ConformanceCase, type ExpectedRows } from '../conformance-case.js';

const indexColumns = ['id', 'name', 'state', 'populationPercent', 'uniqueness', 'type', 'entityType', 'labelsOrTypes', 'properties', 'indexProvider'];
const constraintColumns = ['id', 'name', 'type', 'entityType', 'labelsOrTypes', 'properties', 'ownedIndexId'];

/** SHOW INDEXES as Neo4j 4.4 answers it for single-property B-tree indexes on nodes. */
function showIndexes(...indexes: readonly { name: string | typeof anyValue; label: string; property: string; unique?: boolean }[]): { query: string; expected: ExpectedRows } {
  return {
    query: 'SHOW INDEXES',
    expected: {
      columns: indexColumns,
      rows: indexes.map((index) => [
        anyValue,
        index.name,
        'ONLINE',
        100,
        index.unique === true ? 'UNIQUE' : 'NONUNIQUE',
        'BTREE',
        'NODE',
        [index.label],
        [index.property],
        'native-btree-1.0',
      ]),
      ordered: false,
    },
  };
}

function showConstraints(...constraints: readonly { name: string | typeof anyValue; label: string; property: string }[]): { query: string; expected: ExpectedRows } {
  return {
    query: 'SHOW CONSTRAINTS',
    expected: {
      columns: constraintColumns,
      rows: constraints.map((constraint) => [anyValue, constraint.name, 'UNIQUENESS', 'NODE', [constraint.label], [constraint.property], anyValue]),
      ordered: false,
    },
  };
}

const none: ExpectedRows = { columns: [], rows: [], ordered: true };
const personIdConstraint = 'CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE';
const people = `CREATE (:Person {name: 'Ann', age: 30}), (:Person {name: 'Bob', age: 41}), (:Person {name: 'Cid'}), (:Robot {name: 'Ann'})`;

export const cases: ConformanceCase[] = [
  // ---------------------------------------------------------------- indexes
  {
    name: 'CREATE INDEX name FOR (n:L) ON (n.p)',
    query: 'CREATE INDEX person_name FOR (n:Person) ON (n.name)',
    expected: none,
    stats: { indexes_added: 1 },
    after: showIndexes({ name: 'person_name', label: 'Person', property: 'name' }),
  },
  {
    name: 'CREATE INDEX without a name gets one',
    query: 'CREATE INDEX FOR (n:Person) ON (n.name)',
    expected: none,
    stats: { indexes_added: 1 },
    after: showIndexes({ name: anyValue, label: 'Person', property: 'name' }),
  },
  {
    name: 'CREATE INDEX ON :L(p), the 3.x form',
    query: 'CREATE INDEX ON :Person(name)',
    expected: none,
    stats: { indexes_added: 1 },
    after: showIndexes({ name: anyValue, label: 'Person', property: 'name' }),
  },
  {
    name: 'CREATE INDEX IF NOT EXISTS creates a missing index',
    query: 'CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)',
    expected: none,
    stats: { indexes_added: 1 },
  },
  {
    name: 'CREATE INDEX IF NOT EXISTS on an existing index does nothing',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)'],
    query: 'CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)',
    expected: none,
    stats: { indexes_added: 0 },
    after: showIndexes({ name: 'person_name', label: 'Person', property: 'name' }),
  },
  {
    name: 'CREATE INDEX of an equivalent index is an error',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)'],
    query: 'CREATE INDEX person_name FOR (n:Person) ON (n.name)',
    expected: { error: 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists' },
  },
  {
    name: 'CREATE INDEX ON :L(p) twice is an error',
    setup: ['CREATE INDEX ON :Person(name)'],
    query: 'CREATE INDEX ON :Person(name)',
    expected: { error: 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists' },
  },
  {
    name: 'CREATE INDEX under another name on an indexed schema is an error',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)'],
    query: 'CREATE INDEX other_name FOR (n:Person) ON (n.name)',
    expected: { error: 'Neo.ClientError.Schema.IndexAlreadyExists' },
  },
  {
    name: 'CREATE INDEX with a name already taken is an error',
    setup: ['CREATE INDEX taken FOR (n:Person) ON (n.name)'],
    query: 'CREATE INDEX taken FOR (n:Person) ON (n.age)',
    expected: { error: 'Neo.ClientError.Schema.IndexWithNameAlreadyExists' },
    after: showIndexes({ name: 'taken', label: 'Person', property: 'name' }),
  },
  {
    name: 'SHOW INDEXES with no indexes',
    query: 'SHOW INDEXES',
    expected: { columns: indexColumns, rows: [], ordered: true },
  },
  {
    name: 'SHOW INDEXES lists several indexes',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)', 'CREATE INDEX city_name FOR (n:City) ON (n.name)'],
    ...showIndexes({ name: 'person_name', label: 'Person', property: 'name' }, { name: 'city_name', label: 'City', property: 'name' }),
  },
  {
    name: 'SHOW INDEXES lists the index that backs a uniqueness constraint',
    setup: [personIdConstraint],
    ...showIndexes({ name: 'person_id', label: 'Person', property: 'id', unique: true }),
  },
  {
    name: 'DROP INDEX name',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)'],
    query: 'DROP INDEX person_name',
    expected: none,
    stats: { indexes_removed: 1 },
    after: { query: 'SHOW INDEXES', expected: { columns: indexColumns, rows: [], ordered: true } },
  },
  {
    name: 'DROP INDEX ON :L(p), the 3.x form',
    setup: ['CREATE INDEX ON :Person(name)'],
    query: 'DROP INDEX ON :Person(name)',
    expected: none,
    stats: { indexes_removed: 1 },
    after: { query: 'SHOW INDEXES', expected: { columns: indexColumns, rows: [], ordered: true } },
  },
  {
    name: 'DROP INDEX of a missing index is an error',
    query: 'DROP INDEX missing',
    expected: { error: 'Neo.DatabaseError.Schema.IndexDropFailed' },
  },
  {
    name: 'DROP INDEX IF EXISTS of a missing index does nothing',
    query: 'DROP INDEX missing IF EXISTS',
    expected: none,
    stats: { indexes_removed: 0 },
  },

  // ---------------------------------------------------------------- lookups through an index
  {
    name: 'MATCH by an indexed property with a parameter',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)', people],
    query: 'MATCH (n:Person {name: $name}) RETURN n.age',
    parameters: { name: 'Ann' },
    expected: { columns: ['n.age'], rows: [[30n]], ordered: true },
  },
  {
    name: 'WHERE equality on an indexed property',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)', people],
    query: "MATCH (n:Person) WHERE n.name = 'Bob' RETURN n.age",
    expected: { columns: ['n.age'], rows: [[41n]], ordered: true },
  },
  {
    name: 'an index lookup finds an integer by an equal float',
    setup: ['CREATE INDEX person_age FOR (n:Person) ON (n.age)', people],
    query: 'MATCH (n:Person {age: 30.0}) RETURN n.name',
    expected: { columns: ['n.name'], rows: [['Ann']], ordered: true },
  },
  {
    name: 'an index lookup sees nodes created earlier in the statement',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)', people],
    query: "CREATE (:Person {name: 'New', age: 1}) WITH count(*) AS created MATCH (n:Person {name: 'New'}) RETURN n.age",
    expected: { columns: ['n.age'], rows: [[1n]], ordered: true },
  },
  {
    name: 'an index lookup sees values changed earlier in the statement',
    setup: ['CREATE INDEX person_name FOR (n:Person) ON (n.name)', people],
    query:
      "MATCH (n:Person {name: 'Ann'}) SET n.name = 'Zoe' WITH count(*) AS changed OPTIONAL MATCH (old:Person {name: 'Ann'}) OPTIONAL MATCH (new:Person {name: 'Zoe'}) RETURN old, new.age",
    expected: { columns: ['old', 'new.age'], rows: [[null, 30n]], ordered: true },
  },

  // ---------------------------------------------------------------- constraints
  {
    name: 'CREATE CONSTRAINT name FOR (n:L) REQUIRE n.p IS UNIQUE',
    query: personIdConstraint,
    expected: none,
    stats: { constraints_added: 1 },
    after: showConstraints({ name: 'person_id', label: 'Person', property: 'id' }),
  },
  {
    name: 'CREATE CONSTRAINT ON (n:L) ASSERT n.p IS UNIQUE, the older form',
    query: 'CREATE CONSTRAINT ON (p:Person) ASSERT p.id IS UNIQUE',
    expected: none,
    stats: { constraints_added: 1 },
    after: showConstraints({ name: anyValue, label: 'Person', property: 'id' }),
  },
  {
    name: 'CREATE CONSTRAINT name ON (n:L) ASSERT n.p IS UNIQUE',
    query: 'CREATE CONSTRAINT person_id ON (p:Person) ASSERT p.id IS UNIQUE',
    expected: none,
    stats: { constraints_added: 1 },
    after: showConstraints({ name: 'person_id', label: 'Person', property: 'id' }),
  },
  {
    name: 'CREATE CONSTRAINT IF NOT EXISTS on an existing constraint does nothing',
    setup: [personIdConstraint],
    query: 'CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE',
    expected: none,
    stats: { constraints_added: 0 },
  },
  {
    name: 'CREATE CONSTRAINT on a schema that already has one is an error',
    setup: [personIdConstraint],
    query: 'CREATE CONSTRAINT FOR (p:Person) REQUIRE p.id IS UNIQUE',
    expected: { error: 'Neo.ClientError.Schema.ConstraintAlreadyExists' },
  },
  {
    name: 'CREATE CONSTRAINT over duplicate data fails',
    setup: [`CREATE (:Person {id: 1}), (:Person {id: 1})`],
    query: personIdConstraint,
    expected: { error: 'Neo.DatabaseError.Schema.ConstraintCreationFailed' },
    after: { query: 'SHOW CONSTRAINTS', expected: { columns: constraintColumns, rows: [], ordered: true } },
  },
  {
    name: 'SHOW CONSTRAINTS with no constraints',
    query: 'SHOW CONSTRAINTS',
    expected: { columns: constraintColumns, rows: [], ordered: true },
  },
  {
    name: 'a constraint allows distinct values and nodes without the property',
    setup: [personIdConstraint, `CREATE (:Person {id: 1})`],
    query: 'CREATE (:Person {id: 2}), (:Person), (:Other {id: 1})',
    expected: none,
    stats: { nodes_created: 3 },
  },
  {
    name: 'CREATE of a duplicate value violates the constraint',
    setup: [personIdConstraint, `CREATE (:Person {id: 1})`],
    query: 'CREATE (:Person {id: 1})',
    expected: { error: 'Neo.ClientError.Schema.ConstraintValidationFailed' },
    after: { query: 'MATCH (p:Person) RETURN count(p)', expected: { columns: ['count(p)'], rows: [[1n]], ordered: true } },
  },
  {
    name: 'two duplicates in one statement violate the constraint',
    setup: [personIdConstraint],
    query: 'CREATE (:Person {id: 5}), (:Person {id: 5})',
    expected: { error: 'Neo.ClientError.Schema.ConstraintValidationFailed' },
    after: { query: 'MATCH (p:Person) RETURN count(p)', expected: { columns: ['count(p)'], rows: [[0n]], ordered: true } },
  },
  {
    name: 'SET of a duplicate value violates the constraint',
    setup: [personIdConstraint, `CREATE (:Person {id: 1}), (:Person {id: 2})`],
    query: 'MATCH (p:Person {id: 2}) SET p.id = 1',
    expected: { error: 'Neo.ClientError.Schema.ConstraintValidationFailed' },
    after: { query: 'MATCH (p:Person) RETURN p.id', expected: { columns: ['p.id'], rows: [[1n], [2n]], ordered: false } },
  },
  {
    name: 'adding the constrained label to a duplicate violates the constraint',
    setup: [personIdConstraint, `CREATE (:Person {id: 1}), (:Other {id: 1})`],
    query: 'MATCH (o:Other) SET o:Person',
    expected: { error: 'Neo.ClientError.Schema.ConstraintValidationFailed' },
  },
  {
    name: 'MERGE on a constrained property finds the existing node',
    setup: [personIdConstraint, `CREATE (:Person {id: 1, name: 'Ann'})`],
    query: 'MERGE (p:Person {id: 1}) RETURN p.name',
    expected: { columns: ['p.name'], rows: [['Ann']], ordered: true },
    stats: { nodes_created: 0 },
  },
  {
    name: 'DROP CONSTRAINT name',
    setup: [personIdConstraint],
    query: 'DROP CONSTRAINT person_id',
    expected: none,
    stats: { constraints_removed: 1 },
    after: { query: 'SHOW CONSTRAINTS', expected: { columns: constraintColumns, rows: [], ordered: true } },
  },
  {
    name: 'DROP CONSTRAINT ON (n:L) ASSERT n.p IS UNIQUE, the older form',
    setup: ['CREATE CONSTRAINT ON (p:Person) ASSERT p.id IS UNIQUE'],
    query: 'DROP CONSTRAINT ON (p:Person) ASSERT p.id IS UNIQUE',
    expected: none,
    stats: { constraints_removed: 1 },
    after: { query: 'SHOW CONSTRAINTS', expected: { columns: constraintColumns, rows: [], ordered: true } },
  },
  {
    name: 'DROP CONSTRAINT of a missing constraint is an error',
    query: 'DROP CONSTRAINT missing',
    expected: { error: 'Neo.DatabaseError.Schema.ConstraintDropFailed' },
  },
  {
    name: 'DROP CONSTRAINT IF EXISTS of a missing constraint does nothing',
    query: 'DROP CONSTRAINT missing IF EXISTS',
    expected: none,
    stats: { constraints_removed: 0 },
  },
  {
    name: 'after DROP CONSTRAINT duplicates are allowed',
    setup: [personIdConstraint, `CREATE (:Person {id: 1})`, 'DROP CONSTRAINT person_id'],
    query: 'CREATE (:Person {id: 1})',
    expected: none,
    stats: { nodes_created: 1 },
  },
];
