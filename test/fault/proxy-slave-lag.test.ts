/**
 * A slave held back beyond routing.maxLagTx stops getting reads through the proxy and
 * gets them again once it has caught up. The slave (member 3, ha.slave_only) pulls only
 * every 15 s and nothing is pushed, so after a SIGSTOP/SIGCONT while 100 transactions
 * commit it answers its health checks for seconds while it still lags; the engines'
 * own transaction counters say who served each read.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eventually, HaCluster } from '../support/ha-cluster.js';
import { memberName, membersThatServed, ProxyUnderTest } from '../support/proxy.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const MAX_LAG_TX = 50;
/** Long enough for the writes, the pause and the proxy's checks to fit between two pulls on a loaded machine. */
const PULL_INTERVAL_MS = 15_000;

describe('a lagging slave behind the proxy', () => {
  const temp = makeTempDir('proxy-slave-lag');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it('gets no reads while it lags beyond maxLagTx, and reads again once caught up', { timeout: 120_000 }, async () => {
    const cluster = await HaCluster.create(temp.dir, {
      size: 3,
      // A pause of a few seconds must not look like a death to the cluster, only to the proxy.
      settings: { 'ha.tx_push_factor': '0', 'ha.pull_interval': '200ms', 'ha.heartbeat_timeout': '6s', 'ha.heartbeat_interval': '200ms' },
      memberSettings: { 3: { 'ha.slave_only': 'true', 'ha.pull_interval': `${PULL_INTERVAL_MS}ms` } },
    });
    await cluster.start();
    const { master } = await cluster.roles();
    const lagging = cluster.member(3);
    const other = cluster.members.find((m) => m !== master && m !== lagging)!;
    const proxy = await ProxyUnderTest.start(temp.dir, cluster, `routing: { reads: slaves, maxLagTx: ${MAX_LAG_TX} }`);
    await proxy.untilRouting(master, cluster.members);

    // Learn the slow slave's pull phase: the moment a pull brings a transaction, its next
    // pull is PULL_INTERVAL_MS away.
    const pulls = async (): Promise<number> => (await lagging.metric('neo4j_cluster_slave_pull_updates_total')) ?? 0;
    const pullsBefore = await pulls();
    assert.equal((await proxy.cypher('CREATE (:Tick)')).status, 200);
    await eventually('the slow slave to pull', PULL_INTERVAL_MS + 5000, async () => ((await pulls()) > pullsBefore ? true : undefined), 20);
    const pullsAfterTick = await pulls();

    lagging.signal('SIGSTOP');
    try {
      for (let i = 0; i < 2 * MAX_LAG_TX; i++) assert.equal((await proxy.cypher('CREATE (:Behind {i: $i})', { i })).status, 200);
      await proxy.until('the paused slave out', 5000, (s) => s.members.find((m) => m.name === memberName(lagging))?.serving === false);
    } finally {
      lagging.signal('SIGCONT');
    }
    const status = await proxy.until('the slave up again but lagging', 5000, (s) => {
      const member = s.members.find((m) => m.name === memberName(lagging));
      return member?.health === 'up' && (member.lagTx ?? 0) > MAX_LAG_TX;
    });
    assert.equal(await pulls(), pullsAfterTick, `still before the slow slave's next pull (status: ${JSON.stringify(status.members)})`);
    const servedWhileLagging = new Set<string>();
    for (let i = 0; i < 10; i++) {
      for (const m of await membersThatServed(cluster.members, () => proxy.cypher('MATCH (n:Behind) RETURN count(n)'))) servedWhileLagging.add(memberName(m));
    }
    const stillLagging = (await proxy.status()).members.find((m) => m.name === memberName(lagging))!;
    assert.ok((stillLagging.lagTx ?? 0) > MAX_LAG_TX, 'the slave lagged throughout the reads');
    assert.deepEqual([...servedWhileLagging], [memberName(other)], 'only the caught-up slave served reads');

    await proxy.until('the slave caught up', PULL_INTERVAL_MS + 10_000, (s) => {
      const member = s.members.find((m) => m.name === memberName(lagging));
      return member?.serving === true && (member.lagTx ?? Infinity) <= MAX_LAG_TX;
    });
    const servedAfter = new Set<string>();
    for (let i = 0; i < 10; i++) {
      for (const m of await membersThatServed(cluster.members, () => proxy.cypher('MATCH (n:Behind) RETURN count(n)'))) servedAfter.add(memberName(m));
    }
    assert.ok(servedAfter.has(memberName(lagging)), `the caught-up slave serves reads again (served by ${[...servedAfter].join(', ')})`);
    const counted = Number((JSON.parse((await proxy.cypher('MATCH (n:Behind) RETURN count(n)')).body) as { results: { data: { row: number[] }[] }[] }).results[0]!.data[0]!.row[0]);
    assert.equal(counted, 2 * MAX_LAG_TX);
  });
});
