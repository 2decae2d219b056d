import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CypherError } from '../../../cypher/cypher-error.js';
import { maxNesting } from '../../../cypher/parse-expression.js';
import { parse } from '../../../cypher/parser.js';

function failure(text: string): CypherError {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof CypherError, `a CypherError, not ${String(error)}`);
    return error;
  }
  assert.fail(`${JSON.stringify(text)} parsed`);
}

/** statement, the description (exact), [line, column, offset] */
const cases: [string, string, [number, number, number]][] = [
  // unexpected tokens: what was found and what would have been accepted there
  ['MATCH (n RETURN n', `Invalid input 'RETURN': expected ":", a property map, a parameter or ")"`, [1, 10, 9]],
  ['MATCH (n) RETRUN n', `Invalid input 'RETRUN': expected a relationship pattern, ",", "WHERE", "MATCH", "OPTIONAL MATCH", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET", "REMOVE", "DELETE", "DETACH DELETE", "FOREACH", "CALL", "UNION", ";" or end of input`, [1, 11, 10]],
  ['MATCH (n)\nWHERE n.x = = 1\nRETURN n', `Invalid input '=': expected an expression`, [2, 13, 22]],
  ['MATCH (n) RETURN n.', `Unexpected end of input: expected a property key name`, [1, 20, 19]],
  ['RETURN', `Unexpected end of input: expected "DISTINCT", "*" or an expression`, [1, 7, 6]],
  ['', `Unexpected end of input: expected "CREATE INDEX", "CREATE CONSTRAINT", "DROP", "SHOW", "MATCH", "OPTIONAL MATCH", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET", "REMOVE", "DELETE", "DETACH DELETE", "FOREACH" or "CALL"`, [1, 1, 0]],
  ['RETURN 1 2', `Invalid input '2': expected an operator, "AS", ",", "ORDER BY", "SKIP", "LIMIT", "MATCH", "OPTIONAL MATCH", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET", "REMOVE", "DELETE", "DETACH DELETE", "FOREACH", "CALL", "UNION", ";" or end of input`, [1, 10, 9]],
  ['RETURN 1; RETURN 2', `Invalid input 'RETURN': expected end of input`, [1, 11, 10]],
  ['MATCH (a)-[r:]->(b) RETURN a', `Invalid input ']': expected a relationship type name`, [1, 14, 13]],
  ['MATCH (a)-[r*1..x]->(b) RETURN a', `Invalid input 'x': expected an integer, a property map, a parameter or "]"`, [1, 17, 16]],
  ['MATCH (a)->(b) RETURN a', `Invalid input '>': expected "[" or "-"`, [1, 11, 10]],
  ['MATCH (a)-[r]>(b) RETURN a', `Invalid input '>': expected "-"`, [1, 14, 13]],
  ['MATCH (n) RETURN n ORDER n.x', `Invalid input 'n': expected "BY"`, [1, 26, 25]],
  ['MATCH (n) WHERE n.x STARTS n.y RETURN n', `Invalid input 'n': expected "WITH"`, [1, 28, 27]],
  ['MATCH (n) WHERE n.x IS NOT 1 RETURN n', `Invalid input '1': expected "NULL"`, [1, 28, 27]],
  ['RETURN CASE WHEN true THEN 1', `Unexpected end of input: expected an operator, "WHEN", "ELSE" or "END"`, [1, 29, 28]],
  ['RETURN CASE 1 END', `Invalid input 'END': expected an operator or "WHEN"`, [1, 15, 14]],
  ['RETURN [1, 2', `Unexpected end of input: expected an operator, "," or "]"`, [1, 13, 12]],
  ['RETURN {a 1}', `Invalid input '1': expected ":"`, [1, 11, 10]],
  ['RETURN {1: 2}', `Invalid input '1': expected "}" or a property key name`, [1, 9, 8]],
  ['RETURN size(1, ', `Unexpected end of input: expected an expression`, [1, 16, 15]],
  ['UNWIND [1] x RETURN x', `Invalid input 'x': expected an operator or "AS"`, [1, 12, 11]],
  ['UNWIND [1] AS match RETURN 1', `Invalid input 'match': expected a variable name`, [1, 15, 14]],
  ['MATCH (n) SET n 1', `Invalid input '1': expected ".", "=", "+=" or ":"`, [1, 17, 16]],
  ['MATCH (n) SET n.x 1', `Invalid input '1': expected "="`, [1, 19, 18]],
  ['MATCH (n) REMOVE n', `Unexpected end of input: expected "." or ":"`, [1, 19, 18]],
  ['MATCH (n) DETACH n', `Invalid input 'n': expected "DELETE"`, [1, 18, 17]],
  ['MERGE (n) ON DELETE SET n.x = 1', `Invalid input 'DELETE': expected "CREATE" or "MATCH"`, [1, 14, 13]],
  ['FOREACH (x IN [1] | MATCH (n))', `Invalid input 'MATCH': expected "CREATE", "MERGE", "SET", "REMOVE", "DELETE", "DETACH DELETE" or "FOREACH"`, [1, 21, 20]],
  ['FOREACH (x IN [1] CREATE ())', `Invalid input 'CREATE': expected an operator or "|"`, [1, 19, 18]],
  ['CALL db.labels() YIELD', `Unexpected end of input: expected "*" or a procedure output name`, [1, 23, 22]],
  ['CREATE INDEX FOR (n:Person) ON n.name', `Invalid input 'n': expected "("`, [1, 32, 31]],
  ['CREATE CONSTRAINT FOR (n:Person) ASSERT n.email IS UNIQUE', `Invalid input 'ASSERT': expected "REQUIRE"`, [1, 34, 33]],
  ['CREATE CONSTRAINT ON (n:Person) ASSERT n.email IS NOT NULL', `Invalid input 'NOT': expected "UNIQUE"`, [1, 51, 50]],
  ['DROP TABLE people', `Invalid input 'TABLE': expected "INDEX" or "CONSTRAINT"`, [1, 6, 5]],
  ['SHOW TABLES', `Invalid input 'TABLES': expected "ALL", "INDEXES", "INDEX", "CONSTRAINTS" or "CONSTRAINT"`, [1, 6, 5]],
  // the lexer's errors
  ["RETURN 'abc", `Unexpected end of input: expected "'" to close the string that starts at line 1, column 8`, [1, 12, 11]],
  ['RETURN\n  "abc\ndef', `Unexpected end of input: expected '"' to close the string that starts at line 2, column 3`, [3, 4, 17]],
  ["RETURN 'a\\qb'", `Invalid input '\\q': expected an escape sequence: \\\\, \\', \\", \\b, \\f, \\n, \\r, \\t, \\uXXXX or \\UXXXXXXXX`, [1, 10, 9]],
  ["RETURN '\\u12G4'", `Invalid input '\\u12G4': expected 4 hexadecimal digits after "\\u" (a unicode escape like \\u00E9)`, [1, 9, 8]],
  ['RETURN 1 /* never closed', `Unexpected end of input: expected "*/" to close the comment that starts at line 1, column 10`, [1, 25, 24]],
  ['RETURN `abc', 'Unexpected end of input: expected "`" to close the name that starts at line 1, column 8', [1, 12, 11]],
  ['RETURN 1 # 2', `Invalid input '#': expected an identifier, a literal, a parameter or one of ( ) [ ] { } , . : | ; = =~ <> < > <= >= + += - * / % ^`, [1, 10, 9]],
  ['RETURN 0x', `Invalid input '0x': expected a number (decimal like 42 or 1.5e3, hexadecimal like 0x2A, octal like 0o52)`, [1, 8, 7]],
  ['RETURN 0o9', `Invalid input '0o9': expected a number (decimal like 42 or 1.5e3, hexadecimal like 0x2A, octal like 0o52)`, [1, 8, 7]],
  ['RETURN 12abc', `Invalid input '12abc': expected a number (decimal like 42 or 1.5e3, hexadecimal like 0x2A, octal like 0o52)`, [1, 8, 7]],
  ['RETURN 089', `Invalid input '089': expected a number (decimal like 42 or 1.5e3, hexadecimal like 0x2A, octal like 0o52)`, [1, 8, 7]],
  ['RETURN $ + 1', `Invalid input ' ': expected a parameter name after "$" (a name like $name or a number like $0)`, [1, 9, 8]],
  // numbers out of range
  ['RETURN 9223372036854775808', 'integer is too large', [1, 8, 7]],
  ['RETURN -9223372036854775809', 'integer is too large', [1, 8, 7]],
  ['RETURN 0x8000000000000000', 'integer is too large', [1, 8, 7]],
  ['RETURN 1e309', 'floating point number is too large', [1, 8, 7]],
  ['MATCH (a)-[*99999999999999999999]->(b) RETURN a', 'integer is too large', [1, 13, 12]],
  // forms Neo4j refuses with a message of their own
  ['RETURN 1 != 2', "Unknown operation '!=' (you probably meant to use '<>', which is the operator for inequality testing)", [1, 10, 9]],
  ['MATCH (n) WHERE n.name = {name} RETURN n', 'The old parameter syntax `{param}` is no longer supported. Please use `$param` instead', [1, 26, 25]],
];

