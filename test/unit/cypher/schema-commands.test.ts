import { describe, it } from 'node:test';
import { parse } from '../../../cypher/parser.js';
import { assertShape } from './ast-helpers.js';

const cases: [string, unknown][] = [
  ['CREATE INDEX FOR (n:Person) ON (n.name)', { kind: 'CreateIndex', name: undefined, ifNotExists: false, label: 'Person', properties: ['name'] }],
  ['CREATE INDEX person_name FOR (n:Person) ON (n.name)', { kind: 'CreateIndex', name: 'person_name', ifNotExists: false }],
  ['CREATE INDEX IF NOT EXISTS FOR (n:Person) ON (n.name)', { kind: 'CreateIndex', name: undefined, ifNotExists: true }],
  ['create index `person name` if not exists for (p:`The Person`) on (p.name, p.`family name`);', { kind: 'CreateIndex', name: 'person name', ifNotExists: true, label: 'The Person', properties: ['name', 'family name'] }],
  ['CREATE INDEX ON :Person(name)', { kind: 'CreateIndex', name: undefined, ifNotExists: false, label: 'Person', properties: ['name'] }],
  ['CREATE INDEX ON :Person(name, age)', { kind: 'CreateIndex', properties: ['name', 'age'] }],
  ['CREATE CONSTRAINT FOR (n:Person) REQUIRE n.email IS UNIQUE', { kind: 'CreateConstraint', name: undefined, ifNotExists: false, variable: 'n', label: 'Person', property: 'email' }],
  ['CREATE CONSTRAINT unique_email IF NOT EXISTS FOR (n:Person) REQUIRE (n.email) IS UNIQUE', { kind: 'CreateConstraint', name: 'unique_email', ifNotExists: true, property: 'email' }],
  ['CREATE CONSTRAINT ON (n:Person) ASSERT n.email IS UNIQUE', { kind: 'CreateConstraint', name: undefined, ifNotExists: false, variable: 'n', label: 'Person', property: 'email' }],
  ['CREATE CONSTRAINT unique_email ON (p:Person) ASSERT p.email IS UNIQUE', { kind: 'CreateConstraint', name: 'unique_email', variable: 'p' }],
  ['CREATE CONSTRAINT IF NOT EXISTS ON (p:Person) ASSERT p.email IS UNIQUE', { kind: 'CreateConstraint', name: undefined, ifNotExists: true }],
  ['DROP INDEX person_name', { kind: 'DropIndex', name: 'person_name', ifExists: false, label: undefined, properties: undefined }],
  ['DROP INDEX person_name IF EXISTS', { kind: 'DropIndex', name: 'person_name', ifExists: true }],
  ['DROP INDEX ON :Person(name)', { kind: 'DropIndex', name: undefined, ifExists: false, label: 'Person', properties: ['name'] }],
  ['DROP CONSTRAINT unique_email', { kind: 'DropConstraint', name: 'unique_email', ifExists: false, label: undefined, property: undefined }],
  ['DROP CONSTRAINT unique_email IF EXISTS', { kind: 'DropConstraint', name: 'unique_email', ifExists: true }],
  ['DROP CONSTRAINT ON (n:Person) ASSERT n.email IS UNIQUE', { kind: 'DropConstraint', name: undefined, ifExists: false, label: 'Person', property: 'email' }],
  ['SHOW INDEXES', { kind: 'ShowIndexes' }],
  ['SHOW INDEX', { kind: 'ShowIndexes' }],
  ['show all indexes;', { kind: 'ShowIndexes' }],
  ['SHOW CONSTRAINTS', { kind: 'ShowConstraints' }],
  ['SHOW CONSTRAINT', { kind: 'ShowConstraints' }],
  ['SHOW ALL CONSTRAINTS', { kind: 'ShowConstraints' }],
];

describe('schema commands', () => {
  for (const [text, shape] of cases) {
    it(text, () => assertShape(parse(text), { ...(shape as object), position: { offset: 0, line: 1, column: 1 } }));
  }
});
