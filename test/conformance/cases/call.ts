import { anyValue, type ConformanceCase } from '../conformance-case.js';

const graph = [
  `CREATE (a:Person {name: 'Ann', age: 30}), (c:City {name: 'Cork'}), (:Person:Admin {name: 'Root'}),
          (a)-[:LIVES_IN {since: 2020}]->(c), (a)-[:KNOWS]->(a)`,
];

export const cases: ConformanceCase[] = [
  {
    name: 'CALL db.labels() on its own',
    setup: graph,
    query: 'CALL db.labels()',
    expected: { columns: ['label'], rows: [['Person'], ['City'], ['Admin']], ordered: false },
  },
  {
    name: 'CALL db.labels without parentheses',
    setup: graph,
    query: 'CALL db.labels',
    expected: { columns: ['label'], rows: [['Person'], ['City'], ['Admin']], ordered: false },
  },
  {
    name: 'CALL db.labels() YIELD * on its own',
    setup: graph,
    query: 'CALL db.labels() YIELD *',
    expected: { columns: ['label'], rows: [['Person'], ['City'], ['Admin']], ordered: false },
  },
  {
    name: 'CALL db.labels() on an empty database yields nothing',
    query: 'CALL db.labels()',
    expected: { columns: ['label'], rows: [], ordered: false },
  },
  {
    name: 'CALL ... YIELD ... RETURN with ORDER BY',
    setup: graph,
    query: 'CALL db.labels() YIELD label RETURN label ORDER BY label',
    expected: { columns: ['label'], rows: [['Admin'], ['City'], ['Person']], ordered: true },
  },
  {
    name: 'CALL ... YIELD ... WHERE filters the procedure output',
    setup: graph,
    query: "CALL db.labels() YIELD label WHERE label STARTS WITH 'P' RETURN label",
    expected: { columns: ['label'], rows: [['Person']], ordered: true },
  },
  {
    name: 'CALL ... YIELD ... AS renames an output',
    setup: graph,
    query: 'CALL db.labels() YIELD label AS name RETURN count(name) AS labels',
    expected: { columns: ['labels'], rows: [[3n]], ordered: true },
  },
  {
    name: 'CALL inside a query runs once per incoming row',
    setup: graph,
    query: 'MATCH (n:Person) WITH count(n) AS people CALL db.labels() YIELD label RETURN people, label',
    expected: { columns: ['people', 'label'], rows: [[2n, 'Person'], [2n, 'City'], [2n, 'Admin']], ordered: false },
  },
  {
    name: 'CALL db.relationshipTypes()',
    setup: graph,
    query: 'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType ORDER BY relationshipType',
    expected: { columns: ['relationshipType'], rows: [['KNOWS'], ['LIVES_IN']], ordered: true },
  },
  {
    name: 'CALL db.relationshipTypes() on its own names its column',
    setup: graph,
    query: 'CALL db.relationshipTypes()',
    expected: { columns: ['relationshipType'], rows: [['KNOWS'], ['LIVES_IN']], ordered: false },
  },
  {
    name: 'CALL db.propertyKeys()',
    setup: graph,
    query: 'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey ORDER BY propertyKey',
    expected: { columns: ['propertyKey'], rows: [['age'], ['name'], ['since']], ordered: true },
  },
  {
    name: 'CALL dbms.components()',
    query: 'CALL dbms.components()',
    expected: { columns: ['name', 'versions', 'edition'], rows: [['Neo4j Kernel', anyValue, anyValue]], ordered: true },
  },
  {
    name: 'CALL dbms.components() YIELD the outputs used by drivers',
    query:
      "CALL dbms.components() YIELD name, versions, edition RETURN name, size(versions) AS versionCount, edition IN ['community', 'enterprise'] AS knownEdition",
    expected: { columns: ['name', 'versionCount', 'knownEdition'], rows: [['Neo4j Kernel', 1n, true]], ordered: true },
  },
  {
    name: 'CALL db.indexes() lists an index',
    setup: [`CREATE INDEX person_name FOR (n:Person) ON (n.name)`],
    query:
      "CALL db.indexes() YIELD name, labelsOrTypes, properties, state, uniqueness WHERE 'Person' IN labelsOrTypes RETURN name, labelsOrTypes, properties, state, uniqueness",
    expected: { columns: ['name', 'labelsOrTypes', 'properties', 'state', 'uniqueness'], rows: [['person_name', ['Person'], ['name'], 'ONLINE', 'NONUNIQUE']], ordered: true },
  },
  {
    name: 'CALL of an unknown procedure fails',
    query: 'CALL db.noSuchProcedure()',
    expected: { error: 'Neo.ClientError.Procedure.ProcedureNotFound' },
  },
];
