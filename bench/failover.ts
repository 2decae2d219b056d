/**
 * Write unavailability after kill -9 of the master of a 3-member HA cluster with the
 * default ha.* settings (heartbeat 1 s, timeout 4 s, push factor 1): a fresh cluster per
 * run, 4 writers that find the master through the HA endpoints, the master killed once
 * 200 writes are acknowledged; unavailability is the time from the kill to the first write
 * acknowledged by another member. Median and max over the runs.
 *
 * usage: npm run bench:failover -- [--runs 5]
 * Prints a table with the ratio to the target (heartbeat_timeout + 1 s) and writes
 * bench/results/failover.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ClusterWriters, eventually, HaCluster } from '../test/support/ha-cluster.js';
import { TestProcess } from '../test/support/test-process.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(args.runs);
const HEARTBEAT_TIMEOUT_MS = 4000;
const TARGET_MS = HEARTBEAT_TIMEOUT_MS + 1000;
const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const DEFAULT_HA_SETTINGS = { 'ha.heartbeat_interval': '1s', 'ha.heartbeat_timeout': `${HEARTBEAT_TIMEOUT_MS}ms`, 'ha.tx_push_factor': '1' };

interface Run {
  readonly unavailableMs: number;
  readonly killedMaster: number;
  readonly newMaster: number;
  readonly acknowledged: number;
  readonly lost: number;
}

async function oneRun(index: number): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `graphlb-bench-failover-${index}-`));
  try {
    const cluster = await HaCluster.create(dir, { size: 3, settings: DEFAULT_HA_SETTINGS });
    await cluster.start();
    const { master } = await cluster.roles(cluster.members, 60_000);
    const writers = new ClusterWriters(cluster, 'Load', 4);
    await eventually('200 writes before the kill', 60_000, async () => (writers.stats.acknowledged.size >= 200 ? true : undefined));
    const killedAt = Date.now();
    await master.kill();
    const first = await eventually('a write acknowledged by a new master', 60_000, async () =>
      writers.stats.acks.find((ack) => ack.at >= killedAt && ack.member !== master.id),
    );
    const stats = await writers.stop();
    const survivor = cluster.member(first.member);
    const held = new Set((await survivor.rows('MATCH (n:Load) RETURN n.id')).map((row) => Number(row[0])));
    const lost = [...stats.acknowledged].filter((id) => !held.has(id)).length;
    return { unavailableMs: first.at - killedAt, killedMaster: master.id, newMaster: first.member, acknowledged: stats.acknowledged.size, lost };
  } finally {
    await TestProcess.killAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(await oneRun(i));
  process.stderr.write(`run ${i + 1}/${RUNS}: ${runs.at(-1)!.unavailableMs} ms\n`);
}
const sorted = runs.map((r) => r.unavailableMs).sort((a, b) => a - b);
const median = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
const max = sorted.at(-1)!;

console.log(`\nWrite unavailability after kill -9 of the master, 3 members, default settings (heartbeat_timeout ${HEARTBEAT_TIMEOUT_MS} ms), ${RUNS} runs`);
console.table(runs.map((r, i) => ({ run: i + 1, 'unavailable ms': r.unavailableMs, killed: r.killedMaster, 'new master': r.newMaster, 'acked writes': r.acknowledged, 'acked lost': r.lost })));
console.table([
  { figure: 'median', ms: median, target: TARGET_MS, 'vs target': `${(median / TARGET_MS).toFixed(2)}x` },
  { figure: 'max', ms: max, target: TARGET_MS, 'vs target': `${(max / TARGET_MS).toFixed(2)}x` },
]);
fs.mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(REPO_ROOT, 'bench', 'results', 'failover.json'),
  JSON.stringify({ date: new Date().toISOString(), heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS, targetMs: TARGET_MS, medianMs: median, maxMs: max, runs }, null, 2),
);
