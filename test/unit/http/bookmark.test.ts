import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBookmark, latestBookmarkedTxId, parseBookmark } from '../../../protocol/bookmark.js';
import { Neo4jError } from '../../../protocol/errors.js';

describe('bookmarks', () => {
  it('are written in Neo4j 3.5 form and read back', () => {
    assert.equal(formatBookmark(42), 'neo4j:bookmark:v1:tx42');
    assert.equal(parseBookmark(formatBookmark(123456789)), 123456789);
  });

  it("are also read in Neo4j 4.x's <database id>:<tx id> form", () => {
    assert.equal(parseBookmark('5b8d0d2c-3a5e-4a8b-9d2e-0c7f1d6e9a10:17'), 17);
  });

  it('name the highest transaction of a list, 0 for none', () => {
    assert.equal(latestBookmarkedTxId([]), 0);
    assert.equal(latestBookmarkedTxId(['neo4j:bookmark:v1:tx7', 'neo4j:bookmark:v1:tx12', 'db:3']), 12);
  });

  it('refuse anything else with InvalidBookmark, saying what is expected', () => {
    for (const bad of ['', 'neo4j:bookmark:v1:tx', 'neo4j:bookmark:v2:tx5', 'FB:kcwQt8DpQx5zR0uN3Oj', 'tx5', 'neo4j:bookmark:v1:tx99999999999999999999']) {
      assert.throws(
        () => parseBookmark(bad),
        (error: unknown) =>
          error instanceof Neo4jError &&
          error.code === 'Neo.ClientError.Transaction.InvalidBookmark' &&
          error.message.includes('expected neo4j:bookmark:v1:tx<transaction id>'),
        bad,
      );
    }
    assert.throws(() => latestBookmarkedTxId(['neo4j:bookmark:v1:tx1', 'junk']), /Supplied bookmark 'junk' cannot be interpreted/);
  });
});
