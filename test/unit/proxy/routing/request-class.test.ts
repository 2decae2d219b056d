import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClassReason, ClassifiedRequest, RequestClass } from '../../../../proxy/routing/request-class.js';
import { RequestClassifier } from '../../../../proxy/routing/request-class.js';

const readProcedures = ['db.labels', 'db.relationshipTypes', 'db.propertyKeys', 'dbms.components', 'DB.INDEXES'];

/** statement -> [class, reason] with no headers */
const statements: [string, RequestClass, ClassReason][] = [
  // reads
  ['MATCH (n) RETURN n', 'read', 'cypher'],
  ['match (n:Person {name: $name}) return n', 'read', 'cypher'],
  ['MATCH (n) WHERE n.age > $min RETURN n.name ORDER BY n.name SKIP 1 LIMIT 10', 'read', 'cypher'],
  ['OPTIONAL MATCH (a)-[r:KNOWS]->(b) RETURN a, r, b', 'read', 'cypher'],
  ['UNWIND $rows AS row RETURN row.x', 'read', 'cypher'],
  ['MATCH (n) WITH n, count(*) AS c RETURN n, c', 'read', 'cypher'],
  ['MATCH (n) RETURN n UNION MATCH (m) RETURN m AS n', 'read', 'cypher'],
  ['RETURN 1;', 'read', 'cypher'],
  ['SHOW INDEXES', 'read', 'cypher'],
  ['SHOW CONSTRAINTS', 'read', 'cypher'],
  // strings, comments, names and parameters that merely mention an updating word
  ['RETURN "CREATE (n)" AS text', 'read', 'cypher'],
  ["MATCH (n) WHERE n.note = 'DELETE me' RETURN n", 'read', 'cypher'],
  ['MATCH (n) // CREATE (m)\nRETURN n', 'read', 'cypher'],
  ['MATCH (n) /* SET n.x = 1; DETACH DELETE n */ RETURN n', 'read', 'cypher'],
  ['MATCH (n:`CREATE`) RETURN n.`merge` AS `set`', 'read', 'cypher'],
  ['MATCH (n) WHERE n.name = $create RETURN n', 'read', 'cypher'],
  // each updating clause, in any case and position
  ['CREATE (n:Person {name: $name})', 'write', 'cypher'],
  ['create (n)', 'write', 'cypher'],
  ['MATCH (a), (b) CREATE (a)-[:KNOWS]->(b)', 'write', 'cypher'],
  ['MERGE (n:Person {id: $id}) ON CREATE SET n.created = timestamp() RETURN n', 'write', 'cypher'],
  ['MATCH (a) MERGE (a)-[:LIKES]->(b:Thing) RETURN b', 'write', 'cypher'],
  ['MATCH (n) SET n.x = 1', 'write', 'cypher'],
  ['MATCH (n) SET n += $props', 'write', 'cypher'],
  ['MATCH (n) SET n:Label', 'write', 'cypher'],
  ['MATCH (n) REMOVE n.x', 'write', 'cypher'],
  ['MATCH (n) REMOVE n:Label', 'write', 'cypher'],
  ['MATCH (n) DELETE n', 'write', 'cypher'],
  ['MATCH (n) DETACH DELETE n', 'write', 'cypher'],
  ['MATCH (n) FOREACH (x IN [1, 2] | SET n.x = x)', 'write', 'cypher'],
  ['UNWIND $rows AS row CREATE (n) SET n = row', 'write', 'cypher'],
  ['MATCH (n) WITH n LIMIT 1 DELETE n RETURN count(*)', 'write', 'cypher'],
  ['MATCH (n) RETURN n.x AS x UNION MATCH (m) CREATE (c) RETURN 1 AS x', 'write', 'cypher'],
  // schema commands
  ['CREATE INDEX ON :Person(name)', 'write', 'cypher'],
  ['CREATE INDEX person_name FOR (n:Person) ON (n.name)', 'write', 'cypher'],
  ['DROP INDEX ON :Person(name)', 'write', 'cypher'],
  ['CREATE CONSTRAINT ON (n:Person) ASSERT n.id IS UNIQUE', 'write', 'cypher'],
  ['DROP CONSTRAINT ON (n:Person) ASSERT n.id IS UNIQUE', 'write', 'cypher'],
  // procedures: on the read list (any case) or not
  ['CALL db.labels()', 'read', 'cypher'],
  ['CALL db.labels() YIELD label RETURN label', 'read', 'cypher'],
  ['CALL DB.RelationshipTypes()', 'read', 'cypher'],
  ['CALL dbms.components', 'read', 'cypher'],
  ['CALL db.indexes()', 'read', 'cypher'],
  ['CALL apoc.create.node(["A"], {}) YIELD node RETURN node', 'write', 'cypher'],
  ['CALL dbms.security.createUser("u", "p", false)', 'write', 'cypher'],
  ['CALL my.unknownProcedure()', 'write', 'cypher'],
  // what cannot be read writes
  ['', 'write', 'unparseable'],
  ['   ', 'write', 'unparseable'],
  ['MATCH (n RETURN n', 'write', 'unparseable'],
  ['MATCH (n {name: {name}}) RETURN n', 'write', 'unparseable'],
  ['LOAD CSV FROM "file:///x.csv" AS line CREATE (n)', 'write', 'unparseable'],
  ['MATCH (n) RETURN m', 'write', 'unparseable'],
  ['SELECT * FROM nodes', 'write', 'unparseable'],
];

