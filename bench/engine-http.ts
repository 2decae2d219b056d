/**
 * One engine instance over Neo4j's HTTP API, loaded by autocannon with 32 connections
 * from this same machine, side by side in one run:
 *   read        MATCH by an indexed property returning one node, parameterised
 *   write       CREATE of one node with 3 properties per request
 *   read, cold  the same read with a page cache 10x smaller than the store
 *
 * usage: npm run bench:http -- [--seconds 10] [--nodes 100000]
 * Prints a table with ratios to the targets and writes bench/results/engine-http.json.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    nodes: { type: 'string', default: '100000' },
    connections: { type: 'string', default: '32' },
  },
});
const SECONDS = Number(args.seconds);
const NODES = Number(args.nodes);
const CONNECTIONS = Number(args.connections);
const WARM_UP_SECONDS = 3;
const REPO_ROOT = path.resolve(import.meta.dirname, '..');

interface Engine {
  readonly process: ChildProcess;
  readonly base: string;
}

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
}

async function startEngine(dir: string, pageCache: string): Promise<Engine> {
  const conf = path.join(dir, 'neo4j.conf');
  fs.writeFileSync(
    conf,
    [
      `dbms.directories.data=${path.join(dir, 'data')}`,
      `dbms.pagecache.memory=${pageCache}`,
      'dbms.connector.http.listen_address=127.0.0.1:0',
      // The load generator sends no credentials: this measures the query path, not scrypt.
      'dbms.security.auth_enabled=false',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'cli/main.ts'), 'engine', '--conf', conf], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the engine did not start within 60 s')), 60_000);
    child.on('exit', (code) => reject(new Error(`the engine exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"engine_started"')) return;
      clearTimeout(timer);
      resolve(`http://${(JSON.parse(line) as { http: string }).http}`);
    });
  });
  return { process: child, base };
}

async function stopEngine(engine: Engine): Promise<void> {
  const exited = new Promise((resolve) => engine.process.on('exit', resolve));
  engine.process.kill('SIGTERM');
  await exited;
}

async function cypher(base: string, statement: string, parameters: Record<string, unknown> = {}): Promise<unknown[][]> {
  const response = await fetch(`${base}/db/neo4j/tx/commit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ statements: [{ statement, parameters }] }),
  });
  const body = (await response.json()) as { results: { data: { row: unknown[] }[] }[]; errors: { message: string }[] };
  if (body.errors.length > 0) throw new Error(`${statement}: ${body.errors[0]!.message}`);
  return body.results[0]?.data.map((d) => d.row) ?? [];
}

interface LoadResult {
  scenario: string;
  hitRatio: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  target: number | undefined;
}

/** The page cache's hits and faults so far, from the engine's /metrics. */
async function pageCacheCounts(base: string): Promise<{ hits: number; faults: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { hits: value('neo4j_page_cache_hits_total'), faults: value('neo4j_page_cache_page_faults_total') };
}

async function load(scenario: string, base: string, body: () => string, target: number | undefined, seconds = SECONDS): Promise<LoadResult> {
  let bodyErrors = 0;
  const before = await pageCacheCounts(base);
  const result = await autocannon({
    url: `${base}/db/neo4j/tx/commit`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
        onResponse: (status, responseBody) => {
          if (status !== 200 || !responseBody.includes('"errors":[]')) bodyErrors++;
        },
      },
    ],
  });
  const after = await pageCacheCounts(base);
  const hits = after.hits - before.hits;
  const faults = after.faults - before.faults;
  return {
    scenario,
    hitRatio: hits / Math.max(1, hits + faults),
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + bodyErrors,
    target,
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-bench-http-'));
const results: LoadResult[] = [];
let storeBytes = 0;
try {
  let engine = await startEngine(dir, '256m');
  await cypher(engine.base, 'CREATE INDEX person_id IF NOT EXISTS FOR (p:Person) ON (p.id)');
  for (let base = 0; base < NODES; base += 5000) {
    await cypher(engine.base, 'UNWIND range($from, $to) AS i CREATE (:Person {id: i, name: "person " + toString(i), age: i % 90, city: "city " + toString(i % 1000)})', {
      from: base,
      to: Math.min(NODES, base + 5000) - 1,
    });
    progress(`loading: ${base + 5000} nodes`);
  }
  const readBody = (): string =>
    JSON.stringify({ statements: [{ statement: 'MATCH (p:Person {id: $id}) RETURN p', parameters: { id: Math.floor(Math.random() * NODES) } }] });
  let written = 0;
  const writeBody = (): string =>
    JSON.stringify({ statements: [{ statement: 'CREATE (n:Item {a: $a, b: $b, c: $c})', parameters: { a: written++, b: 'text', c: 0.5 } }] });
  await stopEngine(engine);

  // Every measured engine starts fresh from the same store and is warmed up first, so
  // that the loading above and the JIT's first minutes weigh on no scenario.
  engine = await startEngine(dir, '256m');
  progress('read load (warm-up)');
  await load('warm-up', engine.base, readBody, undefined, WARM_UP_SECONDS);
  progress('read load');
  results.push(await load('read (hot cache)', engine.base, readBody, 8000));
  progress('write load');
  results.push(await load('write', engine.base, writeBody, 1500));
  await stopEngine(engine);

  const storeDir = path.join(dir, 'data', 'databases', 'graph.db');
  storeBytes = fs
    .readdirSync(storeDir)
    .filter((name) => name.includes('store.db') && !name.endsWith('.id'))
    .reduce((total, name) => total + fs.statSync(path.join(storeDir, name)).size, 0);
  const coldCache = `${Math.max(64, Math.floor(storeBytes / 10 / 1024))}k`;
  engine = await startEngine(dir, coldCache);
  progress('cold read load (warm-up)');
  await load('warm-up', engine.base, readBody, undefined, WARM_UP_SECONDS);
  progress('cold read load');
  results.push(await load(`read (cache ${coldCache} = store / 10)`, engine.base, readBody, undefined));
  await stopEngine(engine);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
progress('');

console.log(`\nHTTP API, one engine instance, autocannon ${CONNECTIONS} connections for ${SECONDS}s each, store ${(storeBytes / 1048576).toFixed(1)} MiB`);
console.table(
  results.map((r) => ({
    scenario: r.scenario,
    'requests/s': Math.round(r.requestsPerSecond),
    'p50 ms': r.p50Ms,
    'p99 ms': r.p99Ms,
    errors: r.errors,
    'page cache hit ratio': r.hitRatio.toFixed(3),
    target: r.target ?? '',
    'vs target': r.target === undefined ? '' : `${(r.requestsPerSecond / r.target).toFixed(2)}x`,
    'vs hot read': `${(r.requestsPerSecond / results[0]!.requestsPerSecond).toFixed(2)}x`,
  })),
);
fs.mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(REPO_ROOT, 'bench', 'results', 'engine-http.json'),
  JSON.stringify({ date: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, nodes: NODES, storeBytes, results }, null, 2),
);
