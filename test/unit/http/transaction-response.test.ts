import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOnlyBody, formatExpires, responseHead, responseTail, statisticsKeys } from '../../../protocol/http/transaction-response.js';

describe('the transaction response envelope', () => {
  const error = { code: 'Neo.ClientError.Statement.SyntaxError', message: 'Invalid input' };
  const expires = Date.UTC(2021, 8, 7, 8, 28, 0);

  it('puts commit first and errors last in the v3 family', () => {
    const body = `${responseHead('v3', 'http://h/c')}${responseTail('v3', { commit: 'http://h/c', expires, errors: [] })}`;
    assert.equal(body, '{"commit":"http://h/c","results":[],"transaction":{"expires":"Tue, 07 Sep 2021 08:28:00 +0000"},"errors":[]}');
    assert.deepEqual(Object.keys(JSON.parse(body) as object), ['commit', 'results', 'transaction', 'errors']);
  });

  it('puts results and errors first in the v4 family, then commit, transaction and lastBookmarks', () => {
    const open = `${responseHead('v4', 'http://h/c')}${responseTail('v4', { commit: 'http://h/c', expires, errors: [] })}`;
    assert.equal(open, '{"results":[],"errors":[],"commit":"http://h/c","transaction":{"expires":"Tue, 7 Sep 2021 08:28:00 GMT"}}');
    const committed = `${responseHead('v4', undefined)}${responseTail('v4', { errors: [], lastBookmarks: ['neo4j:bookmark:v1:tx9'] })}`;
    assert.equal(committed, '{"results":[],"errors":[],"lastBookmarks":["neo4j:bookmark:v1:tx9"]}');
  });

  it('lists errors with code and message only', () => {
    const body = `${responseHead('v3', undefined)}${responseTail('v3', { errors: [{ ...error, extra: 1 } as typeof error] })}`;
    assert.deepEqual(JSON.parse(body), { results: [], errors: [error] });
    assert.equal(errorsOnlyBody([error]), `{"results":[],"errors":[${JSON.stringify(error)}]}`);
  });

  it("reports Neo4j 4's two system statistics only in the v4 family", () => {
    assert.equal(statisticsKeys('v3').length, 12);
    assert.deepEqual(statisticsKeys('v4').slice(12), ['contains_system_updates', 'system_updates']);
    assert.equal(statisticsKeys('v3')[5], 'relationship_deleted');
  });

  it('formats expiry dates as each Neo4j version did', () => {
    assert.equal(formatExpires('v3', Date.UTC(2018, 6, 16, 8, 29, 31)), 'Mon, 16 Jul 2018 08:29:31 +0000');
    assert.equal(formatExpires('v4', Date.UTC(2023, 7, 3, 11, 45, 10)), 'Thu, 3 Aug 2023 11:45:10 GMT');
  });
});
