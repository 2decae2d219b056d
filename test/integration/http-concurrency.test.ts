/**
 * Two open HTTP transactions against one real engine: a write waits for the lock another
 * transaction holds and proceeds once it commits; two transactions that wait for each
 * other are told apart by deadlock detection, one answered DeadlockDetected (HTTP 200,
 * rolled back), the other carrying on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpEngine, transactionIdOf, type Answer } from './http-engine.js';

/** Whether `promise` is still pending after `ms`: the only way to see a request wait. */
async function stillPending(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return !settled;
}

describe('concurrent HTTP transactions', () => {
  let engine: HttpEngine;
  let first: number;
  let second: number;

  before(async () => {
    engine = await HttpEngine.start();
    const created = await engine.run('CREATE (a:Contended {name: "a", v: 0}), (b:Contended {name: "b", v: 0}) RETURN id(a), id(b)');
    [first, second] = created.json.results[0]?.data[0]?.row as [number, number];
  });

  after(async () => {
    await engine.stop();
  });

  async function begin(statement: string, parameters: Record<string, unknown>): Promise<number> {
    const answer = await engine.post('/db/neo4j/tx', { statements: [{ statement, parameters }] });
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.json.errors, [], answer.text);
    return transactionIdOf(answer.headers.location);
  }

  it('makes the second writer of a node wait until the first commits, then proceed', async () => {
    const holder = await begin('MATCH (n) WHERE id(n) = $id SET n.v = 1', { id: first });
    const waiter = await begin('RETURN 1', {});
    const waiting = engine.post(`/db/neo4j/tx/${waiter}/commit`, {
      statements: [{ statement: 'MATCH (n) WHERE id(n) = $id SET n.w = 10 RETURN n.v, n.w', parameters: { id: first } }],
    });
    assert.ok(await stillPending(waiting, 300), 'the second write waits for the lock');
    const committed = await engine.post(`/db/neo4j/tx/${holder}/commit`, { statements: [] });
    assert.deepEqual(committed.json.errors, []);
    const proceeded = await waiting;
    assert.deepEqual(proceeded.json.errors, [], proceeded.text);
    assert.deepEqual(proceeded.json.results[0]?.data[0]?.row, [1, 10], "after the wait it reads the first transaction's committed write");
    const now = await engine.run('MATCH (n) WHERE id(n) = $id RETURN n.v, n.w', { id: first });
    assert.deepEqual(now.json.results[0]?.data[0]?.row, [1, 10]);
  });

  it('answers one of two deadlocked transactions DeadlockDetected and lets the other finish', async () => {
    const one = await begin('MATCH (n) WHERE id(n) = $id SET n.v = 100', { id: first });
    const two = await begin('MATCH (n) WHERE id(n) = $id SET n.v = 200', { id: second });
    const oneWaits = engine.post(`/db/neo4j/tx/${one}`, { statements: [{ statement: 'MATCH (n) WHERE id(n) = $id SET n.v = 101', parameters: { id: second } }] });
    assert.ok(await stillPending(oneWaits, 200), 'the first waits for the second');
    const twoWaits = engine.post(`/db/neo4j/tx/${two}`, { statements: [{ statement: 'MATCH (n) WHERE id(n) = $id SET n.v = 201', parameters: { id: first } }] });
    const answers: Answer[] = await Promise.all([oneWaits, twoWaits]);
    const failed = answers.filter((answer) => answer.json.errors.length > 0);
    assert.equal(failed.length, 1, answers.map((answer) => answer.text).join('\n'));
    const loser = failed[0]!;
    assert.equal(loser.status, 200);
    assert.equal(loser.json.errors[0]?.code, 'Neo.TransientError.Transaction.DeadlockDetected');
    assert.equal(loser.json.transaction, undefined, 'the loser is rolled back');
    const winnerId = loser === answers[0] ? two : one;
    const loserId = winnerId === one ? two : one;
    assert.equal((await engine.post(`/db/neo4j/tx/${loserId}`, { statements: [] })).status, 404);
    const committed = await engine.post(`/db/neo4j/tx/${winnerId}/commit`, { statements: [] });
    assert.deepEqual(committed.json.errors, [], committed.text);
    const values = await engine.run('MATCH (n:Contended) RETURN n.v ORDER BY n.name');
    const rows = values.json.results[0]?.data.map((d) => d.row?.[0]);
    assert.deepEqual(rows, winnerId === one ? [100, 101] : [201, 200]);
  });

  it('refuses a second request to a transaction that is busy with ConcurrentRequest (404)', async () => {
    const holder = await begin('MATCH (n) WHERE id(n) = $id SET n.v = 0', { id: first });
    const busy = await begin('RETURN 1', {});
    const waiting = engine.post(`/db/neo4j/tx/${busy}`, { statements: [{ statement: 'MATCH (n) WHERE id(n) = $id SET n.v = 5', parameters: { id: first } }] });
    assert.ok(await stillPending(waiting, 200));
    const concurrent = await engine.post(`/db/neo4j/tx/${busy}`, { statements: [] });
    assert.equal(concurrent.status, 404);
    assert.equal(concurrent.json.errors[0]?.code, 'Neo.ClientError.Transaction.ConcurrentRequest');
    await engine.request('DELETE', `/db/neo4j/tx/${holder}`);
    assert.deepEqual((await waiting).json.errors, []);
    assert.equal((await engine.request('DELETE', `/db/neo4j/tx/${busy}`)).status, 200);
  });
});
