import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Neo4jError } from '../../../../protocol/errors.js';
import { decodeTransactionRequest, maxRequestNesting } from '../../../../protocol/http/transaction-request.js';
import { readRoutingInputs } from '../../../../proxy/http/routing-inputs.js';
import { shardKeyExtractor } from '../../../../proxy/routing/shard-key.js';
import { Random } from '../../../support/random.js';

const maxLength = 1 << 20;
const shardKey = shardKeyExtractor([{ parameter: 'k' }]);

/** What routing gets from `body` through the careful decoder, or its refusal. */
function careful(body: string): unknown {
  try {
    const request = decodeTransactionRequest(body, { maxLength, maxDepth: maxRequestNesting });
    const parameters = request.statements[0]?.parameters;
    return { statements: request.statements.map((s) => s.statement), key: shardKey({ headers: {}, url: '/', parameters }), bookmarks: [...request.bookmarks] };
  } catch (error) {
    assert.ok(error instanceof Neo4jError);
    return { code: error.code, message: error.message };
  }
}

function fast(body: string): unknown {
  try {
    const inputs = readRoutingInputs(body, maxLength);
    return { statements: [...inputs.statements], key: shardKey({ headers: {}, url: '/', parameters: inputs.parameters }), bookmarks: [...inputs.bookmarks] };
  } catch (error) {
    assert.ok(error instanceof Neo4jError);
    return { code: error.code, message: error.message };
  }
}

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const bodies = [
  '',
  '   ',
  '{}',
  '{"statements":null}',
  '{"statements":[]}',
  '{"statements":[{"statement":"RETURN 1"}]}',
  '{"statements":[{"statement":"MATCH (n {k: $k}) RETURN n","parameters":{"k":"de"}},{"statement":"CREATE (n)"}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":42}}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":1.0}}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":-0}}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":1e2}}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":1.5}}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":9007199254740993}}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":-9223372036854775808}}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":9223372036854775808}}]}',
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":1e400}}]}',
  `{"statements":[{"statement":"RETURN $k","parameters":{"k":1${'0'.repeat(400)}}}]}`,
  '{"statements":[{"statement":"RETURN $k","parameters":{"k":[1,{"a":[2]}]}}]}',
  `{"statements":[{"statement":"RETURN $k","parameters":{"k":${nested(maxRequestNesting - 3)}}}]}`,
  `{"statements":[{"statement":"RETURN $k","parameters":{"k":${nested(maxRequestNesting - 2)}}}]}`,
  '{"statements":[{"statement":"RETURN 1","parameters":null,"includeStats":null,"resultDataContents":null}]}',
  '{"statements":[{"statement":"RETURN 1","resultDataContents":["ROW","Graph"],"includeStats":true,"other":1}]}',
  '{"statements":[{"statement":"RETURN 1","resultDataContents":["rest"]}]}',
  '{"statements":[{"statement":"RETURN 1","resultDataContents":"row"}]}',
  '{"statements":[{"statement":"RETURN 1","includeStats":"yes"}]}',
  '{"statements":[{"statement":"RETURN 1","parameters":[1]}]}',
  '{"statements":[{"statement":1}]}',
  '{"statements":[{}]}',
  '{"statements":["RETURN 1"]}',
  '{"statements":{"statement":"RETURN 1"}}',
  '{"statement":[{"statement":"RETURN 1"}]}',
  '{"__proto__":[]}',
  '{"statements":[{"statement":"RETURN $__proto__","parameters":{"__proto__":"x"}}]}',
  '{"bookmarks":["neo4j:bookmark:v1:tx42"],"statements":[]}',
  '{"bookmarks":null}',
  '{"bookmarks":[1]}',
  '{"bookmarks":"neo4j:bookmark:v1:tx42"}',
  '{"statements":[{"statement":"RETURN \\"\\u00e9\\n\\""}]}',
  '{"statements":[{"statement":"RETURN 1"}],}',
  '{"statements":[{"statement":"RETURN 1"}]} x',
  '{"statements":[{"statement":"RETURN 1\u0001"}]}',
  '[]',
  '"text"',
  'null',
  '\ufeff{}',
  '\u00a0',
];

describe('readRoutingInputs', () => {
  it('gives what the careful decoder gives, or refuses with its exact error', () => {
    for (const body of bodies) assert.deepEqual(fast(body), careful(body), body.slice(0, 120));
  });

  it('keeps a shard key beyond 2^53 as its literal, through the careful decoder', () => {
    const inputs = readRoutingInputs('{"statements":[{"statement":"RETURN $k","parameters":{"k":9007199254740993}}]}', maxLength);
    assert.equal(shardKey({ headers: {}, url: '/', parameters: inputs.parameters }), '9007199254740993');
  });

  it('agrees with the careful decoder on randomly damaged bodies', () => {
    const random = new Random(0x5eed5);
    const alphabet = ['{', '}', '[', ']', '"', ',', ':', '\\', ' ', '1', '-', '.', 'e', 'n', 'null', 'true', '0', '9007199254740993', 'x'];
    for (let round = 0; round < 3000; round++) {
      let body = random.pick(bodies);
      const edits = 1 + random.int(3);
      for (let e = 0; e < edits; e++) {
        const at = random.int(body.length + 1);
        const cut = random.int(3);
        body = body.slice(0, at) + (random.chance(0.7) ? random.pick(alphabet) : '') + body.slice(at + cut);
      }
      assert.deepEqual(fast(body), careful(body), `seed ${random.seed}, round ${round}: ${body.slice(0, 200)}`);
    }
  });
});
