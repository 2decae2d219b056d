import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CypherError } from '../../../cypher/cypher-error.js';
import { parse } from '../../../cypher/parser.js';

function failure(text: string): CypherError {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof CypherError, `a CypherError, not ${String(error)}`);
    return error;
  }
  assert.fail(`${JSON.stringify(text)} was accepted`);
}

/** statement, the description (exact), [line, column, offset] */
const refused: [string, string, [number, number, number]][] = [
  // unknown variables
  ['MATCH (n) RETURN m', 'Variable `m` not defined', [1, 18, 17]],
  ['MATCH (n)\nWHERE n.x = y.x\nRETURN n', 'Variable `y` not defined', [2, 13, 22]],
  ['RETURN $p + x', 'Variable `x` not defined', [1, 13, 12]],
  ['MATCH (n) SET x.y = 1', 'Variable `x` not defined', [1, 15, 14]],
  ['MATCH (n) SET m = {}', 'Variable `m` not defined', [1, 15, 14]],
  ['MATCH (n) SET m:L', 'Variable `m` not defined', [1, 15, 14]],
  ['MATCH (n) REMOVE m:L', 'Variable `m` not defined', [1, 18, 17]],
  ['MATCH (n) DELETE m', 'Variable `m` not defined', [1, 18, 17]],
  ['CREATE (n {x: m.x})', 'Variable `m` not defined', [1, 15, 14]],
  ['RETURN [x IN [1] | y]', 'Variable `y` not defined', [1, 20, 19]],
  ['RETURN [x IN [1] | x], x', 'Variable `x` not defined', [1, 24, 23]],
  ['RETURN m {.a}', 'Variable `m` not defined', [1, 8, 7]],
  ['WITH 1 AS a RETURN a {b}', 'Variable `b` not defined', [1, 20, 19]],
  ['FOREACH (x IN [1] | CREATE (:N {v: x})) RETURN x', 'Variable `x` not defined', [1, 48, 47]],
  ['UNWIND [1] AS x FOREACH (y IN [x] | CREATE (n)) RETURN n', 'Variable `n` not defined', [1, 56, 55]],
  ['CALL db.labels() YIELD label AS l RETURN label', 'Variable `label` not defined', [1, 42, 41]],
  ['CREATE INDEX FOR (n:Person) ON (m.name)', 'Variable `m` not defined', [1, 33, 32]],
  ['CREATE CONSTRAINT ON (n:Person) ASSERT m.email IS UNIQUE', 'Variable `m` not defined', [1, 40, 39]],
  // WITH and RETURN scoping
  ['MATCH (n) WITH n.name AS name WHERE n.age > 3 RETURN name', 'Variable `n` not defined', [1, 37, 36]],
  ['MATCH (n), (m) WITH n RETURN m', 'Variable `m` not defined', [1, 30, 29]],
  ['MATCH (n) WITH n.name RETURN 1', 'Expression in WITH must be aliased (use AS)', [1, 16, 15]],
  ['MATCH (n) RETURN DISTINCT n.name AS name ORDER BY n.age', 'In a WITH/RETURN with DISTINCT or an aggregation, it is not possible to access variables declared before the WITH/RETURN: n', [1, 51, 50]],
  ['MATCH (n) WITH n.x AS x, count(*) AS c ORDER BY n.y RETURN x', 'In a WITH/RETURN with DISTINCT or an aggregation, it is not possible to access variables declared before the WITH/RETURN: n', [1, 49, 48]],
  ['MATCH (n) RETURN n.x AS x ORDER BY count(*)', 'Cannot use aggregation in ORDER BY if there are no aggregate expressions in the preceding RETURN', [1, 36, 35]],
  ['MATCH (n) RETURN n.x AS x, count(*) AS c ORDER BY sum(n.y)', 'Aggregation expressions must be listed in the RETURN clause to be used in ORDER BY', [1, 51, 50]],
  ['RETURN *', 'RETURN * is not allowed when there are no variables in scope', [1, 1, 0]],
  ['WITH * RETURN 1', 'WITH * is not allowed when there are no variables in scope', [1, 1, 0]],
  ['MATCH (n) RETURN n, n', 'Multiple result columns with the same name are not supported', [1, 21, 20]],
  ['MATCH (n) RETURN *, n', 'Multiple result columns with the same name are not supported', [1, 21, 20]],
  ['MATCH (n) WITH n.x AS a, n.y AS a RETURN a', 'Multiple result columns with the same name are not supported', [1, 26, 25]],
  ['MATCH (n) RETURN n SKIP n.x', 'It is not allowed to refer to variables in SKIP', [1, 25, 24]],
  ['MATCH (n) RETURN n LIMIT size(n.x)', 'It is not allowed to refer to variables in LIMIT', [1, 31, 30]],
  // aggregation
  ['MATCH (n) WHERE count(n) > 1 RETURN n', 'Invalid use of aggregating function count(...) in this context', [1, 17, 16]],
  ['MATCH (n) WITH n WHERE collect(n) = [] RETURN n', 'Invalid use of aggregating function collect(...) in this context', [1, 24, 23]],
  ['MATCH (n) SET n.c = count(*)', 'Invalid use of aggregating function count(...) in this context', [1, 21, 20]],
  ['UNWIND count(*) AS x RETURN x', 'Invalid use of aggregating function count(...) in this context', [1, 8, 7]],
  ['CREATE (n {c: sum(1)})', 'Invalid use of aggregating function sum(...) in this context', [1, 15, 14]],
  ['RETURN count(count(*))', "Can't use aggregate functions inside of aggregate functions.", [1, 14, 13]],
  ['RETURN [x IN [1] | count(x)]', "Can't use aggregating expressions inside of expressions executing over lists", [1, 20, 19]],
  ['RETURN toUpper(DISTINCT "a")', "Invalid use of DISTINCT with function 'toUpper'", [1, 8, 7]],
  ['CALL my.proc(count(*))', "Procedure call cannot take an aggregating function as argument, please add a 'WITH' to your statement.", [1, 14, 13]],
  // clause order
  ['MATCH (n)', 'Query cannot conclude with MATCH (must be RETURN or an update clause)', [1, 1, 0]],
  ['MATCH (n) WITH n', 'Query cannot conclude with WITH (must be RETURN or an update clause)', [1, 11, 10]],
  ['UNWIND [1] AS x', 'Query cannot conclude with UNWIND (must be RETURN or an update clause)', [1, 1, 0]],
  ['MATCH (n) CALL db.labels() YIELD label', 'Query cannot conclude with CALL (must be RETURN or an update clause)', [1, 11, 10]],
  ['MATCH (n) RETURN n MATCH (m) RETURN m', 'RETURN can only be used at the end of the query', [1, 11, 10]],
  ['CREATE (a) MATCH (b) RETURN b', 'WITH is required between CREATE and MATCH', [1, 12, 11]],
  ['MATCH (a) SET a.x = 1 OPTIONAL MATCH (b) RETURN b', 'WITH is required between SET and OPTIONAL MATCH', [1, 23, 22]],
  ['MATCH (a) DETACH DELETE a UNWIND [1] AS x RETURN x', 'WITH is required between DETACH DELETE and UNWIND', [1, 27, 26]],
  ['CALL db.labels() RETURN 1', 'Procedure call inside a query does not support naming results implicitly (name explicitly using `YIELD` instead)', [1, 1, 0]],
  ['MATCH (n) CALL db.labels() YIELD * RETURN n', 'Cannot use `YIELD *` outside standalone call', [1, 11, 10]],
  // redeclaration
  ['UNWIND [1] AS x UNWIND [2] AS x RETURN x', 'Variable `x` already declared', [1, 17, 16]],
  ['MATCH (n) UNWIND [1] AS n RETURN n', 'Variable `n` already declared', [1, 11, 10]],
  ['MATCH (n) FOREACH (n IN [1] | CREATE ())', 'Variable `n` already declared', [1, 11, 10]],
  ['MATCH (label) CALL db.labels() YIELD label RETURN label', 'Variable `label` already declared', [1, 15, 14]],
  ['MATCH p = (a) MATCH p = (b) RETURN p', 'Variable `p` already declared', [1, 21, 20]],
  ['MATCH (n)-[n]->() RETURN n', 'Type mismatch: n defined with conflicting type Node (expected Relationship)', [1, 10, 9]],
  ['MATCH ()-[r]->() MATCH (r) RETURN r', 'Type mismatch: r defined with conflicting type Relationship (expected Node)', [1, 24, 23]],
  ['MATCH ()-[r]->(), ()-[r]->() RETURN r', "Cannot use the same relationship variable 'r' for multiple patterns", [1, 21, 20]],
  // what CREATE and MERGE can create
  ['MATCH (n) CREATE (n:Person)', "Can't create node `n` with labels or properties here. The variable is already declared in this context", [1, 18, 17]],
  ['MATCH (n) CREATE (n {x: 1})-[:R]->()', "Can't create node `n` with labels or properties here. The variable is already declared in this context", [1, 18, 17]],
  ['CREATE (a:A), (a:B)', "Can't create node `a` with labels or properties here. The variable is already declared in this context", [1, 15, 14]],
  ['MATCH (n) MERGE (n:Person)', "Can't create node `n` with labels or properties here. The variable is already declared in this context", [1, 17, 16]],
  ['MATCH (n) CREATE (n)', 'Variable `n` already declared', [1, 18, 17]],
  ['MATCH ()-[r]->() CREATE ()-[r:T]->()', 'Variable `r` already declared', [1, 27, 26]],
  ['CREATE (a)-[:R|S]->(b)', 'A single relationship type must be specified for CREATE', [1, 11, 10]],
  ['CREATE (a)-->(b)', 'A single relationship type must be specified for CREATE', [1, 11, 10]],
  ['CREATE (a)-[:R]-(b)', 'Only directed relationships are supported in CREATE', [1, 11, 10]],
  ['CREATE (a)-[:R*2]->(b)', 'Variable length relationships cannot be used in CREATE', [1, 11, 10]],
  ['MERGE (a)-[r]->(b)', "Exactly one relationship type must be specified for MERGE. Did you forget to prefix your relationship type with a ':'?", [1, 10, 9]],
  ['MERGE (a)-[:R*]->(b)', 'Variable length relationships cannot be used in MERGE', [1, 10, 9]],
  ['MATCH (n $props) RETURN n', 'Parameter maps cannot be used in MATCH patterns (use a literal map instead, e.g. {id: $props.id})', [1, 10, 9]],
  ['MERGE (n:P $props)', 'Parameter maps cannot be used in MERGE patterns (use a literal map instead, e.g. {id: $props.id})', [1, 12, 11]],
  // UNION
  ['RETURN 1 AS a UNION RETURN 2 AS b', 'All sub queries in an UNION must have the same column names (the first returns `a`, this one `b`)', [1, 21, 20]],
  ['RETURN 1 AS a, 2 AS b UNION ALL RETURN 2 AS b, 1 AS a', 'All sub queries in an UNION must have the same column names (the first returns `a`, `b`, this one `b`, `a`)', [1, 33, 32]],
  ['MATCH (n) RETURN n.x UNION MATCH (n) RETURN n.y', 'All sub queries in an UNION must have the same column names (the first returns `n.x`, this one `n.y`)', [1, 28, 27]],
  ['RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a', 'Invalid combination of UNION and UNION ALL', [1, 45, 44]],
];

