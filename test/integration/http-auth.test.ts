/**
 * Basic authentication on a real engine with dbms.security.auth_enabled=true: Neo4j's
 * 401 with the challenge, the default password that must be changed first (4.x paths:
 * CredentialsExpired on every transaction; 3.x paths: 403 with the password_change URL),
 * the change through POST /user/neo4j/password, the rate limit, and the routes that
 * never ask for credentials.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpEngine } from './http-engine.js';

function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

const returnOne = { statements: [{ statement: 'RETURN 1 AS one' }] };

describe('HTTP authentication', () => {
  let engine: HttpEngine;

  before(async () => {
    engine = await HttpEngine.start({ 'dbms.security.auth_enabled': 'true', 'dbms.security.auth_lock_time': '2s' });
  });

  after(async () => {
    await engine.stop();
  });

  it('answers 401 with the challenge and Neo4j\'s body without credentials or with wrong ones', async () => {
    for (const path of ['/db/neo4j/tx/commit', '/db/data/transaction/commit', '/db/data/transaction', '/db/neo4j/tx/1']) {
      const missing = await engine.post(path, returnOne);
      assert.equal(missing.status, 401, path);
      assert.equal(missing.headers['www-authenticate'], 'Basic realm="Neo4j"');
      assert.deepEqual(missing.json, { errors: [{ code: 'Neo.ClientError.Security.Unauthorized', message: 'No authentication header supplied.' }] });
    }
    const wrong = await engine.post('/db/neo4j/tx/commit', returnOne, basic('neo4j', 'wrong'));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['www-authenticate'], 'Basic realm="Neo4j"');
    assert.deepEqual(wrong.json.errors, [{ code: 'Neo.ClientError.Security.Unauthorized', message: 'Invalid username or password.' }]);
  });

  it('never asks for credentials on discovery, metrics and the HA endpoints, and answers unknown paths 404', async () => {
    assert.equal((await engine.request('GET', '/')).status, 200);
    assert.equal((await engine.request('GET', '/metrics')).status, 200);
    assert.equal((await engine.request('GET', '/db/manage/server/ha/available')).status, 403);
    assert.equal((await engine.request('GET', '/no/such/path')).status, 404);
  });

  it('makes the default password be changed first: CredentialsExpired, 403 on 3.x paths, then the change, then success', async () => {
    const initial = basic('neo4j', 'neo4j');
    const v4 = await engine.post('/db/neo4j/tx/commit', returnOne, initial);
    assert.equal(v4.status, 200);
    assert.deepEqual(v4.json.results, []);
    assert.equal(v4.json.errors[0]?.code, 'Neo.ClientError.Security.CredentialsExpired');

    const v3 = await engine.post('/db/data/transaction/commit', returnOne, initial);
    assert.equal(v3.status, 403);
    assert.equal(v3.headers['www-authenticate'], undefined);
    assert.deepEqual(v3.json, {
      password_change: `${engine.base}/user/neo4j/password`,
      errors: [{ code: 'Neo.ClientError.Security.Forbidden', message: 'User is required to change their password.' }],
    });

    const status = await engine.request('GET', '/user/neo4j', { headers: initial });
    assert.deepEqual(status.json, { password_change_required: true, password_change: `${engine.base}/user/neo4j/password`, username: 'neo4j' });

    const other = await engine.post('/user/someone/password', { password: 'x' }, initial);
    assert.equal(other.status, 404);
    const missing = await engine.post('/user/neo4j/password', { pass: 'x' }, initial);
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.json.errors, [{ code: 'Neo.ClientError.Request.InvalidFormat', message: "Required parameter 'password' is missing." }]);
    const same = await engine.post('/user/neo4j/password', { password: 'neo4j' }, initial);
    assert.equal(same.status, 422);
    assert.equal(same.json.errors[0]?.code, 'Neo.ClientError.General.InvalidArguments');

    const changed = await engine.post('/user/neo4j/password', { password: 's3cret' }, initial);
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.text, '');

    const after = await engine.post('/db/neo4j/tx/commit', returnOne, basic('neo4j', 's3cret'));
    assert.equal(after.status, 200);
    assert.deepEqual(after.json.errors, []);
    assert.deepEqual(after.json.results[0]?.data[0]?.row, [1]);
    assert.equal((await engine.post('/db/neo4j/tx/commit', returnOne, initial)).status, 401, 'the old password no longer works');
  });

  it('rate-limits repeated failures with 429 AuthenticationRateLimit, even for the right password, for dbms.security.auth_lock_time', async () => {
    // Runs after the password change above, whose last check was one failure already.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await engine.post('/db/neo4j/tx/commit', returnOne, basic('neo4j', `bad${i}`))).status);
    assert.deepEqual(statuses, [401, 401, 429, 429], 'locked once three attempts in a row failed');
    const limited = await engine.post('/db/neo4j/tx/commit', returnOne, basic('neo4j', 's3cret'));
    assert.equal(limited.status, 429);
    assert.equal(limited.json.errors[0]?.code, 'Neo.ClientError.Security.AuthenticationRateLimit');
    assert.match(limited.json.errors[0]?.message ?? '', /Please wait 2 seconds/);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const retried = await engine.post('/db/neo4j/tx/commit', returnOne, basic('neo4j', 's3cret'));
      if (retried.status === 200) break;
      assert.equal(retried.status, 429);
      assert.ok(Date.now() < deadline, 'the lock ends after dbms.security.auth_lock_time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
});
