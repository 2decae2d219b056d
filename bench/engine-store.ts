/**
 * The engine's storage core, measured side by side in one run:
 *   1. durable commits per second at 1, 16 and 64 concurrent writers (group commit)
 *   2. point reads (node by id with 4 properties) with a hot cache and with a cache
 *      10x smaller than the store, with the hit ratio of each
 *   3. recovery time after kill -9 with 100,000 transactions since the last checkpoint
 *
 * usage: npm run bench -- [--seconds 5] [--recovery-txs 100000]
 * Prints a table and writes bench/results/engine-store.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { GraphDatabase } from '../engine/database.js';
import type { DatabaseOptions } from '../engine/database-options.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    'recovery-txs': { type: 'string', default: '100000' },
    'read-nodes': { type: 'string', default: '200000' },
  },
});
const SECONDS = Number(args.seconds);
const RECOVERY_TXS = Number(args['recovery-txs']);
const READ_NODES = Number(args['read-nodes']);
const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const logger = pino({ level: 'warn' });

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `graphlb-bench-${name}-`));
}

function options(storeDir: string, pageCacheBytes: number): DatabaseOptions {
  return {
    storeDir,
    pageCacheBytes,
    txLogRotationBytes: 250 * 1024 * 1024,
    txLogRetention: { kind: 'files', count: 2 },
    checkpointIntervalMs: 15 * 60_000,
    checkpointIntervalTx: 100_000,
    logger,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}

function storeBytes(storeDir: string): number {
  return fs
    .readdirSync(storeDir)
    .filter((name) => name.includes('store.db') && !name.endsWith('.id'))
    .reduce((total, name) => total + fs.statSync(path.join(storeDir, name)).size, 0);
}

// ------------------------------------------------------------------ 1. commits

interface CommitResult {
  writers: number;
  commitsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  commitsPerForce: number;
}

async function commits(writers: number): Promise<CommitResult> {
  const dir = tempDir('commits');
  const database = await GraphDatabase.open(options(dir, 64 * 1024 * 1024));
  try {
    const warm = database.beginTransaction();
    await warm.createNode(['Item'], { name: 'warm', count: 0n, score: 0.5 });
    await warm.commit();
    const forcesBefore = database.transactionLog.stats().forces;
    const latencies: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    let count = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const tx = database.beginTransaction();
          await tx.createNode(['Item'], { name: `w${writer}-${count}`, count: BigInt(count), score: Math.random() });
          await tx.commit();
          latencies.push(performance.now() - t0);
          count++;
          if (count % 2000 === 0) progress(`commits, ${writers} writers: ${count}`);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const forces = database.transactionLog.stats().forces - forcesBefore;
    latencies.sort((a, b) => a - b);
    return { writers, commitsPerSecond: count / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), commitsPerForce: count / Math.max(1, forces) };
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ 2. point reads

interface ReadResult {
  cache: string;
  pageCacheBytes: number;
  storeBytes: number;
  readsPerSecond: number;
  hitRatio: number;
}

async function buildReadStore(dir: string): Promise<number> {
  const database = await GraphDatabase.open(options(dir, 64 * 1024 * 1024));
  try {
    for (let base = 0; base < READ_NODES; base += 1000) {
      const tx = database.beginTransaction();
      for (let i = base; i < Math.min(READ_NODES, base + 1000); i++) {
        await tx.createNode(['Person'], { id: BigInt(i), name: `person ${i}`, age: BigInt(i % 90), active: i % 2 === 0 });
      }
      await tx.commit();
      progress(`building the read store: ${base + 1000} nodes`);
    }
  } finally {
    await database.close();
  }
  return storeBytes(dir);
}

async function pointReads(dir: string, label: string, pageCacheBytes: number, size: number): Promise<ReadResult> {
  const database = await GraphDatabase.open(options(dir, pageCacheBytes));
  try {
    // One pass to fill the cache as far as it goes, then measure.
    const warm = database.beginTransaction('READ');
    for (let id = 0; id < READ_NODES; id++) warm.nodeProperties(id);
    warm.rollback();
    const before = database.stats().pageCache;
    let reads = 0;
    let checksum = 0;
    let seed = 12345;
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    while (performance.now() < deadline) {
      for (let i = 0; i < 1000; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        const id = seed % READ_NODES;
        const tx = database.beginTransaction('READ');
        const properties = tx.nodeProperties(id);
        tx.rollback();
        if (properties['id'] !== BigInt(id)) throw new Error(`node ${id} read back wrong: ${String(properties['id'])}`);
        checksum += Object.keys(properties).length;
      }
      reads += 1000;
    }
    const elapsed = (performance.now() - started) / 1000;
    const after = database.stats().pageCache;
    const hits = after.hits - before.hits;
    const faults = after.faults - before.faults;
    if (checksum !== reads * 4) throw new Error('a node did not come back with its 4 properties');
    return { cache: label, pageCacheBytes, storeBytes: size, readsPerSecond: reads / elapsed, hitRatio: hits / Math.max(1, hits + faults) };
  } finally {
    await database.close();
  }
}

// ------------------------------------------------------------------ 3. recovery

interface RecoveryResult {
  transactions: number;
  recoveryMs: number;
  openMs: number;
}

async function recovery(): Promise<RecoveryResult> {
  const dir = tempDir('recovery');
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'test/fixtures/crash-writer.ts'), dir, '64', String(64 * 1024 * 1024), String(10_000_000)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let acked = 0;
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the writer did not reach the transaction count within 10 minutes')), 600_000);
      readline.createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!line.startsWith('ack ')) return;
        acked++;
        if (acked % 5000 === 0) progress(`recovery: ${acked} transactions written`);
        if (acked === RECOVERY_TXS) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => (acked < RECOVERY_TXS ? reject(new Error('the writer exited early')) : undefined));
    });
    await exited;
    let recoveryMs = NaN;
    const recoveryLogger = pino({ level: 'info' }, { write: (line: string) => {
      const entry = JSON.parse(line) as { event?: string; durationMs?: number };
      if (entry.event === 'recovery') recoveryMs = entry.durationMs ?? NaN;
    } });
    const started = performance.now();
    const database = await GraphDatabase.open({ ...options(dir, 64 * 1024 * 1024), logger: recoveryLogger });
    const openMs = performance.now() - started;
    await database.close();
    return { transactions: acked, recoveryMs, openMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ main

const commitResults: CommitResult[] = [];
for (const writers of [1, 16, 64]) commitResults.push(await commits(writers));

const readDir = tempDir('reads');
const size = await buildReadStore(readDir);
const readResults = [
  await pointReads(readDir, 'hot (cache > store)', Math.max(size * 2, 1024 * 1024), size),
  await pointReads(readDir, 'cold (cache = store / 10)', Math.floor(size / 10), size),
];
fs.rmSync(readDir, { recursive: true, force: true });

const recoveryResult = await recovery();
progress('');

const one = commitResults[0]!.commitsPerSecond;
console.log(`\nDurable commits (node with 3 properties per commit, ${SECONDS}s each, fdatasync per group)`);
console.table(
  commitResults.map((r) => ({
    writers: r.writers,
    'commits/s': Math.round(r.commitsPerSecond),
    'vs 1 writer': `${(r.commitsPerSecond / one).toFixed(1)}x`,
    'commits per fsync': r.commitsPerForce.toFixed(1),
    'p50 ms': r.p50Ms.toFixed(2),
    'p99 ms': r.p99Ms.toFixed(2),
  })),
);
console.log(`Point reads (node by id with 4 properties, ${READ_NODES} nodes, store ${(size / 1048576).toFixed(1)} MiB)`);
console.table(
  readResults.map((r) => ({
    cache: r.cache,
    'cache MiB': (r.pageCacheBytes / 1048576).toFixed(2),
    'reads/s': Math.round(r.readsPerSecond),
    'vs hot': `${(r.readsPerSecond / readResults[0]!.readsPerSecond).toFixed(2)}x`,
    'hit ratio': r.hitRatio.toFixed(3),
  })),
);
console.log('Recovery after kill -9');
console.table([
  {
    'transactions since checkpoint': recoveryResult.transactions,
    'replay ms': Math.round(recoveryResult.recoveryMs),
    'open incl. index rebuild and checkpoint ms': Math.round(recoveryResult.openMs),
    'target ms': 5000,
  },
]);

fs.mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(REPO_ROOT, 'bench', 'results', 'engine-store.json'),
  JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, commits: commitResults, reads: readResults, recovery: recoveryResult }, null, 2),
);