/** Statements that look close to the ones above but are fine. */
const accepted = [
  'MATCH (n) RETURN n.name AS name ORDER BY n.age',
  'MATCH (n) WITH n.name AS name ORDER BY n.age RETURN name',
  'MATCH (n) RETURN n.name, count(*) ORDER BY n.name, count(*) DESC',
  'MATCH (n) RETURN n.name AS name, count(*) AS c ORDER BY name, c',
  'MATCH (n) RETURN DISTINCT n.name ORDER BY n.name',
  'MATCH (n) WITH n, count(*) AS c ORDER BY c WHERE c > 1 RETURN n',
  'MATCH (n) RETURN n SKIP $skip LIMIT 10 + 1',
  'MATCH (n) WITH * RETURN *',
  'MATCH (n) WITH n AS m MATCH (m)-->(x) RETURN x',
  'MATCH (a) CREATE (a)-[:R]->(b:B {from: a.name}) RETURN b',
  'MATCH (a), (b) MERGE (a)-[:R]-(b)',
  'CREATE (a:A)-[:R]->(a)',
  'CREATE (a:A) CREATE (a)-[:R]->(:B)',
  'CREATE (n $props) RETURN n',
  'MATCH (a)-[r]->(b) MATCH (b)-[r]->(c) RETURN c',
  'MATCH (n) WITH n MATCH (n:Extra) RETURN n',
  'WITH 1 AS x UNWIND [x] AS y RETURN x, y',
  'UNWIND [1] AS x FOREACH (y IN [x] | CREATE (:N {v: y}) FOREACH (z IN [y] | CREATE (:M {v: z, x: x})))',
  'CREATE (a) WITH a MATCH (b) RETURN a, b',
  'MATCH (n) CALL db.labels() YIELD label RETURN n, label',
  'CALL db.labels() YIELD label',
  'CALL db.labels() YIELD *',
  'CALL db.labels',
  "CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'A' RETURN l",
  'MATCH (n) CALL my.proc(n)',
  'RETURN 1 AS a UNION RETURN 2 AS a UNION RETURN 3 AS a',
  'MATCH (n) RETURN n UNION ALL MATCH (n) RETURN n',
  'MATCH (n) SET n.x = 1 RETURN n',
  'MATCH (n) DELETE n.x',
  'RETURN [x IN [1, 2] WHERE x > 1 | x * 2] AS xs, count(*) AS c',
  'WITH [1] AS x RETURN [x IN x | x]',
  'MATCH (n) RETURN n {.name, friends: [(1)], n}',
  'MATCH (n) RETURN collect(DISTINCT n.x), avg(n.x), min(n.x), max(n.x), sum(n.x), stdev(n.x)',
  'MATCH (n) WHERE n:Person RETURN n:Admin AS admin',
  'MATCH p = (a)-[*]->(b) RETURN p, a, b',
  'WITH 1 AS `a b` RETURN `a b`',
];

describe('semantic errors', () => {
  for (const [text, description, [line, column, offset]] of refused) {
    it(`${JSON.stringify(text)}: ${description}`, () => {
      const error = failure(text);
      assert.equal(error.description, description);
      assert.equal(error.code, 'Neo.ClientError.Statement.SemanticError');
      assert.deepEqual(error.position, { line, column, offset });
    });
  }

  it('carry the position and the caret line in the message, as syntax errors do', () => {
    assert.equal(failure('MATCH (n)\nRETURN m').message, 'Variable `m` not defined (line 2, column 8 (offset: 17))\n"RETURN m"\n        ^');
  });
});

describe('statements close to a mistake', () => {
  for (const text of accepted) {
    it(text, () => assert.doesNotThrow(() => parse(text)));
  }
});
