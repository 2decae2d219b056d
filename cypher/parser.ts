/**
 * `parse(text)`: Cypher statement text to the tree of ast.ts, checked for meaning.
 *
 *   statement = schema command | single query (UNION [ALL] single query)*, then an optional ';'
 *
 * The work is split by what is being read: lexer.ts (tokens), parse-expression.ts,
 * parse-pattern.ts, parse-clause.ts, parse-schema.ts, then semantic-check.ts. One pass,
 * no backtracking, so a statement costs time linear in its length; callers cache by text.
 */
import type { Query, SingleQuery, Statement } from './ast.js';
import { CypherError } from './cypher-error.js';
import { tokenize } from './lexer.js';
import { parseSingleQuery } from './parse-clause.js';
import { parseSchemaCommand } from './parse-schema.js';
import { checkSemantics } from './semantic-check.js';
import { TokenStream } from './token-stream.js';

/** Parses and checks one statement; throws CypherError (SyntaxError or SemanticError). */
export function parse(text: string): Statement {
  const s = new TokenStream(text, tokenize(text));
  const statement = parseSchemaCommand(s) ?? parseQuery(s);
  s.acceptSymbol(';');
  if (!s.atEnd) {
    s.note('end of input');
    s.fail();
  }
  try {
    checkSemantics(statement, text);
  } catch (error) {
    // A tree too deep for the checker's recursion, e.g. ten thousand ORs in a row.
    if (error instanceof RangeError) throw new CypherError('Neo.ClientError.Statement.SyntaxError', 'The statement is nested too deeply to be checked; split it or pass values as parameters', statement.position, text);
    throw error;
  }
  return statement;
}

function parseQuery(s: TokenStream): Query {
  const position = s.current.position;
  const first = parseSingleQuery(s);
  const unions: { all: boolean; query: SingleQuery }[] = [];
  while (s.acceptKeyword('UNION')) {
    const all = s.acceptKeyword('ALL');
    unions.push({ all, query: parseSingleQuery(s) });
  }
  return { kind: 'Query', first, unions, position };
}
