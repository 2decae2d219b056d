/**
 * The errors a statement can fail with, worded the way Neo4j words them where users
 * match on the text (`Type mismatch: expected Integer but was String`, `/ by zero`,
 * `long overflow`), and always with a Neo4j status code.
 */
import type { Position } from '../../cypher/ast.js';
import { Neo4jError } from '../../protocol/errors.js';
import { NodeRef, PathRef, RelRef, isRuntimeMap, type RuntimeValue } from './runtime-values.js';

/** The Cypher type name of a value, as error messages name it. */
export function typeName(value: RuntimeValue | undefined): string {
  if (value === null || value === undefined) return 'Null';
  switch (typeof value) {
    case 'boolean':
      return 'Boolean';
    case 'bigint':
      return 'Integer';
    case 'number':
      return 'Float';
    case 'string':
      return 'String';
  }
  if (Array.isArray(value)) return 'List';
  if (value instanceof NodeRef) return 'Node';
  if (value instanceof RelRef) return 'Relationship';
  if (value instanceof PathRef) return 'Path';
  return isRuntimeMap(value) ? 'Map' : 'Unknown';
}

export function typeMismatch(expected: string, actual: RuntimeValue | undefined): Neo4jError {
  return new Neo4jError('Neo.ClientError.Statement.TypeError', `Type mismatch: expected ${expected} but was ${typeName(actual)}`);
}

export function typeError(message: string): Neo4jError {
  return new Neo4jError('Neo.ClientError.Statement.TypeError', message);
}

export function arithmeticError(message: string): Neo4jError {
  return new Neo4jError('Neo.ClientError.Statement.ArithmeticError', message);
}

export function argumentError(message: string): Neo4jError {
  return new Neo4jError('Neo.ClientError.Statement.ArgumentError', message);
}

/** `(line 1, column 8 (offset: 7))`, Neo4j's suffix for errors found in the statement text. */
export function at(position: Position): string {
  return ` (line ${position.line}, column ${position.column} (offset: ${position.offset}))`;
}

export function semanticError(message: string, position: Position): Neo4jError {
  return new Neo4jError('Neo.ClientError.Statement.SemanticError', message + at(position));
}

export function syntaxError(message: string, position: Position): Neo4jError {
  return new Neo4jError('Neo.ClientError.Statement.SyntaxError', message + at(position));
}

export function entityNotFound(kind: 'Node' | 'Relationship', id: number): Neo4jError {
  return new Neo4jError('Neo.ClientError.Statement.EntityNotFound', `${kind} with id ${id} has been deleted in this transaction or does not exist.`);
}

/** A collection or a result grew past the engine's bound (QueryEngineOptions.maxRows). */
export function tooManyRows(what: string, limit: number): Neo4jError {
  return new Neo4jError(
    'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
    `The query tried to hold more than ${limit} ${what}, the engine's limit for one statement (maxRows). ` +
      'Return fewer rows (add LIMIT, filter earlier or aggregate), or split the work into several statements.',
  );
}
