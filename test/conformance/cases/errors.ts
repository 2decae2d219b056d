import type { ConformanceCase } from '../conformance-case.js';

const syntaxError = { error: 'Neo.ClientError.Statement.SyntaxError' };
// Neo4j 4.x/5 reports these checks with the SyntaxError code; graphlb follows its issue 3,
// which names SemanticError for them (both are non-retryable client errors).
const semanticError = { error: 'Neo.ClientError.Statement.SemanticError' };
const parameterMissing = { error: 'Neo.ClientError.Statement.ParameterMissing' };
const typeError = { error: 'Neo.ClientError.Statement.TypeError' };
const arithmeticError = { error: 'Neo.ClientError.Statement.ArithmeticError' };

export const cases: ConformanceCase[] = [
  // ---------------------------------------------------------------- syntax
  { name: 'an expression cut short is a syntax error', query: 'RETURN 1 +', expected: syntaxError },
  { name: 'an unclosed node pattern is a syntax error', query: 'MATCH (n RETURN n', expected: syntaxError },
  { name: 'a misspelt keyword is a syntax error', query: 'RETRUN 1', expected: syntaxError },
  { name: 'an unclosed string is a syntax error', query: "RETURN 'abc", expected: syntaxError },
  { name: '!= is not Cypher', query: 'RETURN 1 != 2', expected: syntaxError },
  { name: 'a negative LIMIT is an error', query: 'RETURN 1 LIMIT -1', expected: syntaxError },

  // ---------------------------------------------------------------- semantic checks
  { name: 'an unknown variable in RETURN', query: 'RETURN x', expected: semanticError },
  { name: 'an unknown variable in WHERE', query: 'MATCH (n) WHERE m.x = 1 RETURN n', expected: semanticError },
  { name: 'an aggregate in WHERE', query: 'MATCH (n) WHERE count(n) > 1 RETURN n', expected: semanticError },

  // ---------------------------------------------------------------- parameters
  { name: 'a missing parameter', query: 'RETURN $x', expected: parameterMissing },
  { name: 'a missing parameter inside a pattern', query: 'MATCH (n {name: $name}) RETURN n', parameters: { other: 'x' }, expected: parameterMissing },
  {
    name: 'a parameter given as null is not missing',
    query: 'RETURN $x AS x',
    parameters: { x: null },
    expected: { columns: ['x'], rows: [[null]], ordered: true },
  },

  // ---------------------------------------------------------------- types
  { name: 'adding an integer and a boolean', query: 'RETURN $a + $b', parameters: { a: 1n, b: true }, expected: typeError },
  { name: 'indexing a string', query: 'WITH $l AS l RETURN l[0]', parameters: { l: 'abc' }, expected: typeError },
  { name: 'indexing a list with a string', query: 'WITH [1, 2, 3] AS l RETURN l[$i]', parameters: { i: '1' }, expected: typeError },
  { name: 'a property of an integer', query: 'UNWIND $xs AS x RETURN x.name', parameters: { xs: [1n] }, expected: typeError },
  { name: 'toInteger() of a list', query: 'RETURN toInteger($x)', parameters: { x: [1n] }, expected: typeError },

  // ---------------------------------------------------------------- arithmetic
  { name: 'integer division by zero', query: 'WITH 0 AS zero RETURN 1 / zero', expected: arithmeticError },
  { name: 'integer modulo by zero', query: 'WITH 0 AS zero RETURN 1 % zero', expected: arithmeticError },

  // ---------------------------------------------------------------- a failed statement changes nothing
  {
    name: 'a statement that fails half way creates nothing',
    query: 'UNWIND [1, 0] AS x CREATE (:T {v: 10 / x})',
    expected: arithmeticError,
    after: { query: 'MATCH (t:T) RETURN count(t)', expected: { columns: ['count(t)'], rows: [[0n]], ordered: true } },
  },
  {
    name: 'a statement that fails after SET leaves the old value',
    setup: [`CREATE (:C {v: 1})`],
    query: 'MATCH (c:C) SET c.v = 2, c:Changed WITH c RETURN c.v / 0',
    expected: arithmeticError,
    after: { query: 'MATCH (c:C) RETURN c.v, labels(c)', expected: { columns: ['c.v', 'labels(c)'], rows: [[1n, ['C']]], ordered: true } },
  },
  {
    name: 'a statement that fails after DETACH DELETE leaves the graph whole',
    setup: [`CREATE (:A)-[:R]->(:B)`],
    query: 'MATCH (a:A) DETACH DELETE a WITH count(*) AS deleted RETURN deleted / 0',
    expected: arithmeticError,
    after: {
      query: 'MATCH (a:A)-[r:R]->(b:B) RETURN count(r)',
      expected: { columns: ['count(r)'], rows: [[1n]], ordered: true },
    },
  },
  {
    name: 'a constraint violation late in a statement undoes its earlier creations',
    setup: ['CREATE CONSTRAINT item_id FOR (i:Item) REQUIRE i.id IS UNIQUE', `CREATE (:Item {id: 3})`],
    query: 'UNWIND [1, 2, 3] AS i CREATE (:Item {id: i})',
    expected: { error: 'Neo.ClientError.Schema.ConstraintValidationFailed' },
    after: { query: 'MATCH (i:Item) RETURN i.id', expected: { columns: ['i.id'], rows: [[3n]], ordered: true } },
  },
];
