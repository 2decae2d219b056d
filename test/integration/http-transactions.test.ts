/**
 * The transactional HTTP API of a real engine: the life of a transaction on both path
 * families, URLs rewritten for the host the client used, failures that roll back,
 * access mode, bookmarks, expiry of an idle transaction and the databases served.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpEngine, transactionIdOf, type Answer } from './http-engine.js';

const families = [
  { name: 'v3', begin: '/db/data/transaction', commit: '/db/data/transaction/commit', path: (id: number) => `/db/data/transaction/${id}` },
  { name: 'v4', begin: '/db/neo4j/tx', commit: '/db/neo4j/tx/commit', path: (id: number) => `/db/neo4j/tx/${id}` },
] as const;

async function countNodes(engine: HttpEngine, label: string): Promise<number> {
  const answer = await engine.run(`MATCH (n:${label}) RETURN count(n) AS c`);
  return answer.json.results[0]?.data[0]?.row?.[0] as number;
}

/** Polls (bounded) until `probe` holds; the engine expires transactions on its own clock. */
async function eventually(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('HTTP transactions', () => {
  let engine: HttpEngine;

  before(async () => {
    engine = await HttpEngine.start({
      'dbms.rest.transaction.idle_timeout': '1s',
      'dbms.transaction.bookmark_ready_timeout': '300ms',
    });
  });

  after(async () => {
    await engine.stop();
  });

  for (const family of families) {
    describe(`on the ${family.name} paths`, () => {
      it('begin (201, Location, commit URL, expiry), run more, commit: the writes are visible after the commit only', async () => {
        const label = `Life${family.name}`;
        const begun = await engine.post(family.begin, { statements: [{ statement: `CREATE (n:${label} {i: 1}) RETURN n.i AS i` }] });
        assert.equal(begun.status, 201, begun.text);
        const id = transactionIdOf(begun.headers.location);
        assert.equal(begun.headers.location, `${engine.base}${family.path(id)}`);
        assert.equal(begun.json.commit, `${engine.base}${family.path(id)}/commit`);
        assert.deepEqual(begun.json.results, [{ columns: ['i'], data: [{ row: [1], meta: [null] }] }]);
        assert.ok(Date.parse(begun.json.transaction?.expires ?? '') > Date.now() - 2000, begun.text);

        const more = await engine.post(family.path(id), { statements: [{ statement: `CREATE (n:${label} {i: 2})` }] });
        assert.equal(more.status, 200, more.text);
        assert.deepEqual(more.json.errors, []);
        assert.ok(more.json.transaction, 'still open');
        assert.equal(await countNodes(engine, label), 0, 'uncommitted writes are not visible to others');

        const committed = await engine.post(`${family.path(id)}/commit`, { statements: [{ statement: `MATCH (n:${label}) RETURN count(n)` }] });
        assert.equal(committed.status, 200, committed.text);
        assert.deepEqual(committed.json.results[0]?.data[0]?.row, [2]);
        assert.equal(committed.json.transaction, undefined);
        assert.equal(committed.json.commit, undefined);
        assert.match(committed.json.lastBookmarks?.[0] ?? '', /^neo4j:bookmark:v1:tx\d+$/);
        assert.equal(await countNodes(engine, label), 2);

        const gone = await engine.post(family.path(id), { statements: [] });
        assert.equal(gone.status, 404);
        assert.equal(gone.json.errors[0]?.code, 'Neo.ClientError.Transaction.TransactionNotFound');
      });

      it('rolls back on DELETE; the transaction is gone afterwards', async () => {
        const label = `Rolled${family.name}`;
        const begun = await engine.post(family.begin, { statements: [{ statement: `CREATE (:${label})` }] });
        const id = transactionIdOf(begun.headers.location);
        const rolledBack = await engine.request('DELETE', family.path(id));
        assert.equal(rolledBack.status, 200);
        assert.deepEqual(rolledBack.json, { results: [], errors: [] });
        assert.equal(await countNodes(engine, label), 0);
        assert.equal((await engine.request('DELETE', family.path(id))).status, 404);
      });

      it('writes Location and commit URLs for the host the client used, or the one a proxy forwarded', async () => {
        const viaHost = await engine.post(family.begin, {}, { Host: 'db.example.com:8080' });
        assert.match(viaHost.headers.location ?? '', new RegExp(`^http://db\\.example\\.com:8080${family.begin}/\\d+$`));
        assert.match(viaHost.json.commit ?? '', new RegExp(`^http://db\\.example\\.com:8080${family.begin}/\\d+/commit$`));
        const viaProxy = await engine.post(family.begin, {}, { 'X-Forwarded-Host': 'proxy.example.com:7474', 'X-Forwarded-Proto': 'https' });
        assert.match(viaProxy.headers.location ?? '', new RegExp(`^https://proxy\\.example\\.com:7474${family.begin}/\\d+$`));
        const injected = await engine.post(family.begin, {}, { 'X-Forwarded-Host': 'evil.com/"><x' });
        assert.ok(injected.headers.location?.startsWith(`http://127.0.0.1:${engine.port}/`), injected.headers.location);
        for (const answer of [viaHost, viaProxy, injected]) await engine.request('DELETE', family.path(transactionIdOf(answer.headers.location)));
      });

      it('answers a failing statement with 200, the results before it, the error, and rolls everything back', async () => {
        const label = `Failing${family.name}`;
        const begun = await engine.post(family.begin, { statements: [{ statement: `CREATE (:${label})` }] });
        const id = transactionIdOf(begun.headers.location);
        const failed = await engine.post(family.path(id), {
          statements: [{ statement: 'RETURN 1 AS one' }, { statement: 'RETURN $missing' }, { statement: `CREATE (:${label})` }],
        });
        assert.equal(failed.status, 200, failed.text);
        assert.deepEqual(failed.json.results, [{ columns: ['one'], data: [{ row: [1], meta: [null] }] }]);
        assert.equal(failed.json.errors.length, 1);
        assert.equal(failed.json.errors[0]?.code, 'Neo.ClientError.Statement.ParameterMissing');
        assert.equal(failed.json.transaction, undefined, 'no longer open');
        assert.equal((await engine.post(family.path(id), { statements: [] })).status, 404);
        assert.equal(await countNodes(engine, label), 0);
      });

      it('runs a READ transaction when asked, refusing its writes with AccessMode', async () => {
        const read = await engine.post(family.commit, { statements: [{ statement: 'RETURN 1' }] }, { 'access-mode': 'READ' });
        assert.deepEqual(read.json.errors, []);
        const write = await engine.post(family.commit, { statements: [{ statement: 'CREATE (:ReadOnly)' }] }, { 'Access-Mode': 'read' });
        assert.equal(write.status, 200);
        assert.equal(write.json.errors[0]?.code, 'Neo.ClientError.Statement.AccessMode');
        assert.equal(await countNodes(engine, 'ReadOnly'), 0);
        const bad = await engine.post(family.commit, { statements: [] }, { 'access-mode': 'SOMETIMES' });
        assert.equal(bad.status, 400);
        assert.equal(bad.json.errors[0]?.code, 'Neo.ClientError.Request.Invalid');
        assert.match(bad.json.errors[0]?.message ?? '', /access-mode header 'SOMETIMES' is not valid; expected READ or WRITE/);
      });
    });
  }

  it('answers lastBookmarks on every commit and honours bookmarks in the body and the Bookmarks header', async () => {
    const write = await engine.run('CREATE (:Bookmarked)');
    const bookmark = write.json.lastBookmarks?.[0] ?? '';
    const txId = Number(/tx(\d+)$/.exec(bookmark)?.[1]);
    assert.ok(txId > 0, bookmark);
    const readOnly = await engine.post('/db/neo4j/tx/commit', { statements: [{ statement: 'RETURN 1' }] }, { 'access-mode': 'READ' });
    assert.deepEqual(readOnly.json.lastBookmarks, [bookmark], 'a read-only commit names the last applied transaction');

    const inBody = await engine.post('/db/data/transaction/commit', { statements: [{ statement: 'MATCH (n:Bookmarked) RETURN count(n)' }], bookmarks: [bookmark] });
    assert.deepEqual(inBody.json.errors, []);
    assert.deepEqual(inBody.json.results[0]?.data[0]?.row, [1]);
    const inHeader = await engine.post('/db/neo4j/tx/commit', { statements: [{ statement: 'RETURN 1' }] }, { Bookmarks: JSON.stringify([bookmark]) });
    assert.deepEqual(inHeader.json.errors, []);
  });

  it('fails a transaction whose bookmark this instance has not reached with BookmarkTimeout, within the configured bound', async () => {
    const started = Date.now();
    const ahead = await engine.post('/db/neo4j/tx', { statements: [{ statement: 'RETURN 1' }] }, { Bookmarks: '["neo4j:bookmark:v1:tx999999"]' });
    const elapsed = Date.now() - started;
    assert.equal(ahead.status, 201);
    assert.equal(ahead.json.errors[0]?.code, 'Neo.TransientError.Transaction.BookmarkTimeout');
    assert.match(ahead.json.errors[0]?.message ?? '', /999999/);
    assert.ok(elapsed >= 250 && elapsed < 5000, `waited ${elapsed} ms for a 300 ms bound`);
    assert.equal(ahead.json.transaction, undefined);
    const invalid = await engine.post('/db/neo4j/tx/commit', { statements: [], bookmarks: ['not a bookmark'] });
    assert.equal(invalid.json.errors[0]?.code, 'Neo.ClientError.Transaction.InvalidBookmark');
  });

  it('rolls back a transaction idle past dbms.rest.transaction.idle_timeout: 404 afterwards, transaction_expired logged', async () => {
    const begun = await engine.post('/db/neo4j/tx', { statements: [{ statement: 'CREATE (:Expired)' }] });
    const id = transactionIdOf(begun.headers.location);
    const expires = Date.parse(begun.json.transaction?.expires ?? '');
    assert.ok(expires - Date.now() <= 1000, `expires within the 1s idle timeout: ${begun.json.transaction?.expires}`);
    let last: Answer | undefined;
    await eventually(
      async () => {
        // A keep-alive would reset the timer: probe with the transaction-free read instead.
        last = await engine.run('MATCH (n:Expired) RETURN count(n)');
        return engine.process.events().some((e) => e['event'] === 'transaction_expired' && e['id'] === id);
      },
      10_000,
      'transaction_expired',
    );
    assert.deepEqual(last?.json.results[0]?.data[0]?.row, [0]);
    const after = await engine.post(`/db/neo4j/tx/${id}/commit`, { statements: [] });
    assert.equal(after.status, 404);
    assert.deepEqual(after.json, {
      results: [],
      errors: [{ code: 'Neo.ClientError.Transaction.TransactionNotFound', message: 'Unrecognized transaction id. Transaction may have timed out and been rolled back.' }],
    });
    assert.equal(await countNodes(engine, 'Expired'), 0);
  });

  it('keeps a transaction alive while requests come, each resetting the expiry', async () => {
    const begun = await engine.post('/db/data/transaction', {});
    const id = transactionIdOf(begun.headers.location);
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      const kept = await engine.post(`/db/data/transaction/${id}`, { statements: [] });
      assert.equal(kept.status, 200, `keep-alive ${i} after ${(i + 1) * 400} ms: ${kept.text}`);
    }
    assert.equal((await engine.request('DELETE', `/db/data/transaction/${id}`)).status, 200);
  });

  it('serves the active database and its alias neo4j, and answers DatabaseNotFound for others', async () => {
    for (const name of ['neo4j', 'graph.db', 'GRAPH.DB']) {
      assert.deepEqual((await engine.post(`/db/${name}/tx/commit`, { statements: [{ statement: 'RETURN 1' }] })).json.errors, [], name);
    }
    const other = await engine.post('/db/other/tx/commit', { statements: [{ statement: 'RETURN 1' }] });
    assert.equal(other.status, 404);
    assert.equal(other.json.errors[0]?.code, 'Neo.ClientError.Database.DatabaseNotFound');
    assert.match(other.json.errors[0]?.message ?? '', /Database name: 'other'.*serves 'graph\.db'/);
  });

  it("answers Neo4j 3.x's service root at /db/data/ and refuses other methods on the transaction URLs", async () => {
    const root = await engine.request('GET', '/db/data/');
    assert.equal(root.status, 200);
    assert.equal(root.json['transaction'], `${engine.base}/db/data/transaction`);
    const wrong = await engine.request('GET', '/db/neo4j/tx/commit');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.allow, 'POST');
    assert.equal((await engine.request('PUT', '/db/neo4j/tx/1')).headers.allow, 'POST, DELETE');
  });

  it('renders integers and floats distinctly, both ways', async () => {
    // Raw text: JSON.stringify would write 2.0 as 2.
    const answer = await engine.request('POST', '/db/neo4j/tx/commit', {
      body: '{"statements":[{"statement":"RETURN $i AS i, $f AS f, 1.0 AS lit, 9007199254740993 AS big, $i + 1 AS j, $f + 1 AS g","parameters":{"i":9007199254740993,"f":2.0}}]}',
    });
    assert.match(answer.text, /"row":\[9007199254740993,2\.0,1\.0,9007199254740993,9007199254740994,3\.0\]/);
  });
});
