import type { Position } from './ast.js';

export type CypherErrorCode = 'Neo.ClientError.Statement.SyntaxError' | 'Neo.ClientError.Statement.SemanticError';

/**
 * A statement that cannot be parsed or makes no sense, in Neo4j 4.x's message form:
 *
 *     Invalid input 'RETURN': expected ":", "{", a parameter or ")" (line 1, column 10 (offset: 9))
 *     "MATCH (n RETURN n"
 *               ^
 *
 * The quoted line is the statement line the position is on; the caret sits under the
 * offending character (one extra space accounts for the opening quote).
 */
export class CypherError extends Error {
  readonly code: CypherErrorCode;
  readonly position: Position;
  /** The message without the position and the caret lines. */
  readonly description: string;

  constructor(code: CypherErrorCode, description: string, position: Position, statement: string) {
    super(`${description} (line ${position.line}, column ${position.column} (offset: ${position.offset}))\n"${lineAt(statement, position.offset)}"\n${' '.repeat(position.column)}^`);
    this.name = 'CypherError';
    this.code = code;
    this.position = position;
    this.description = description;
  }
}

function lineAt(statement: string, offset: number): string {
  const start = statement.lastIndexOf('\n', offset - 1) + 1;
  let end = statement.indexOf('\n', offset);
  if (end < 0) end = statement.length;
  if (end > start && statement.charCodeAt(end - 1) === 13) end--;
  return statement.slice(start, end);
}

