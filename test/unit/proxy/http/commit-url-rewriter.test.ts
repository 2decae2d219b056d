import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommitUrlRewriter } from '../../../../proxy/http/commit-url-rewriter.js';
import { parseTokenPath, TransactionTokens } from '../../../../proxy/http/transaction-token.js';
import { Random } from '../../../support/random.js';

const tokens = new TransactionTokens('nonce1');

function rewriteInPieces(body: string, cuts: readonly number[]): { text: string; txId: number | undefined } {
  const rewriter = new CommitUrlRewriter(tokens, 'instance2');
  const bytes = Buffer.from(body);
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(rewriter.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(rewriter.end());
  return { text: Buffer.concat(out).toString(), txId: rewriter.txId };
}

describe('CommitUrlRewriter', () => {
  const token = tokens.encode('instance2', 17);
  const v3 = '{"commit":"http://p:7474/db/data/transaction/17/commit","results":[{"columns":["x"],"data":[{"row":["\\"commit\\":\\"x"]}]}],"errors":[]}';
  const v4 = '{"results":[{"columns":["x"],"data":[{"row":[1]}]}],"errors":[],"commit":"http://p:7474/db/neo%2Fj/tx/17/commit","transaction":{"expires":"x"}}';

  it('rewrites the commit URL of v3 and v4 answers at every split point', () => {
    for (const [body, expected] of [
      [v3, v3.replace('/17/commit', `/${token}/commit`)],
      [v4, v4.replace('/17/commit', `/${token}/commit`)],
    ] as const) {
      for (let cut = 0; cut <= body.length; cut++) {
        const { text, txId } = rewriteInPieces(body, [cut]);
        assert.equal(text, expected, `cut at ${cut}`);
        assert.equal(txId, 17);
      }
    }
  });

  it('survives random chunkings (seeded)', () => {
    const random = new Random(5150);
    const expected = v4.replace('/17/commit', `/${token}/commit`);
    for (let round = 0; round < 200; round++) {
      const cuts = [...new Set(Array.from({ length: random.int(8) }, () => random.int(v4.length)))].sort((a, b) => a - b);
      assert.equal(rewriteInPieces(v4, cuts).text, expected, `seed ${random.seed}, cuts ${cuts.join(',')}`);
    }
  });

  it('leaves bodies without a transaction commit URL alone', () => {
    for (const body of ['{"results":[],"errors":[]}', '{"commit":"http://p/elsewhere","results":[]}', '{"commit":"http://p/db/data/transaction/x/commit"}']) {
      assert.equal(rewriteInPieces(body, [3, 12]).text, body);
    }
  });
});

describe('TransactionTokens', () => {
  it('round-trips member and id, and refuses other runs\' tokens and garbage', () => {
    const token = tokens.encode('my.member', 42);
    assert.deepEqual(tokens.decode(token), { member: 'my.member', txId: 42 });
    assert.match(String(new TransactionTokens('other').decode(token)), /earlier run of the proxy/);
    for (const bad of ['42', 'x', 't', 'tAAAA', `${token}!`]) assert.equal(typeof tokens.decode(bad), 'string', bad);
  });

  it('rewrites member URLs and parses token paths', () => {
    const rewritten = tokens.rewriteUrl('http://p:1/db/neo4j/tx/9', 'a');
    assert.deepEqual(rewritten, { url: `http://p:1/db/neo4j/tx/${tokens.encode('a', 9)}`, txId: 9 });
    assert.equal(tokens.rewriteUrl('http://p:1/db/data/', 'a'), undefined);
    assert.deepEqual(parseTokenPath('/db/data/transaction/tabc/commit'), { prefix: '/db/data/transaction/', segment: 'tabc', suffix: '/commit', commit: true });
    assert.deepEqual(parseTokenPath('/db/neo4j/tx/tabc'), { prefix: '/db/neo4j/tx/', segment: 'tabc', suffix: '', commit: false });
    for (const notToken of ['/db/data/transaction', '/db/data/transaction/commit', '/db/data/transaction/12', '/db/data/transaction/tabc/x']) {
      assert.equal(parseTokenPath(notToken), undefined, notToken);
    }
  });
});
