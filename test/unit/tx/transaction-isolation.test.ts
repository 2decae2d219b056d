import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GraphDatabase } from '../../../engine/database.js';
import type { Neo4jError } from '../../../protocol/errors.js';
import { testDatabaseOptions } from '../../support/database.js';
import { makeTempDir } from '../../support/temp-dir.js';

/** 'pending' when the promise has not settled by the next turn of the event loop. */
async function settled<T>(promise: Promise<T>): Promise<'pending' | 'fulfilled' | string> {
  const pending = Symbol('pending');
  const result = await Promise.race([
    promise.then(() => 'fulfilled', (error: Neo4jError) => error.code ?? String(error)),
    new Promise<symbol>((resolve) => setImmediate(() => resolve(pending))),
  ]);
  return result === pending ? 'pending' : (result as string);
}

describe('transactions', () => {
  const temp = makeTempDir('isolation');
  let database: GraphDatabase;
  before(async () => {
    database = await GraphDatabase.open(testDatabaseOptions(temp.dir));
  });
  after(async () => {
    await database.close();
    temp.remove();
  });

  async function node(properties: Record<string, bigint | string>): Promise<number> {
    const tx = database.beginTransaction();
    const id = await tx.createNode(['Account'], properties);
    await tx.commit();
    return id;
  }

  it('reads its own writes and hides them from others until commit (read committed)', async () => {
    const id = await node({ balance: 10n });
    const writer = database.beginTransaction();
    await writer.setNodeProperty(id, 'balance', 20n);
    assert.equal(writer.nodeProperty(id, 'balance'), 20n);
    const reader = database.beginTransaction('READ');
    assert.equal(reader.nodeProperty(id, 'balance'), 10n);
    await writer.commit();
    assert.equal(reader.nodeProperty(id, 'balance'), 20n);
    reader.rollback();
  });

  it('makes a second writer of the same node wait, then proceed on the committed value', async () => {
    const id = await node({ balance: 100n });
    const first = database.beginTransaction();
    await first.setNodeProperty(id, 'balance', 90n);
    const second = database.beginTransaction();
    const secondWrite = second.setNodeProperty(id, 'note', 'second');
    assert.equal(await settled(secondWrite), 'pending');
    await first.commit();
    await secondWrite;
    assert.equal(second.nodeProperty(id, 'balance'), 90n);
    await second.commit();
    const check = database.beginTransaction('READ');
    assert.deepEqual({ ...check.nodeProperties(id) }, { balance: 90n, note: 'second' });
    check.rollback();
  });

  it('detects a deadlock: one transaction gets DeadlockDetected, the other completes', async () => {
    const a = await node({ name: 'a' });
    const b = await node({ name: 'b' });
    const t1 = database.beginTransaction();
    const t2 = database.beginTransaction();
    await t1.setNodeProperty(a, 'x', 1n);
    await t2.setNodeProperty(b, 'x', 2n);
    const t1Waits = t1.setNodeProperty(b, 'y', 1n);
    assert.equal(await settled(t1Waits), 'pending');
    await assert.rejects(t2.setNodeProperty(a, 'y', 2n), (error: Neo4jError) => error.code === 'Neo.TransientError.Transaction.DeadlockDetected');
    assert.equal(t2.status, 'marked_for_termination');
    await assert.rejects(t2.commit(), (error: Neo4jError) => error.code === 'Neo.TransientError.Transaction.Terminated');
    t2.rollback();
    await t1Waits;
    await t1.commit();
    const check = database.beginTransaction('READ');
    assert.deepEqual({ ...check.nodeProperties(b) }, { name: 'b', y: 1n });
    check.rollback();
  });

  it('rolls back without a trace and reuses nothing it did not commit', async () => {
    const tx = database.beginTransaction();
    const id = await tx.createNode(['Temp'], { a: 1n });
    await tx.createRelationship(id, id, 'SELF');
    // Creating the tokens Temp, a and SELF committed transactions of their own.
    const afterTokens = database.lastCommittedTxId;
    tx.rollback();
    assert.equal(database.lastCommittedTxId, afterTokens);
    const check = database.beginTransaction('READ');
    assert.equal(check.nodeExists(id), false);
    assert.deepEqual(check.nodesWithLabel('Temp'), []);
    check.rollback();
  });

  it('keeps a property named __proto__ like any other', async () => {
    const tx = database.beginTransaction();
    // JSON.parse makes __proto__ an own key, as a request body would.
    const id = await tx.createNode(['Odd'], JSON.parse('{"__proto__": "a", "constructor": "b"}') as Record<string, string>);
    await tx.commit();
    const check = database.beginTransaction('READ');
    assert.deepEqual(Object.entries(check.nodeProperties(id)).sort(), [['__proto__', 'a'], ['constructor', 'b']]);
    assert.equal(check.nodeProperty(id, '__proto__'), 'a');
    check.rollback();
  });

  it('refuses writes in a READ transaction', async () => {
    const tx = database.beginTransaction('READ');
    await assert.rejects(tx.createNode(['X']), (error: Neo4jError) => error.code === 'Neo.ClientError.Statement.AccessMode');
    tx.rollback();
  });

  it('refuses to delete a node that still has relationships unless detached', async () => {
    const tx = database.beginTransaction();
    const a = await tx.createNode(['P']);
    const b = await tx.createNode(['P']);
    await tx.createRelationship(a, b, 'KNOWS');
    await tx.commit();
    const del = database.beginTransaction();
    await assert.rejects(del.deleteNode(a), (error: Neo4jError) => error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed');
    await del.deleteNode(a, { detach: true });
    await del.commit();
    const check = database.beginTransaction('READ');
    assert.equal(check.nodeExists(a), false);
    assert.deepEqual(check.relationships(b), []);
    check.rollback();
  });

  it('gives gap-free increasing tx ids to concurrent commits', async () => {
    const start = database.lastCommittedTxId;
    const ids = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const tx = database.beginTransaction();
        await tx.createNode(['Account'], { balance: BigInt(i) });
        return tx.commit();
      }),
    );
    assert.deepEqual([...ids].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => start + 1 + i));
  });
});
