import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Neo4jError } from '../../../protocol/errors.js';
import { decodeBookmarksHeader, decodeTransactionRequest } from '../../../protocol/http/transaction-request.js';

const limits = { maxLength: 1_000_000, maxDepth: 100 };

function refused(body: string): string {
  try {
    decodeTransactionRequest(body, limits);
  } catch (error) {
    assert.ok(error instanceof Neo4jError);
    assert.equal(error.code, 'Neo.ClientError.Request.InvalidFormat');
    return error.message;
  }
  assert.fail(`${body} was accepted`);
}

describe('a transaction request body', () => {
  it('is read with defaults for what a statement leaves out', () => {
    const request = decodeTransactionRequest(
      '{"statements":[{"statement":"RETURN $x","parameters":{"x":1,"y":1.5}},{"statement":"RETURN 2","resultDataContents":["GRAPH","row","graph"],"includeStats":true,"unknown":1}],"bookmarks":["neo4j:bookmark:v1:tx3"]}',
      limits,
    );
    assert.equal(request.statements.length, 2);
    assert.equal(request.statements[0]?.statement, 'RETURN $x');
    assert.deepEqual({ ...request.statements[0]?.parameters }, { x: 1n, y: 1.5 });
    assert.deepEqual(request.statements[0]?.resultDataContents, ['row']);
    assert.equal(request.statements[0]?.includeStats, false);
    assert.deepEqual(request.statements[1]?.resultDataContents, ['graph', 'row']);
    assert.equal(request.statements[1]?.includeStats, true);
    assert.deepEqual(request.bookmarks, ['neo4j:bookmark:v1:tx3']);
  });

  it('may be empty, {} or have no statements', () => {
    for (const body of ['', '  \n', '{}', '{"statements":[]}', '{"statements":null}']) {
      assert.deepEqual(decodeTransactionRequest(body, limits), { statements: [], bookmarks: [] }, JSON.stringify(body));
    }
    assert.deepEqual({ ...decodeTransactionRequest('{"statements":[{"statement":"RETURN 1","parameters":null}]}', limits).statements[0]?.parameters }, {});
  });

  it('is refused with InvalidFormat saying what was found and what was expected', () => {
    assert.match(refused('{"statements": ['), /^Unable to deserialize request: the body is not valid JSON: unexpected end of the input at line 1, column 17/);
    assert.match(refused('[]'), /the body is an array; expected a JSON object like \{"statements"/);
    assert.match(refused('{"query":"RETURN 1"}'), /unknown field 'query'; expected 'statements'/);
    assert.match(refused('{"statements":"RETURN 1"}'), /'statements' is a string; expected an array of statement objects/);
    assert.match(refused('{"statements":[1]}'), /statement 1 is a number; expected an object/);
    assert.match(refused('{"statements":[{"parameters":{}}]}'), /statement 1 has no 'statement' field/);
    assert.match(refused('{"statements":[{"statement":1}]}'), /the 'statement' of statement 1 is a number; expected a string of Cypher/);
    assert.match(refused('{"statements":[{"statement":"RETURN 1","parameters":[1]}]}'), /the 'parameters' of statement 1 are an array; expected an object/);
    assert.match(refused('{"statements":[{"statement":"RETURN 1","resultDataContents":["REST"]}]}'), /holds "REST"; expected "row" or "graph" \(the REST format/);
    assert.match(refused('{"statements":[{"statement":"RETURN 1","includeStats":"yes"}]}'), /'includeStats' of statement 1 is a string; expected true or false/);
    assert.match(refused('{"statements":[],"bookmarks":"neo4j:bookmark:v1:tx1"}'), /the field 'bookmarks' is a string; expected a list of bookmark strings/);
  });

  it('refuses deeply nested parameters clearly', () => {
    const nested = `{"statements":[{"statement":"RETURN $p","parameters":{"p":${'['.repeat(200)}${']'.repeat(200)}}}]}`;
    assert.match(refused(nested), /nested 101 levels deep .*expected at most 100 levels of nesting/);
  });
});

describe('the Bookmarks header', () => {
  it('is a JSON list of strings, or one bare bookmark', () => {
    assert.deepEqual(decodeBookmarksHeader('["neo4j:bookmark:v1:tx1", "db:2"]', limits), ['neo4j:bookmark:v1:tx1', 'db:2']);
    assert.deepEqual(decodeBookmarksHeader(' neo4j:bookmark:v1:tx1 ', limits), ['neo4j:bookmark:v1:tx1']);
    assert.deepEqual(decodeBookmarksHeader('', limits), []);
    assert.throws(() => decodeBookmarksHeader('[1]', limits), /the Bookmarks header is an array; expected a list of bookmark strings/);
    assert.throws(() => decodeBookmarksHeader('["a"', limits), /the Bookmarks header is not valid JSON/);
  });
});
