/**
 * Schema commands, in the 4.x/5.x forms and the 3.x forms that Neo4j 4 still accepts:
 *
 *   CREATE INDEX [name] [IF NOT EXISTS] FOR (n:L) ON (n.p[, n.q])    CREATE INDEX ON :L(p[, q])
 *   CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:L) REQUIRE n.p IS UNIQUE
 *   CREATE CONSTRAINT [name] [IF NOT EXISTS] ON (n:L) ASSERT n.p IS UNIQUE
 *   DROP INDEX name [IF EXISTS]                                      DROP INDEX ON :L(p[, q])
 *   DROP CONSTRAINT name [IF EXISTS]                                 DROP CONSTRAINT ON (n:L) ASSERT n.p IS UNIQUE
 *   SHOW [ALL] INDEX[ES]                                             SHOW [ALL] CONSTRAINT[S]
 */
import type { CreateConstraint, CreateIndex, DropConstraint, DropIndex, Position, Statement } from './ast.js';
import { parseSymbolicName, parseVariableName } from './parse-expression.js';
import type { TokenStream } from './token-stream.js';

const schemaCommandLabels = ['CREATE INDEX', 'CREATE CONSTRAINT', 'DROP', 'SHOW'];

/** The schema command at the current token, or undefined if the statement is a query. */
export function parseSchemaCommand(s: TokenStream): Statement | undefined {
  switch (s.current.keyword) {
    case 'CREATE':
      // `CREATE index = (a)-->(b)` creates a path named index.
      if (s.isSymbol('=', 2)) return undefined;
      if (s.isKeyword('INDEX', 1)) return parseCreateIndex(s);
      if (s.isKeyword('CONSTRAINT', 1)) return parseCreateConstraint(s);
      return undefined;
    case 'DROP':
      return parseDrop(s);
    case 'SHOW':
      return parseShow(s);
    default:
      s.noteAll(schemaCommandLabels);
      return undefined;
  }
}

function parseCreateIndex(s: TokenStream): CreateIndex {
  const position = s.next().position;
  s.next();
  if (s.acceptKeyword('ON')) {
    const { label, properties } = parseLabelAndProperties(s);
    return { kind: 'CreateIndex', name: undefined, ifNotExists: false, label, properties, position };
  }
  const name = parseOptionalName(s);
  const ifNotExists = parseIfNotExists(s);
  s.expectKeyword('FOR');
  const { variable, label } = parseNodeLabel(s);
  s.expectKeyword('ON');
  s.expectSymbol('(');
  const properties: string[] = [];
  do properties.push(parseProperty(s, variable));
  while (s.acceptSymbol(','));
  s.expectSymbol(')');
  return { kind: 'CreateIndex', name, ifNotExists, label, properties, position };
}

function parseCreateConstraint(s: TokenStream): CreateConstraint {
  const position = s.next().position;
  s.next();
  const name = parseOptionalName(s);
  const ifNotExists = parseIfNotExists(s);
  let assertion = 'ASSERT';
  if (s.acceptKeyword('FOR')) assertion = 'REQUIRE';
  else s.expectKeyword('ON');
  const { variable, label } = parseNodeLabel(s);
  s.expectKeyword(assertion);
  const property = parseUniqueness(s, variable);
  return { kind: 'CreateConstraint', name, ifNotExists, variable, label, property, position };
}

function parseDrop(s: TokenStream): DropIndex | DropConstraint {
  const position = s.next().position;
  if (s.acceptKeyword('INDEX')) {
    if (s.acceptKeyword('ON')) {
      const { label, properties } = parseLabelAndProperties(s);
      return { kind: 'DropIndex', name: undefined, ifExists: false, label, properties, position };
    }
    const name = parseSymbolicName(s, 'an index name');
    return { kind: 'DropIndex', name, ifExists: parseIfExists(s), label: undefined, properties: undefined, position };
  }
  s.expectKeyword('CONSTRAINT');
  if (s.isKeyword('ON') && s.isSymbol('(', 1)) {
    s.next();
    const { variable, label } = parseNodeLabel(s);
    s.expectKeyword('ASSERT');
    const property = parseUniqueness(s, variable);
    return { kind: 'DropConstraint', name: undefined, ifExists: false, label, property, position };
  }
  const name = parseSymbolicName(s, 'a constraint name');
  return { kind: 'DropConstraint', name, ifExists: parseIfExists(s), label: undefined, property: undefined, position };
}

function parseShow(s: TokenStream): Statement {
  const position: Position = s.next().position;
  s.acceptKeyword('ALL');
  if (s.acceptKeyword('INDEXES') || s.acceptKeyword('INDEX')) return { kind: 'ShowIndexes', position };
  if (s.acceptKeyword('CONSTRAINTS') || s.acceptKeyword('CONSTRAINT')) return { kind: 'ShowConstraints', position };
  return s.fail();
}

/** A name unless the next words are `IF NOT`, `FOR (` or `ON (`, which start the rest of the command. */
function parseOptionalName(s: TokenStream): string | undefined {
  const token = s.current;
  if (token.kind !== 'identifier' && token.kind !== 'quotedIdentifier') return undefined;
  if (token.keyword === 'IF' && s.isKeyword('NOT', 1)) return undefined;
  if ((token.keyword === 'FOR' || token.keyword === 'ON') && s.isSymbol('(', 1)) return undefined;
  s.next();
  return token.text;
}

function parseIfNotExists(s: TokenStream): boolean {
  if (!s.acceptKeyword('IF', 'IF NOT EXISTS')) return false;
  s.expectKeyword('NOT');
  s.expectKeyword('EXISTS');
  return true;
}

function parseIfExists(s: TokenStream): boolean {
  if (!s.acceptKeyword('IF', 'IF EXISTS')) return false;
  s.expectKeyword('EXISTS');
  return true;
}

/** `(n:Label)` */
function parseNodeLabel(s: TokenStream): { variable: string; label: string } {
  s.expectSymbol('(');
  const variable = parseVariableName(s);
  s.expectSymbol(':');
  const label = parseSymbolicName(s, 'a label name');
  s.expectSymbol(')');
  return { variable, label };
}

/** `:Label(p[, q])` of the 3.x index commands. */
function parseLabelAndProperties(s: TokenStream): { label: string; properties: string[] } {
  s.expectSymbol(':');
  const label = parseSymbolicName(s, 'a label name');
  s.expectSymbol('(');
  const properties: string[] = [];
  do properties.push(parseSymbolicName(s, 'a property key name'));
  while (s.acceptSymbol(','));
  s.expectSymbol(')');
  return { label, properties };
}

/** `n.p` where n must be the variable of the command's node pattern. */
function parseProperty(s: TokenStream, variable: string): string {
  const token = s.current;
  const name = parseVariableName(s);
  if (name !== variable) throw s.semanticError(`Variable \`${name}\` not defined`, token.position);
  s.expectSymbol('.');
  return parseSymbolicName(s, 'a property key name');
}

/** `n.p IS UNIQUE` or `(n.p) IS UNIQUE` */
function parseUniqueness(s: TokenStream, variable: string): string {
  const parenthesized = s.acceptSymbol('(');
  const property = parseProperty(s, variable);
  if (parenthesized) s.expectSymbol(')');
  s.expectKeyword('IS');
  s.expectKeyword('UNIQUE');
  return property;
}
