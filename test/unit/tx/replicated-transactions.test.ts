/**
 * A second database that applies the first one's committed transactions, as a slave
 * applies its master's: the same data, the same indexes, the same checksum chain; a gap
 * or a diverged history is refused and changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GraphDatabase } from '../../../engine/database.js';
import type { DatabaseOptions } from '../../../engine/database-options.js';
import type { Transaction } from '../../../engine/tx/transaction.js';
import { testDatabaseOptions } from '../../support/database.js';
import { makeTempDir } from '../../support/temp-dir.js';

function options(storeDir: string): DatabaseOptions {
  return testDatabaseOptions(storeDir, { pageCacheBytes: 256 * 1024, txLogRotationBytes: 64 * 1024, checkpointIntervalTx: 100 });
}

/** Everything a reader can see, in a comparable form. */
function contents(database: GraphDatabase): unknown {
  const tx = database.beginTransaction('READ');
  try {
    const nodes = [...tx.allNodeIds()].sort((a, b) => a - b).map((id) => [id, tx.nodeLabels(id).sort(), { ...tx.nodeProperties(id) }]);
    const relationships = [...tx.allRelationshipIds()].sort((a, b) => a - b).map((id) => [tx.relationship(id), { ...tx.relationshipProperties(id) }]);
    const seeks = tx.findNodes('Person', 'name', 'p7');
    return { nodes, relationships, seeks, schema: tx.schemaRules() };
  } finally {
    tx.rollback();
  }
}

async function write(database: GraphDatabase, work: (tx: Transaction) => Promise<void>): Promise<void> {
  const tx = database.beginTransaction();
  await work(tx);
  await tx.commit();
}

describe('replicated transactions', () => {
  const masterDir = makeTempDir('master');
  const slaveDir = makeTempDir('slave');
  let master: GraphDatabase;
  let slave: GraphDatabase;

  before(async () => {
    master = await GraphDatabase.open(options(masterDir.dir));
    slave = await GraphDatabase.open(options(slaveDir.dir));
  });
  after(async () => {
    await master.close();
    await slave.close();
    masterDir.remove();
    slaveDir.remove();
  });

  async function catchUp(): Promise<number> {
    let applied = 0;
    for (const committed of master.transactionLog.read(slave.lastCommittedTxId + 1)) {
      await slave.applyReplicated(committed);
      applied++;
    }
    return applied;
  }

  it('gives the slave the same data, indexes and checksum chain', async () => {
    await write(master, (tx) => tx.createSchemaRule('index', 'Person', 'name'));
    const ids: number[] = [];
    for (let i = 0; i < 300; i++) {
      await write(master, async (tx) => {
        const id = await tx.createNode(['Person'], { name: `p${i % 50}`, i: BigInt(i), bio: 'x'.repeat(i % 200) });
        if (ids.length > 0) await tx.createRelationship(id, ids[i % ids.length]!, 'KNOWS', { since: BigInt(i) });
        if (i % 7 === 0 && ids.length > 3) await tx.deleteNode(ids.splice(1, 1)[0]!, { detach: true });
        if (i % 5 === 0 && ids.length > 0) await tx.setNodeProperty(ids[0]!, 'touched', BigInt(i));
        ids.push(id);
      });
    }
    const applied = await catchUp();
    assert.ok(applied > 300, `applied ${applied}`);
    assert.equal(slave.lastCommittedTxId, master.lastCommittedTxId);
    assert.equal(slave.transactionLog.lastChecksum, master.transactionLog.lastChecksum);
    assert.deepEqual(contents(slave), contents(master));
    assert.deepEqual(slave.check(), []);
    assert.ok(slave.transactionLog.verify().ok);
  });

  it('keeps the replicated state over a restart of the slave', async () => {
    await slave.close();
    slave = await GraphDatabase.open(options(slaveDir.dir));
    assert.deepEqual(contents(slave), contents(master));
    await write(master, async (tx) => void (await tx.createNode(['Person'], { name: 'after restart' })));
    assert.equal(await catchUp(), 1);
    assert.deepEqual(contents(slave), contents(master));
  });

  it('refuses a gap and leaves the slave as it was', async () => {
    await write(master, async (tx) => void (await tx.createNode(['Gap'], {})));
    await write(master, async (tx) => void (await tx.createNode(['Gap'], {})));
    const [, second] = [...master.transactionLog.read(slave.lastCommittedTxId + 1)];
    const before = slave.lastCommittedTxId;
    await assert.rejects(slave.applyReplicated(second!), (error: { code?: string }) => error.code === 'GLB_TX_LOG_OUT_OF_ORDER');
    assert.equal(slave.lastCommittedTxId, before);
    await catchUp();
    assert.equal(slave.lastCommittedTxId, master.lastCommittedTxId);
    assert.deepEqual(contents(slave), contents(master));
  });

  it('refuses a transaction that does not continue its history (a branch)', async () => {
    // Both commit a transaction of their own with the same id, then the master goes on.
    await write(slave, async (tx) => void (await tx.createNode(['OnlyHere'], {})));
    await write(master, async (tx) => void (await tx.createNode(['OnlyThere'], {})));
    await write(master, async (tx) => void (await tx.createNode(['OnlyThere'], {})));
    const next = [...master.transactionLog.read(slave.lastCommittedTxId + 1)][0]!;
    assert.equal(next.txId, slave.lastCommittedTxId + 1);
    await assert.rejects(slave.applyReplicated(next), (error: { code?: string }) => error.code === 'GLB_TX_LOG_DIVERGED');
    const tx = slave.beginTransaction('READ');
    assert.deepEqual(tx.nodesWithLabel('OnlyThere'), []);
    assert.equal(tx.nodesWithLabel('OnlyHere').length, 1);
    tx.rollback();
  });
});