describe('RequestClassifier', () => {
  it(`classifies ${statements.length} statements by their Cypher`, () => {
    assert.ok(statements.length >= 40);
    const classifier = new RequestClassifier({ readProcedures });
    for (const [text, expectedClass, expectedReason] of statements) {
      const got = classifier.classify({ statements: [text] });
      assert.deepEqual([got.class, got.reason], [expectedClass, expectedReason], JSON.stringify(text));
    }
  });

  it('puts access-mode first, then X-Write, then the Cypher', () => {
    const classifier = new RequestClassifier({ readProcedures });
    const table: [ClassifiedRequest, RequestClass, ClassReason][] = [
      [{ accessMode: 'READ', xWrite: '1', statements: ['CREATE (n)'] }, 'read', 'access-mode'],
      [{ accessMode: 'read', statements: ['not cypher'] }, 'read', 'access-mode'],
      [{ accessMode: ' WRITE ', statements: ['MATCH (n) RETURN n'] }, 'write', 'access-mode'],
      [{ accessMode: 'Write', xWrite: '0', statements: [] }, 'write', 'access-mode'],
      [{ accessMode: 'bogus', xWrite: '1', statements: ['MATCH (n) RETURN n'] }, 'write', 'x-write'],
      [{ accessMode: '', statements: ['CREATE (n)'] }, 'write', 'cypher'],
      [{ xWrite: '1', statements: ['MATCH (n) RETURN n'] }, 'write', 'x-write'],
      [{ xWrite: ' 1 ', statements: [] }, 'write', 'x-write'],
      [{ xWrite: '0', statements: ['MATCH (n) RETURN n'] }, 'read', 'cypher'],
      [{ xWrite: 'true', statements: ['MATCH (n) DELETE n'] }, 'write', 'cypher'],
      [{ accessMode: undefined, xWrite: undefined, statements: ['RETURN 1'] }, 'read', 'cypher'],
    ];
    for (const [request, expectedClass, expectedReason] of table) {
      const got = classifier.classify(request);
      assert.deepEqual([got.class, got.reason], [expectedClass, expectedReason], JSON.stringify(request));
    }
  });

  it('writes when any statement of a request writes; the first such statement names the reason', () => {
    const classifier = new RequestClassifier({ readProcedures });
    assert.deepEqual(classifier.classify({ statements: ['MATCH (n) RETURN n', 'RETURN 1'] }), { class: 'read', reason: 'cypher' });
    assert.deepEqual(classifier.classify({ statements: ['MATCH (n) RETURN n', 'CREATE (n)', 'nonsense'] }), { class: 'write', reason: 'cypher' });
    assert.deepEqual(classifier.classify({ statements: ['RETURN 1', 'nonsense', 'CREATE (n)'] }), { class: 'write', reason: 'unparseable' });
    assert.deepEqual(classifier.classify({ statements: [] }), { class: 'read', reason: 'cypher' });
  });

  it('calls a procedure a write when the read list is empty', () => {
    const classifier = new RequestClassifier({ readProcedures: [] });
    assert.equal(classifier.classify({ statements: ['CALL db.labels()'] }).class, 'write');
  });

  it('parses each distinct text once and keeps the cache bounded, least recently used out first', () => {
    const classifier = new RequestClassifier({ readProcedures, cacheSize: 3 });
    for (let i = 0; i < 10; i++) classifier.classify({ statements: ['MATCH (n) RETURN n'] });
    assert.equal(classifier.cachedStatements, 1);
    for (let i = 0; i < 50; i++) classifier.classify({ statements: [`MATCH (n) WHERE n.x = ${i} RETURN n`, 'MATCH (n) RETURN n'] });
    assert.equal(classifier.cachedStatements, 3);
    // The verdicts stay right across evictions.
    assert.equal(classifier.classify({ statements: ['CREATE (n)'] }).class, 'write');
    assert.equal(classifier.classify({ statements: ['MATCH (n) RETURN n'] }).class, 'read');
    assert.equal(classifier.cachedStatements, 3);
  });

  it('answers from the cache without parsing again (a cached parse is far cheaper)', () => {
    const classifier = new RequestClassifier({ readProcedures });
    const text = `MATCH (n) WHERE ${Array.from({ length: 200 }, (_, i) => `n.p${i} = $v${i}`).join(' AND ')} RETURN n`;
    const first = performance.now();
    classifier.classify({ statements: [text] });
    const parseTime = performance.now() - first;
    const start = performance.now();
    for (let i = 0; i < 100; i++) classifier.classify({ statements: [text] });
    const cachedTime = (performance.now() - start) / 100;
    assert.ok(cachedTime < parseTime / 5, `cached ${cachedTime} ms vs parse ${parseTime} ms`);
  });

  it('works with the cache off', () => {
    const classifier = new RequestClassifier({ readProcedures, cacheSize: 0 });
    assert.equal(classifier.classify({ statements: ['CREATE (n)'] }).class, 'write');
    assert.equal(classifier.classify({ statements: ['RETURN 1'] }).class, 'read');
    assert.equal(classifier.cachedStatements, 0);
  });

  it('refuses a cache size that is not a whole number of entries', () => {
    assert.throws(() => new RequestClassifier({ readProcedures, cacheSize: -1 }), /cache size is -1; expected a whole number/);
    assert.throws(() => new RequestClassifier({ readProcedures, cacheSize: 1.5 }), RangeError);
  });
});