describe('syntax errors', () => {
  for (const [text, description, [line, column, offset]] of cases) {
    it(`${JSON.stringify(text)}: ${description}`, () => {
      const error = failure(text);
      assert.equal(error.code, 'Neo.ClientError.Statement.SyntaxError');
      assert.equal(error.description, description);
      assert.deepEqual(error.position, { line, column, offset });
    });
  }

  it('are worded like Neo4j 4.x: the description, the position, the line and a caret under the offending character', () => {
    assert.equal(
      failure('MATCH (n RETURN n').message,
      `Invalid input 'RETURN': expected ":", a property map, a parameter or ")" (line 1, column 10 (offset: 9))\n"MATCH (n RETURN n"\n          ^`,
    );
    assert.equal(failure('MATCH (n)\r\nWHERE n.x = = 1\r\nRETURN n').message, `Invalid input '=': expected an expression (line 2, column 13 (offset: 23))\n"WHERE n.x = = 1"\n             ^`);
    assert.equal(failure('RETURN').message, `Unexpected end of input: expected "DISTINCT", "*" or an expression (line 1, column 7 (offset: 6))\n"RETURN"\n       ^`);
  });

  it(`refuse brackets nested deeper than ${maxNesting} levels instead of exhausting the stack`, () => {
    assert.doesNotThrow(() => parse(`RETURN ${'('.repeat(maxNesting)}1${')'.repeat(maxNesting)}`));
    const kinds = ['(', '[', '{a: ', 'NOT ', '-', 'size(', 'CASE WHEN true THEN '];
    for (const open of kinds) {
      const error = failure(`RETURN ${open.repeat(maxNesting + 1)}x`);
      assert.match(error.description, new RegExp(`expressions may nest at most ${maxNesting} levels deep`), open);
      assert.equal(error.code, 'Neo.ClientError.Statement.SyntaxError');
    }
  });

  it('are positioned on the line they are on, counting columns from that line', () => {
    const error = failure('MATCH (n)\n\n   RETURN n LIMIT\n');
    assert.deepEqual(error.position, { line: 4, column: 1, offset: 29 });
    assert.equal(error.message.split('\n')[1], '""');
  });
});
