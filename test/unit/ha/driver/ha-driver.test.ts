/**
 * Two HA drivers in one process over real loopback sockets, each with a real database in
 * a DatabaseHolder: the write gate stamps the master's epoch and refuses the slave,
 * replication carries the master's commits, and a slave whose store is empty or has
 * diverged replaces it with a copy of the master's while it runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { GraphDatabase } from '../../../../engine/database.js';
import { HaDriver } from '../../../../engine/ha/driver/ha-driver.js';
import { NodeFileSystem } from '../../../../engine/io/file-system.js';
import { DatabaseHolder } from '../../../../engine/server/database-holder.js';
import { branchedDir } from '../../../../engine/storecopy/move-store-aside.js';
import { Neo4jError } from '../../../../protocol/errors.js';
import { testDatabaseOptions } from '../../../support/database.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { freePort } from '../../../support/test-process.js';

interface Running {
  readonly driver: HaDriver;
  readonly holder: DatabaseHolder;
  readonly events: Record<string, unknown>[];
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openDatabase(): Promise<{ holder: DatabaseHolder; database: GraphDatabase; dir: string }> {
  const temp = makeTempDir('ha-driver');
  const options = testDatabaseOptions(`${temp.dir}/databases/graph.db`);
  const database = await GraphDatabase.open(options);
  const holder = new DatabaseHolder(database, { open: () => GraphDatabase.open(options), logger: options.logger });
  cleanups.push(() => temp.remove());
  cleanups.push(() => holder.close());
  return { holder, database, dir: temp.dir };
}

async function startDriver(serverId: number, ports: readonly number[], holder: DatabaseHolder, dir: string): Promise<Running> {
  const events: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') events.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const driver = await HaDriver.start({
    serverId,
    listen: { host: '127.0.0.1', port: ports[serverId - 1]! },
    initialHosts: ports.map((port) => ({ host: '127.0.0.1', port })),
    secret: 'driver-test',
    heartbeatIntervalMs: 50,
    heartbeatTimeoutMs: 300,
    slaveOnly: false,
    pullIntervalMs: 50,
    pullBatchSize: 2,
    pushFactor: 1,
    pushStrategy: 'fixed_ascending',
    stateFile: `${dir}/ha-state.json`,
    fileSystem: new NodeFileSystem(),
    database: holder,
    storeDir: `${dir}/databases/graph.db`,
    dataDir: dir,
    branchedDataPolicy: 'keep_all',
    logger: pino({ level: 'debug' }, sink),
  });
  holder.current.setWriteGate(driver);
  cleanups.push(() => driver.close());
  return { driver, holder, events };
}

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createNode(database: GraphDatabase, label: string): Promise<number> {
  const tx = database.beginTransaction();
  try {
    await tx.createNode([label], {});
    return await tx.commit();
  } catch (error) {
    tx.rollback();
    throw error;
  }
}

describe('HaDriver', () => {
  it('stamps the master\'s epoch on its commits, refuses the slave\'s, and replicates to the slave', async () => {
    const ports = [await freePort(), await freePort()];
    const a = await openDatabase();
    const b = await openDatabase();
    const one = await startDriver(1, ports, a.holder, a.dir);
    const two = await startDriver(2, ports, b.holder, b.dir);
    const [master, slave] = await until('a master and a slave', 10_000, () => {
      const roles = [one.driver.role(), two.driver.role()];
      if (roles.includes('master') && roles.includes('slave')) return roles[0] === 'master' ? [one, two] : [two, one];
      return undefined;
    });
    await until('the master\'s write lease', 5_000, () => {
      try {
        return master.driver.admitWrite();
      } catch {
        return undefined;
      }
    });
    // Five commits with a pull batch of two: the slave needs several pulls or pushes.
    let last = 0;
    for (let i = 0; i < 5; i++) last = await createNode(master.holder.current, 'Written');
    const epoch = master.driver.stats().epoch;
    assert.ok(epoch > 0);
    for (const tx of master.holder.current.transactionLog.read(1)) assert.equal(tx.epoch, epoch, `tx ${tx.txId} carries the master's epoch`);
    await assert.rejects(createNode(slave.holder.current, 'Refused'), (error: unknown) => error instanceof Neo4jError && error.code === 'Neo.ClientError.Cluster.NotALeader');
    await until('the slave to apply every commit', 5_000, () => (slave.holder.current.lastCommittedTxId === last ? true : undefined));
    assert.deepEqual([...slave.holder.current.transactionLog.read(1)].map((tx) => [tx.txId, tx.epoch, tx.checksum]), [...master.holder.current.transactionLog.read(1)].map((tx) => [tx.txId, tx.epoch, tx.checksum]));
    assert.ok(master.driver.stats().pushAcks >= 1, 'commits were pushed and acknowledged');
    assert.ok(master.events.some((e) => e['event'] === 'role_change' && e['to'] === 'master'));
  });

  it('moves a branched store aside and replaces it with a copy of the master\'s, then follows the master', async () => {
    const ports = [await freePort(), await freePort()];
    const a = await openDatabase();
    const b = await openDatabase();
    // Histories written alone (each label is a token transaction first): member 1 is ahead, member 2 differs from its first transaction on.
    await createNode(a.database, 'MasterOnly');
    await createNode(a.database, 'MasterOnly');
    await createNode(b.database, 'BranchOnly');
    assert.ok(b.database.lastCommittedTxId < a.database.lastCommittedTxId, 'member 1 is ahead and wins the election');
    const one = await startDriver(1, ports, a.holder, a.dir);
    const two = await startDriver(2, ports, b.holder, b.dir);
    const branch = await until('branch_detected on member 2', 10_000, () => two.events.find((e) => e['event'] === 'branch_detected' && e['master'] === 1));
    assert.match(String(branch['error']), /checksum/);
    const complete = await until('store_copy_complete on member 2', 10_000, () => two.events.find((e) => e['event'] === 'store_copy_complete'));
    assert.equal(complete['lastTxId'], a.holder.current.lastCommittedTxId);
    assert.equal(one.driver.role(), 'master');
    assert.equal(two.driver.role(), 'slave');
    const moved = fs.readdirSync(branchedDir(b.dir));
    assert.equal(moved.length, 1, 'the branch was kept (keep_all)');
    assert.ok(fs.existsSync(path.join(branchedDir(b.dir), moved[0]!, 'neostore')), 'the branch is a whole store');
    assert.equal(two.holder.current.storeId, one.holder.current.storeId, 'member 2 now holds a copy of member 1\'s store');
    assert.deepEqual(two.driver.stats().branches, 1);
    assert.deepEqual(two.driver.stats().storeCopies, 1);
    // The copy is a working replica: the master's next commits arrive by push or pull.
    await until('the master\'s write lease', 5_000, () => {
      try {
        return one.driver.admitWrite();
      } catch {
        return undefined;
      }
    });
    const last = await createNode(one.holder.current, 'AfterCopy');
    await until('member 2 to apply the commit after the copy', 5_000, () => (two.holder.current.lastCommittedTxId === last ? true : undefined));
    assert.deepEqual(
      [...two.holder.current.transactionLog.read(complete['lastTxId'] as number + 1)].map((tx) => tx.checksum),
      [...one.holder.current.transactionLog.read(complete['lastTxId'] as number + 1)].map((tx) => tx.checksum),
    );
  });

  it('copies the master\'s store into a new, empty member instead of pulling its whole history', async () => {
    const ports = [await freePort(), await freePort()];
    const a = await openDatabase();
    const b = await openDatabase();
    for (let i = 0; i < 3; i++) await createNode(a.database, 'Existing');
    const one = await startDriver(1, ports, a.holder, a.dir);
    const two = await startDriver(2, ports, b.holder, b.dir);
    const needed = await until('store_copy_needed on member 2', 10_000, () => two.events.find((e) => e['event'] === 'store_copy_needed'));
    assert.equal(needed['code'], 'STORE_EMPTY');
    await until('store_copy_complete on member 2', 10_000, () => two.events.find((e) => e['event'] === 'store_copy_complete'));
    assert.ok(two.events.some((e) => e['event'] === 'store_copy' && e['phase'] === 'done'), 'the receiver logged its progress');
    assert.equal(two.holder.current.lastCommittedTxId, one.holder.current.lastCommittedTxId);
    assert.equal(fs.existsSync(branchedDir(b.dir)), false, 'an empty store is replaced, not kept as a branch');
    assert.ok(one.events.some((e) => e['event'] === 'store_copy_served' && e['phase'] === 'done'));
    assert.equal(two.driver.stats().branches, 0);
  });
});
