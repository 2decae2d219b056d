/**
 * The server's database holder: a replacement closes the database, lets the store be
 * changed, and reopens it as the one every user (and the forwarding view) sees; calls
 * through the view during it answer DatabaseUnavailable; a failed replacement reopens
 * the old store and rethrows.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { GraphDatabase } from '../../../engine/database.js';
import { DatabaseHolder } from '../../../engine/server/database-holder.js';
import { Neo4jError } from '../../../protocol/errors.js';
import { testDatabaseOptions } from '../../support/database.js';
import { silentLogger } from '../../support/logger.js';
import { makeTempDir } from '../../support/temp-dir.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function holderOnTempStore(beforeClose?: () => void): Promise<{ holder: DatabaseHolder; storeDir: string }> {
  const temp = makeTempDir('database-holder');
  const options = testDatabaseOptions(`${temp.dir}/graph.db`);
  const holder = new DatabaseHolder(await GraphDatabase.open(options), {
    open: () => GraphDatabase.open(options),
    logger: silentLogger(),
    ...(beforeClose === undefined ? {} : { beforeClose }),
  });
  cleanups.push(() => temp.remove());
  cleanups.push(() => holder.close());
  return { holder, storeDir: options.storeDir };
}

async function createNode(database: GraphDatabase): Promise<number> {
  const tx = database.beginTransaction();
  await tx.createNode(['Held'], {});
  return tx.commit();
}

describe('DatabaseHolder', () => {
  it('replaces the database with one opened on the changed store, and the view follows', async () => {
    let closedFirst = 0;
    const { holder, storeDir } = await holderOnTempStore(() => closedFirst++);
    const view = holder.view;
    await createNode(view);
    const before = holder.current;
    let duringReplace: unknown;
    const fresh = await holder.replace(async () => {
      duringReplace = (() => {
        try {
          view.beginTransaction();
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      fs.rmSync(storeDir, { recursive: true, force: true });
    });
    assert.equal(closedFirst, 1, 'beforeClose ran once');
    assert.ok(duringReplace instanceof Neo4jError && duringReplace.code === 'Neo.TransientError.General.DatabaseUnavailable', String(duringReplace));
    assert.notEqual(fresh, before);
    assert.equal(holder.current, fresh);
    assert.equal(view.lastCommittedTxId, 0, 'the view reads the new, empty store');
    assert.equal(await createNode(view), fresh.lastCommittedTxId);
  });

  it('reopens the old store when the replacement fails, and rethrows', async () => {
    const { holder } = await holderOnTempStore();
    const txId = await createNode(holder.current);
    await assert.rejects(
      holder.replace(async () => {
        throw new Error('copy broke');
      }),
      /copy broke/,
    );
    assert.equal(holder.current.lastCommittedTxId, txId);
    assert.equal(holder.replacing, false);
    assert.equal(holder.stats().transactions.lastCommittedTxId, txId);
  });
});
