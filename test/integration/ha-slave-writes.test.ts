/**
 * Writes sent to a slave of a real 3-member HA cluster run through the master and are
 * answered only once the slave has applied them; reads stay on the slave. The master
 * pushes to no slave (ha.tx_push_factor=0) and slaves pull only every 300 ms, so a read
 * right after the answer sees the write only because the answer waited for it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeHaBean, haBeanPaths } from '../../protocol/ha/high-availability-bean.js';
import { eventually, HaCluster, request, type HaMember } from '../support/ha-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

interface Answer {
  readonly status: number;
  readonly location: string | null;
  readonly body: {
    readonly commit?: string;
    readonly transaction?: unknown;
    readonly lastBookmarks?: string[];
    readonly errors: { code: string; message: string }[];
    readonly results: { data: { row: unknown[] }[] }[];
  };
}

async function post(url: string, statements: readonly string[], method = 'POST'): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: method === 'DELETE' ? undefined : JSON.stringify({ statements: statements.map((statement) => ({ statement })) }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, location: response.headers.get('location'), body: (await response.json()) as Answer['body'] };
}

describe('writes sent to a slave', () => {
  const temp = makeTempDir('ha-slave-writes');
  // ha.heartbeat_timeout=1s (TEST_HA_SETTINGS): a write waits up to 2 s for a master.
  const settings = { 'ha.tx_push_factor': '0', 'ha.pull_interval': '300ms' };
  let cluster: HaCluster;
  let master: HaMember;
  let slave: HaMember;
  let other: HaMember;

  before(async () => {
    cluster = await HaCluster.create(temp.dir, { size: 3, settings });
    await cluster.start();
    const roles = await cluster.roles();
    master = roles.master;
    [slave, other] = roles.slaves as [HaMember, HaMember];
  });

  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  const url = (member: HaMember, path: string): string => `http://127.0.0.1:${member.port}${path}`;

  it('lands on the master and is readable on that slave as soon as the answer arrives', async () => {
    for (let i = 1; i <= 5; i++) {
      const answer = await post(url(slave, '/db/data/transaction/commit'), [`CREATE (:ViaSlave {i: ${i}})`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body.errors, []);
      assert.equal(answer.body.lastBookmarks?.length, 1);
      assert.equal(await slave.count('ViaSlave'), i, `write ${i} is on the slave when it is answered`);
    }
    assert.equal(await master.count('ViaSlave'), 5);
    await eventually('the other slave to pull the writes', 10_000, async () => ((await other.count('ViaSlave')) === 5 ? true : undefined));
  });

  it('serves reads on the slave itself', async () => {
    const started = async (member: HaMember): Promise<number> => (await member.metric('neo4j_transaction_started_total')) ?? Number.NaN;
    const [masterBefore, slaveBefore] = [await started(master), await started(slave)];
    for (let i = 0; i < 5; i++) {
      const answer = await post(url(slave, '/db/neo4j/tx/commit'), ['MATCH (n:ViaSlave) RETURN count(n)']);
      assert.deepEqual(answer.body.results[0]?.data[0]?.row, [5]);
    }
    assert.equal(await started(master), masterBefore, 'the master ran none of the reads');
    assert.ok((await started(slave)) >= slaveBefore + 5, 'the slave ran them');
  });

  it('commits an open transaction begun on the slave with writes through the master', async () => {
    const begun = await post(url(slave, '/db/data/transaction'), ['CREATE (:OpenTx {step: 1})']);
    assert.equal(begun.status, 201);
    assert.deepEqual(begun.body.errors, []);
    const location = begun.location ?? '';
    assert.match(location, new RegExp(`^http://127\\.0\\.0\\.1:${slave.port}/db/data/transaction/\\d+$`), 'the transaction is addressed on the slave');
    assert.equal(begun.body.commit, `${location}/commit`);

    const more = await post(location, ['CREATE (:OpenTx {step: 2})']);
    assert.equal(more.status, 200);
    assert.deepEqual(more.body.errors, []);
    assert.equal(more.body.commit, `${location}/commit`);
    assert.ok(more.body.transaction !== undefined, 'still open');
    assert.equal(await master.count('OpenTx'), 0, 'nothing is visible before the commit');

    const committed = await post(`${location}/commit`, ['MATCH (n:OpenTx) RETURN count(n)']);
    assert.deepEqual(committed.body.errors, []);
    assert.deepEqual(committed.body.results[0]?.data[0]?.row, [2], 'the commit request ran in the same transaction, on the master');
    assert.equal(await slave.count('OpenTx'), 2);
    assert.equal(await master.count('OpenTx'), 2);
    const gone = await post(location, ['RETURN 1']);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.errors[0]?.code, 'Neo.ClientError.Transaction.TransactionNotFound');
  });

  it('moves a transaction that has only read on the slave to the master at its first write', async () => {
    const begun = await post(url(slave, '/db/neo4j/tx'), ['MATCH (n:ViaSlave) RETURN count(n)']);
    assert.equal(begun.status, 201);
    const location = begun.location ?? '';
    assert.match(location, new RegExp(`^http://127\\.0\\.0\\.1:${slave.port}/db/neo4j/tx/\\d+$`));
    const committed = await post(`${location}/commit`, ['CREATE (:Moved)']);
    assert.equal(committed.status, 200);
    assert.deepEqual(committed.body.errors, []);
    assert.equal(committed.body.lastBookmarks?.length, 1);
    assert.equal(await slave.count('Moved'), 1);
    assert.equal(await master.count('Moved'), 1);
  });

  it('rolls back a forwarded transaction on the master when the slave gets DELETE', async () => {
    const begun = await post(url(slave, '/db/neo4j/tx'), ['CREATE (:RolledBack)']);
    assert.equal(begun.status, 201);
    const location = begun.location ?? '';
    const deleted = await post(location, [], 'DELETE');
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body.errors, []);
    const commit = await post(`${location}/commit`, []);
    assert.equal(commit.body.errors[0]?.code, 'Neo.ClientError.Transaction.TransactionNotFound');
    assert.equal(await master.count('RolledBack'), 0);
  });

  it('answers NoLeaderAvailable after a bounded wait when no master is left, and still reads', async () => {
    await Promise.all([master.kill(), other.kill()]);
    await eventually('the lone slave to see the master gone', 10_000, async () => {
      const bean = decodeHaBean(JSON.parse((await request(slave.port, 'GET', haBeanPaths[0]!)).body));
      const masters = bean.instancesInCluster.filter((m) => m.haRole === 'master' && m.alive);
      return masters.length === 0 ? true : undefined;
    });
    const started = Date.now();
    const refused = await post(url(slave, '/db/data/transaction/commit'), ['CREATE (:NoMaster)']);
    const waited = Date.now() - started;
    assert.equal(refused.status, 200);
    assert.equal(refused.body.errors[0]?.code, 'Neo.TransientError.Cluster.NoLeaderAvailable');
    assert.ok(waited >= 1900 && waited < 6000, `waited ${waited} ms for a master (2 x ha.heartbeat_timeout)`);
    assert.equal(await slave.count('ViaSlave'), 5);
    assert.equal(await slave.count('NoMaster'), 0);
  });
});
