/**
 * Chaos on a 3-member HA cluster under a write load: random kill -9, SIGSTOP/SIGCONT and
 * restart events (at least 20) for GRAPHLB_CHAOS_SECONDS (default 120: enough for about
 * 50 events at this pace while keeping CI under a few minutes; never past 180 s). At most
 * one member is down or stopped at a time, so a majority can always elect. Afterwards:
 * - all members hold identical data (a content checksum query, then the ids themselves);
 * - every acknowledged write is on every member;
 * - no epoch had two members accepting writes: one role_change to master per epoch in the
 *   engines' logs, and every transaction in every store (branched ones moved aside
 *   included) agrees on its checksum with every other transaction of the same id and
 *   epoch, so no two masters committed diverging transactions in one epoch; and every
 *   epoch that committed anything had a master.
 * GRAPHLB_SEED repeats a run's choice of events.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ClusterWriters, eventually, HaCluster, readTransactionLog, type HaMember, type TxRecord } from '../support/ha-cluster.js';
import { Random } from '../support/random.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const SECONDS = Math.min(180, Number(process.env['GRAPHLB_CHAOS_SECONDS'] ?? 120));
const HARD_LIMIT_MS = 180_000;
const MIN_EVENTS = 20;

type ChaosEvent = { at: number; kind: 'kill' | 'stop' | 'restart'; member: number; pausedMs?: number };

describe('chaos on a three-member HA cluster', () => {
  const temp = makeTempDir('ha-chaos');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it(`keeps data identical and every acknowledged write through ${MIN_EVENTS}+ kills, pauses and restarts`, { timeout: HARD_LIMIT_MS + 120_000 }, async () => {
    const random = new Random(Number(process.env['GRAPHLB_SEED'] ?? Date.now() % 1_000_000));
    const cluster = await HaCluster.create(temp.dir, { size: 3, settings: { 'ha.pull_interval': '200ms' } });
    await cluster.start();
    await cluster.roles();
    const events: ChaosEvent[] = [];
    const writers = new ClusterWriters(cluster, 'Chaos', 4);
    const started = Date.now();
    const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      while ((Date.now() - started < SECONDS * 1000 || events.length < MIN_EVENTS) && Date.now() - started < HARD_LIMIT_MS) {
        const down = cluster.members.find((m) => !m.running);
        if (down !== undefined) {
          await down.start();
          events.push({ at: Date.now() - started, kind: 'restart', member: down.id });
        } else {
          const victim = random.pick(cluster.members);
          if (random.chance(0.5)) {
            await victim.kill();
            events.push({ at: Date.now() - started, kind: 'kill', member: victim.id });
          } else {
            const pausedMs = 300 + random.int(2500);
            victim.signal('SIGSTOP');
            events.push({ at: Date.now() - started, kind: 'stop', member: victim.id, pausedMs });
            await pause(pausedMs);
            victim.signal('SIGCONT');
          }
        }
        await pause(500 + random.int(2000));
      }
      for (const member of cluster.members) if (!member.running) await member.start();
      await cluster.roles(cluster.members, 30_000);
      // Writes resume after the chaos.
      const ackedBefore = writers.stats.acknowledged.size;
      await eventually('writes to resume after the chaos', 30_000, async () => (writers.stats.acknowledged.size > ackedBefore + 20 ? true : undefined));
    } finally {
      await writers.stop().catch(() => undefined);
    }
    const stats = writers.stats;
    const context = `seed ${random.seed}, ${events.length} events: ${events.map((e) => `${e.at}ms ${e.kind} ${e.member}${e.pausedMs === undefined ? '' : ` ${e.pausedMs}ms`}`).join('; ')}`;
    assert.ok(events.length >= MIN_EVENTS, context);
    assert.ok(stats.acknowledged.size > 0, context);

    const checksum = 'MATCH (n:Chaos) RETURN count(n), sum(n.id), min(n.id), max(n.id)';
    const sums = await eventually('every member to hold the same data', 60_000, async () => {
      const answers = await Promise.all(cluster.members.map((m) => m.rows(checksum)));
      const texts = answers.map((a) => JSON.stringify(a));
      return texts.every((t) => t === texts[0]) ? texts[0] : undefined;
    });
    for (const member of cluster.members) {
      const held = new Set((await member.rows('MATCH (n:Chaos) RETURN n.id')).map((row) => Number(row[0])));
      const missing = [...stats.acknowledged].filter((id) => !held.has(id));
      const acks = stats.acks.filter((ack) => missing.includes(ack.id)).map((ack) => ({ ...ack, at: ack.at - started }));
      assert.deepEqual(missing, [], `member ${member.id} lacks acknowledged writes ${JSON.stringify(acks)} (${sums}; ${context})`);
    }

    await Promise.all(cluster.members.map((m) => m.stop()));
    assertOneMasterPerEpoch(cluster.members, context);
    const txs: { member: number; dir: string; tx: TxRecord }[] = [];
    let copy = 0;
    for (const member of cluster.members) {
      for (const dir of storeDirsUnder(path.join(member.dataDir, 'databases'))) {
        for (const tx of await readTransactionLog(dir, path.join(temp.dir, `log-copy-${copy++}`))) txs.push({ member: member.id, dir, tx });
      }
    }
    const byIdAndEpoch = new Map<string, number>();
    for (const { member, dir, tx } of txs) {
      const key = `${tx.txId}@${tx.epoch}`;
      const seen = byIdAndEpoch.get(key);
      assert.ok(seen === undefined || seen === tx.checksum, `tx ${tx.txId} of epoch ${tx.epoch} differs in member ${member}'s ${dir}: two masters wrote in one epoch (${context})`);
      byIdAndEpoch.set(key, tx.checksum);
    }
    const masters = mastersByEpoch(cluster.members);
    const epochs = new Set(txs.map(({ tx }) => tx.epoch));
    for (const epoch of epochs) assert.ok(masters.has(epoch), `transactions of epoch ${epoch} but no member became master in it (${context})`);
  });
});

function mastersByEpoch(members: readonly HaMember[]): Map<number, Set<number>> {
  const masters = new Map<number, Set<number>>();
  for (const member of members) {
    for (const event of member.events()) {
      if (event['event'] !== 'role_change' || event['to'] !== 'master') continue;
      const epoch = Number(event['epoch']);
      masters.set(epoch, (masters.get(epoch) ?? new Set()).add(member.id));
    }
  }
  return masters;
}

function assertOneMasterPerEpoch(members: readonly HaMember[], context: string): void {
  for (const [epoch, ids] of mastersByEpoch(members)) {
    assert.equal(ids.size, 1, `members ${[...ids].join(', ')} all became master in epoch ${epoch} (${context})`);
  }
}

/** Every directory under `dir` (itself included) that holds transaction log files: a store, or a branched one moved aside. */
function storeDirsUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name.startsWith('neostore.transaction.db.'))) found.push(dir);
  for (const entry of entries) if (entry.isDirectory()) found.push(...storeDirsUnder(path.join(dir, entry.name)));
  return found;
}
