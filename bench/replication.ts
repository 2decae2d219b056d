/**
 * Replication in a 3-member HA cluster with the default ha.* settings (pull every 1 s,
 * push strategy fixed_ascending), one fresh cluster per ha.tx_push_factor of 0, 1 and 2,
 * side by side in one run:
 *   lag         a steady 500 commits/s (open loop, one CREATE per request) on the master;
 *               every 20 ms the LastCommittedTxId of the master and both slaves (their
 *               High Availability beans, read together). Lag in transactions is master
 *               minus slave; lag in ms is the sample's time minus the master's commit time
 *               (from its transaction log) of the first transaction the slave lacks.
 *               p50/p99 per slave: "first" is the lowest-id slave, the one pushed to first.
 *   throughput  commits/s of the master with 16 closed-loop writers.
 *
 * usage: npm run bench:replication -- [--seconds 10] [--rate 500]
 * Prints tables with ratios (to the p99 target of 100 ms, and to push factor 0) and writes
 * bench/results/replication.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ClusterWriters, HaCluster, readTransactionLog, type HaMember } from '../test/support/ha-cluster.js';
import { TestProcess } from '../test/support/test-process.js';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, rate: { type: 'string', default: '500' } } });
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const FACTORS = [0, 1, 2] as const;
const SAMPLE_MS = 20;
const MAX_IN_FLIGHT = 200;
const TARGET_P99_MS = 100;
const REPO_ROOT = path.resolve(import.meta.dirname, '..');

interface Sample {
  readonly at: number;
  readonly master: number;
  readonly slaves: readonly number[];
}

interface Lag {
  readonly slave: string;
  readonly p50Tx: number;
  readonly p99Tx: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

interface FactorResult {
  readonly pushFactor: number;
  readonly achievedRate: number;
  readonly failedWrites: number;
  readonly lags: Lag[];
  readonly commitsPerSecond: number;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Writes at RATE per second for SECONDS, sampling the tx ids meanwhile. */
async function steadyLoad(master: HaMember, slaves: readonly HaMember[]): Promise<{ samples: Sample[]; acknowledged: number; failed: number }> {
  const samples: Sample[] = [];
  let acknowledged = 0;
  let failed = 0;
  let inFlight = 0;
  let issued = 0;
  const started = Date.now();
  const end = started + SECONDS * 1000;
  const writes: Promise<void>[] = [];
  const sampling = (async () => {
    while (Date.now() < end) {
      const [m, ...s] = await Promise.all([master, ...slaves].map((member) => member.lastCommittedTxId(5000)));
      samples.push({ at: Date.now(), master: m!, slaves: s });
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - started) / 1000) * RATE);
    while (issued < due && inFlight < MAX_IN_FLIGHT) {
      issued++;
      inFlight++;
      writes.push(
        master
          .cypher('CREATE (:Steady {at: $at})', { at: Date.now() }, 10_000)
          .then(
            (answer) => (answer.errors.length === 0 ? acknowledged++ : failed++),
            () => failed++,
          )
          .then(() => {
            inFlight--;
          }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(writes);
  await sampling;
  return { samples, acknowledged, failed };
}

async function throughput(cluster: HaCluster): Promise<number> {
  const writers = new ClusterWriters(cluster, 'Throughput', 16);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const from = writers.stats.acknowledged.size;
  const startedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const commits = writers.stats.acknowledged.size - from;
  const seconds = (Date.now() - startedAt) / 1000;
  await writers.stop();
  return commits / seconds;
}

async function forFactor(pushFactor: number): Promise<FactorResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `graphlb-bench-replication-${pushFactor}-`));
  try {
    const cluster = await HaCluster.create(dir, {
      size: 3,
      settings: { 'ha.heartbeat_interval': '1s', 'ha.heartbeat_timeout': '4s', 'ha.tx_push_factor': String(pushFactor), 'dbms.pagecache.memory': '64m' },
    });
    await cluster.start();
    const { master, slaves } = await cluster.roles(cluster.members, 60_000);
    const ordered = [...slaves].sort((a, b) => a.id - b.id);
    const load = await steadyLoad(master, ordered);
    const commitsPerSecond = await throughput(cluster);
    await master.stop();
    const log = await readTransactionLog(path.join(master.dataDir, 'databases', 'graph.db'), path.join(dir, 'log-copy'));
    const committedAt = new Map(log.map((tx) => [tx.txId, tx.timeMs]));
    const lags = ordered.map((slave, index): Lag => {
      const tx = load.samples.map((s) => Math.max(0, s.master - s.slaves[index]!));
      const ms = load.samples.map((s) => {
        const lacking = s.slaves[index]! + 1;
        return lacking > s.master ? 0 : Math.max(0, s.at - (committedAt.get(lacking) ?? s.at));
      });
      return {
        slave: `${index === 0 ? 'first' : 'second'} (member ${slave.id})`,
        p50Tx: percentile(tx, 50),
        p99Tx: percentile(tx, 99),
        p50Ms: percentile(ms, 50),
        p99Ms: percentile(ms, 99),
      };
    });
    return { pushFactor, achievedRate: load.acknowledged / SECONDS, failedWrites: load.failed, lags, commitsPerSecond };
  } finally {
    await TestProcess.killAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const results: FactorResult[] = [];
for (const factor of FACTORS) {
  process.stderr.write(`push factor ${factor}...\n`);
  results.push(await forFactor(factor));
}

console.log(`\nReplication lag at a steady ${RATE} commits/s for ${SECONDS}s, 3 members, default settings (pull every 1 s), sampled every ${SAMPLE_MS} ms`);
console.table(
  results.flatMap((r) =>
    r.lags.map((lag) => ({
      'push factor': r.pushFactor,
      slave: lag.slave,
      'commits/s achieved': Math.round(r.achievedRate),
      'p50 tx': lag.p50Tx,
      'p99 tx': lag.p99Tx,
      'p50 ms': lag.p50Ms,
      'p99 ms': lag.p99Ms,
      'p99 vs 100 ms target': `${(lag.p99Ms / TARGET_P99_MS).toFixed(2)}x`,
    })),
  ),
);
console.log(`\nMaster commit throughput, 16 closed-loop writers for ${SECONDS}s`);
const base = results[0]!.commitsPerSecond;
console.table(results.map((r) => ({ 'push factor': r.pushFactor, 'commits/s': Math.round(r.commitsPerSecond), 'vs push factor 0': `${(r.commitsPerSecond / base).toFixed(2)}x` })));
fs.mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(REPO_ROOT, 'bench', 'results', 'replication.json'),
  JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, rate: RATE, sampleMs: SAMPLE_MS, targetP99Ms: TARGET_P99_MS, results }, null, 2),
);
