import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitPathOf, parseTransactionPath, transactionPathOf } from '../../../protocol/http/transaction-path.js';

describe('transaction API paths', () => {
  it('are read in both families', () => {
    const cases: [string, ReturnType<typeof parseTransactionPath>][] = [
      ['/db/data/transaction', { family: 'v3', database: undefined, transactionId: undefined, commit: false }],
      ['/db/data/transaction/', { family: 'v3', database: undefined, transactionId: undefined, commit: false }],
      ['/db/data/transaction/commit', { family: 'v3', database: undefined, transactionId: undefined, commit: true }],
      ['/db/data/transaction/12', { family: 'v3', database: undefined, transactionId: 12, commit: false }],
      ['/db/data/transaction/12/commit', { family: 'v3', database: undefined, transactionId: 12, commit: true }],
      ['/db/neo4j/tx', { family: 'v4', database: 'neo4j', transactionId: undefined, commit: false }],
      ['/db/graph.db/tx/commit', { family: 'v4', database: 'graph.db', transactionId: undefined, commit: true }],
      ['/db/my%20db/tx/3', { family: 'v4', database: 'my db', transactionId: 3, commit: false }],
      ['/db/neo4j/tx/3/commit/', { family: 'v4', database: 'neo4j', transactionId: 3, commit: true }],
    ];
    for (const [path, expected] of cases) assert.deepEqual(parseTransactionPath(path), expected, path);
  });

  it('are not anything else', () => {
    for (const path of ['/', '/db/data', '/db/data/transaction/abc', '/db/data/transaction/1/2', '/db/neo4j/tx/1/rollback', '/db//tx', '/db/%E0%A4%A/tx', '/db/neo4j/transaction']) {
      assert.equal(parseTransactionPath(path), undefined, path);
    }
  });

  it('are written back for Location and commit URLs', () => {
    assert.equal(transactionPathOf('v3', undefined, 7), '/db/data/transaction/7');
    assert.equal(commitPathOf('v3', undefined, 7), '/db/data/transaction/7/commit');
    assert.equal(transactionPathOf('v4', 'neo4j', 7), '/db/neo4j/tx/7');
    assert.equal(commitPathOf('v4', 'my db', 7), '/db/my%20db/tx/7/commit');
  });
});
