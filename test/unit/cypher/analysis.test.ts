import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, writes } from '../../../cypher/analysis.js';
import { parse } from '../../../cypher/parser.js';

interface Expected {
  updating?: boolean;
  schema?: boolean;
  parameters?: string[];
  procedures?: string[];
  functions?: string[];
}

/** statement -> what analyze says (unlisted keys: false / empty) */
const cases: [string, Expected][] = [
  // reads
  ['MATCH (n) RETURN n', {}],
  ['MATCH (n:Person {name: $name}) RETURN n', { parameters: ['name'] }],
  ['MATCH (n) WHERE n.age > $min AND n.age < $max RETURN n', { parameters: ['max', 'min'] }],
  ['MATCH (n) WHERE n.a = $p OR n.b = $p RETURN n', { parameters: ['p'] }],
  ['MATCH (n) RETURN n SKIP $skip LIMIT $limit', { parameters: ['limit', 'skip'] }],
  ['MATCH (n) RETURN n ORDER BY n[$key]', { parameters: ['key'] }],
  ['RETURN $0, $1, $`odd name`', { parameters: ['0', '1', 'odd name'] }],
  ['UNWIND $rows AS row RETURN row.x', { parameters: ['rows'] }],
  ['MATCH (n) RETURN n {.name, extra: $extra, nested: {deep: $deep}}', { parameters: ['deep', 'extra'] }],
  ['RETURN [x IN $list WHERE x > $min | x * $factor] AS xs', { parameters: ['factor', 'list', 'min'] }],
  ['RETURN CASE $mode WHEN 1 THEN $a ELSE $b END', { parameters: ['a', 'b', 'mode'] }],
  ['RETURN $list[$i], $list[$from..$to]', { parameters: ['from', 'i', 'list', 'to'] }],
  ['MATCH (a)-[r:KNOWS {since: $since}]->(b) RETURN b', { parameters: ['since'] }],
  ['MATCH (n) RETURN count(*) AS c, collect(n.name) AS names, toUpper(n.name) AS upper', { functions: ['collect', 'count', 'toupper'] }],
  ['MATCH (n) WHERE n:Admin RETURN n', { functions: ['labels'] }],
  ['MATCH (n) WITH n, size(n.tags) AS s WHERE s > $min RETURN apoc.text.join(n.tags, ",")', { parameters: ['min'], functions: ['apoc.text.join', 'size'] }],
  ["MATCH (n) WHERE n.name = 'CREATE (m)' RETURN n", {}],
  ['MATCH (n) WHERE n.note CONTAINS "DELETE" RETURN n.`SET`, n.merge AS `REMOVE`', {}],
  ['MATCH (n) // CREATE (m)\nRETURN n /* DETACH DELETE n */', {}],
  ['MATCH (n:CREATE)-[:DELETE]->(m:MERGE) RETURN m', {}],
  ['WITH 1 AS `create` RETURN `create`', {}],
  ['MATCH (n) RETURN n UNION ALL MATCH (n) RETURN n', {}],
  ['OPTIONAL MATCH (n) WITH n ORDER BY n.x RETURN n', {}],
  // writes
  ['CREATE (n:Person {name: $name, age: $age})', { updating: true, parameters: ['age', 'name'] }],
  ['CREATE (n $props) RETURN n', { updating: true, parameters: ['props'] }],
  ['MERGE (n:Person {id: $id}) ON CREATE SET n.created = timestamp() ON MATCH SET n.seen = $now', { updating: true, parameters: ['id', 'now'], functions: ['timestamp'] }],
  ['MATCH (n) SET n.x = $x', { updating: true, parameters: ['x'] }],
  ['MATCH (n) SET n += $map', { updating: true, parameters: ['map'] }],
  ['MATCH (n) SET n:Tagged', { updating: true }],
  ['MATCH (n) REMOVE n.x', { updating: true }],
  ['MATCH (n) REMOVE n:Tagged', { updating: true }],
  ['MATCH (n) DELETE n', { updating: true }],
  ['MATCH (n) DETACH DELETE n', { updating: true }],
  ['MATCH (n) WHERE id(n) = $id DETACH DELETE n', { updating: true, parameters: ['id'], functions: ['id'] }],
  ['UNWIND $rows AS row FOREACH (x IN row.items | CREATE (:Item {v: x, batch: $batch}))', { updating: true, parameters: ['batch', 'rows'] }],
  ['MATCH (n) FOREACH (x IN [] | SET n.x = x)', { updating: true }],
  ['MATCH (n) RETURN n UNION MATCH (m) SET m.x = 1 RETURN m AS n', { updating: true }],
  ['MATCH (n) WITH n CREATE (m) RETURN m', { updating: true }],
  // procedures
  ['CALL db.labels()', { procedures: ['db.labels'] }],
  ['CALL db.labels', { procedures: ['db.labels'] }],
  ['CALL DB.Labels() YIELD label RETURN label', { procedures: ['db.labels'] }],
  ['CALL dbms.components() YIELD name, versions, edition', { procedures: ['dbms.components'] }],
  ['CALL db.labels() YIELD label WHERE label STARTS WITH $prefix RETURN label', { procedures: ['db.labels'], parameters: ['prefix'] }],
  ['MATCH (n) CALL my.proc(n, $arg) YIELD out RETURN out', { procedures: ['my.proc'], parameters: ['arg'] }],
  ['CALL db.createLabel($name)', { procedures: ['db.createlabel'], parameters: ['name'] }],
  // schema
  ['CREATE INDEX FOR (n:Person) ON (n.name)', { schema: true }],
  ['CREATE INDEX ON :Person(name)', { schema: true }],
  ['CREATE CONSTRAINT FOR (n:Person) REQUIRE n.email IS UNIQUE', { schema: true }],
  ['DROP INDEX person_name IF EXISTS', { schema: true }],
  ['DROP CONSTRAINT ON (n:Person) ASSERT n.email IS UNIQUE', { schema: true }],
  ['SHOW INDEXES', {}],
  ['SHOW CONSTRAINTS', {}],
];

const readProcedures = new Set(['db.labels', 'db.relationshiptypes', 'db.propertykeys', 'db.indexes', 'dbms.components']);

describe('analysis', () => {
  for (const [text, expected] of cases) {
    it(text, () => {
      assert.deepEqual(analyze(parse(text)), {
        updating: expected.updating ?? false,
        schema: expected.schema ?? false,
        parameters: expected.parameters ?? [],
        procedures: expected.procedures ?? [],
        functions: expected.functions ?? [],
      });
    });
  }

  it('covers at least 40 statements', () => assert.ok(cases.length >= 40));
});

describe('writes', () => {
  const write = (text: string): boolean => writes(analyze(parse(text)), readProcedures);

  it('is true for updates, schema changes and procedures not known to read', () => {
    assert.equal(write('CREATE ()'), true);
    assert.equal(write('MATCH (n) FOREACH (x IN [1] | SET n.x = x)'), true);
    assert.equal(write('CREATE INDEX ON :L(p)'), true);
    assert.equal(write('CALL db.createLabel("x")'), true);
    assert.equal(write('MATCH (n) CALL my.proc(n) YIELD out RETURN out'), true);
  });

  it('is false for reads, SHOW commands and read procedures in any case', () => {
    assert.equal(write('MATCH (n) RETURN n'), false);
    assert.equal(write("MATCH (n) WHERE n.q = 'CREATE (x)' RETURN n"), false);
    assert.equal(write('SHOW INDEXES'), false);
    assert.equal(write('CALL DB.LABELS()'), false);
    assert.equal(write('CALL dbms.components() YIELD name RETURN name'), false);
  });
});
