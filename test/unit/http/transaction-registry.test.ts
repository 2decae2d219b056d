import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino, type Logger } from 'pino';
import { GraphDatabase } from '../../../engine/database.js';
import { TransactionRegistry } from '../../../engine/http/transaction-registry.js';
import { Neo4jError } from '../../../protocol/errors.js';
import { testDatabaseOptions } from '../../support/database.js';
import { silentLogger } from '../../support/logger.js';
import { makeTempDir } from '../../support/temp-dir.js';

/** A logger whose lines are kept, parsed, with a bounded wait for one event. */
function capturingLogger(): { logger: Logger; waitFor: (event: string, timeoutMs: number) => Promise<Record<string, unknown>> } {
  const lines: Record<string, unknown>[] = [];
  const waiters: { event: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write(text: string) {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        for (const waiter of waiters.filter((w) => w.event === line['event'])) waiter.resolve(line);
      },
    },
  );
  const waitFor = (event: string, timeoutMs: number): Promise<Record<string, unknown>> => {
    const seen = lines.find((line) => line['event'] === event);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} logged within ${timeoutMs} ms`)), timeoutMs);
      waiters.push({
        event,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  };
  return { logger, waitFor };
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof Neo4jError);
    return error.code;
  }
  return 'no error';
}

describe('the HTTP transaction registry', () => {
  const temp = makeTempDir('tx-registry');
  let database: GraphDatabase;

  before(async () => {
    database = await GraphDatabase.open(testDatabaseOptions(temp.dir));
  });

  after(async () => {
    await database.close();
    temp.remove();
  });

  it('lets one request at a time use a transaction, and forgets a closed one', () => {
    const registry = new TransactionRegistry({ idleTimeoutMs: 60_000, logger: silentLogger() });
    const first = registry.create();
    const second = registry.create();
    assert.equal(second.id, first.id + 1);
    assert.equal(codeOf(() => registry.acquire(first.id)), 'Neo.ClientError.Transaction.ConcurrentRequest', 'a begun transaction is busy');
    const expires = registry.release(first);
    assert.ok(expires > Date.now() + 59_000);
    assert.equal(registry.acquire(first.id), first);
    registry.close(first);
    assert.equal(codeOf(() => registry.acquire(first.id)), 'Neo.ClientError.Transaction.TransactionNotFound');
    assert.equal(codeOf(() => registry.acquire(999)), 'Neo.ClientError.Transaction.TransactionNotFound');
    assert.equal(registry.size, 1);
    registry.rollbackAll();
    assert.equal(registry.size, 0);
  });

  it('rolls back a transaction left idle past the timeout and logs transaction_expired', async () => {
    const { logger, waitFor } = capturingLogger();
    const registry = new TransactionRegistry({ idleTimeoutMs: 30, logger });
    const handle = registry.create();
    const transaction = database.beginTransaction();
    handle.transaction = transaction;
    await transaction.createNode(['Expiring'], {});
    registry.release(handle);
    const line = await waitFor('transaction_expired', 5000);
    assert.equal(line['id'], handle.id);
    assert.equal(line['level'], 30, 'logged at info');
    assert.equal(transaction.status, 'rolled_back');
    assert.equal(codeOf(() => registry.acquire(handle.id)), 'Neo.ClientError.Transaction.TransactionNotFound');
  });

  it('does not expire a transaction while a request uses it', async () => {
    const registry = new TransactionRegistry({ idleTimeoutMs: 20, logger: silentLogger() });
    const handle = registry.create();
    handle.transaction = database.beginTransaction();
    registry.release(handle);
    registry.acquire(handle.id);
    // Absence cannot be awaited: give the cancelled timer several timeouts' worth of chances.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(handle.transaction.status, 'open');
    registry.rollbackAll();
    assert.equal(handle.transaction.status, 'rolled_back');
  });
});
