/**
 * Two HA drivers in one process over real loopback sockets, each with a real database:
 * the write gate stamps the master's epoch and refuses the slave, replication carries
 * the master's commits, and a slave whose store has diverged stops with branch_detected.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { GraphDatabase } from '../../../../engine/database.js';
import { HaDriver } from '../../../../engine/ha/driver/ha-driver.js';
import { NodeFileSystem } from '../../../../engine/io/file-system.js';
import { Neo4jError } from '../../../../protocol/errors.js';
import { testDatabaseOptions } from '../../../support/database.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { freePort } from '../../../support/test-process.js';

interface Running {
  readonly driver: HaDriver;
  readonly database: GraphDatabase;
  readonly events: Record<string, unknown>[];
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openDatabase(): Promise<{ database: GraphDatabase; dir: string }> {
  const temp = makeTempDir('ha-driver');
  const database = await GraphDatabase.open(testDatabaseOptions(`${temp.dir}/store`));
  cleanups.push(() => temp.remove());
  cleanups.push(() => database.close());
  return { database, dir: temp.dir };
}

async function startDriver(serverId: number, ports: readonly number[], database: GraphDatabase, dir: string): Promise<Running> {
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
    database,
    logger: pino({ level: 'debug' }, sink),
  });
  database.setWriteGate(driver);
  cleanups.push(() => driver.close());
  return { driver, database, events };
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
    const one = await startDriver(1, ports, a.database, a.dir);
    const two = await startDriver(2, ports, b.database, b.dir);
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
    for (let i = 0; i < 5; i++) last = await createNode(master.database, 'Written');
    const epoch = master.driver.stats().epoch;
    assert.ok(epoch > 0);
    for (const tx of master.database.transactionLog.read(1)) assert.equal(tx.epoch, epoch, `tx ${tx.txId} carries the master's epoch`);
    await assert.rejects(createNode(slave.database, 'Refused'), (error: unknown) => error instanceof Neo4jError && error.code === 'Neo.ClientError.Cluster.NotALeader');
    await until('the slave to apply every commit', 5_000, () => (slave.database.lastCommittedTxId === last ? true : undefined));
    assert.deepEqual([...slave.database.transactionLog.read(1)].map((tx) => [tx.txId, tx.epoch, tx.checksum]), [...master.database.transactionLog.read(1)].map((tx) => [tx.txId, tx.epoch, tx.checksum]));
    assert.ok(master.driver.stats().pushAcks >= 1, 'commits were pushed and acknowledged');
    assert.ok(master.events.some((e) => e['event'] === 'role_change' && e['to'] === 'master'));
  });

  it('stops pulling with branch_detected when the slave\'s store diverged from the master\'s', async () => {
    const ports = [await freePort(), await freePort()];
    const a = await openDatabase();
    const b = await openDatabase();
    // Histories written alone (each label is a token transaction first): member 1 is ahead, member 2 differs from its first transaction on.
    await createNode(a.database, 'MasterOnly');
    await createNode(a.database, 'MasterOnly');
    await createNode(b.database, 'BranchOnly');
    const branchTxId = b.database.lastCommittedTxId;
    assert.ok(branchTxId < a.database.lastCommittedTxId, 'member 1 is ahead and wins the election');
    const one = await startDriver(1, ports, a.database, a.dir);
    const two = await startDriver(2, ports, b.database, b.dir);
    const branch = await until('branch_detected on member 2', 10_000, () => two.events.find((e) => e['event'] === 'branch_detected'));
    assert.equal(branch['master'], 1);
    const stopped = await until('pull_stopped on member 2', 1_000, () => two.events.find((e) => e['event'] === 'pull_stopped'));
    assert.equal(stopped['code'], 'GLB_TX_LOG_DIVERGED');
    assert.match(String(stopped['msg']), /restart the member/);
    assert.equal(one.driver.role(), 'master');
    assert.equal(b.database.lastCommittedTxId, branchTxId, 'nothing of the master\'s history was applied over the branch');
  });
});
