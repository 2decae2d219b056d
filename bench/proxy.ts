/**
 * graphlb's proxy against HAProxy 2.6 (Debian), side by side in one run, load from wrk
 * (2 threads, 32 connections) on this same machine:
 *
 *   a) forwarding overhead: a trivial node:http backend in its own process (small fixed
 *      JSON), reached directly, through HAProxy (nbthread 1) and through graphlb's proxy
 *      (the backend answers the HA endpoints and bean as a master, so it is graphlb's only
 *      member). Requests are POST /db/data/transaction/commit with `X-Write: 1`, which
 *      both proxies route on without reading the Cypher.
 *   b) a 3-member graphlb HA cluster, uniform indexed reads (MATCH by an indexed property,
 *      hot page cache): HAProxy as Neo4j's manual teaches (bench/proxy/haproxy-config.ts:
 *      round robin over the `/ha/slave` backend, `X-Write: 1` ACL to the `/ha/master`
 *      backend) against graphlb (reads: slaves).
 *   c) cache sharding: a store about `--cache-multiple` x one member's page cache
 *      (dbms.pagecache.memory 2m), reads keyed by the Cypher parameter `country` (countries
 *      of 50 nodes created together, so that a country's records share pages; a request
 *      reads one node of its country by the indexed `key`), uniform and Zipf (s = --zipf-s)
 *      countries from bench/proxy/lua/keyed-read.lua: graphlb with sharding.keys
 *      [{parameter: country}] against HAProxy round robin. (Sharding by a key per node
 *      would not help a page cache: every 8 KiB page holds records of every shard.)
 *      Reads go to all three members on both sides (graphlb `reads: all`, HAProxy checking
 *      `/ha/available`): with slaves only, each of two slaves' shard would be 1.5x its
 *      cache. The page cache hit ratio is the members' neo4j_page_cache_hits_total /
 *      (hits + page faults) over the measured run.
 *   d) the write gap at a master kill, through each proxy (fresh cluster each, Neo4j's
 *      default heartbeat 1 s / timeout 4 s as bench/failover.ts): 4 client loops write
 *      through the proxy (bench/proxy/proxy-writers.ts), the master is killed -9 after 200
 *      acknowledged writes; the longest gap between acknowledged writes, the errors the
 *      clients saw, and acknowledged writes missing from the new master.
 *
 * Both proxies check members every 1 s with rise 2 / fall 2. Every load is preceded by a
 * warm-up run of --warmup seconds through the same path. Every proxied request is checked
 * once by hand before its load (answer 200 without errors).
 *
 * usage: npm run bench:proxy -- [--seconds 10] [--warmup 3] [--scenarios a,b,c,d] [--no-graphlb]
 * Prints tables with the ratios and targets of issue 5 and writes bench/results/proxy.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eventually, HaCluster, type HaMember } from '../test/support/ha-cluster.js';
import { TestProcess } from '../test/support/test-process.js';
import { GraphlbProxy } from './proxy/graphlb-proxy.js';
import { Haproxy } from './proxy/haproxy-process.js';
import { longestGap, ProxyWriters } from './proxy/proxy-writers.js';
import { runWrk } from './proxy/wrk.js';
import { errorCount, requestsPerSecond, type WrkResult } from './proxy/wrk-result.js';
import { uniformTopShare, zipfTopShare } from './proxy/zipf.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    threads: { type: 'string', default: '2' },
    scenarios: { type: 'string', default: 'a,b,c,d' },
    'b-nodes': { type: 'string', default: '20000' }, // a multiple of COUNTRY_SIZE
    'cache-multiple': { type: 'string', default: '3' },
    'zipf-s': { type: 'string', default: '1.1' },
    'no-graphlb': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
const WARM_UP_SECONDS = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const THREADS = Number(args.threads);
const SCENARIOS = new Set(args.scenarios.split(','));
const B_NODES = Number(args['b-nodes']);
const CACHE_MULTIPLE = Number(args['cache-multiple']);
const ZIPF_S = Number(args['zipf-s']);
const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const WITH_GRAPHLB = !args['no-graphlb'] && fs.existsSync(path.join(REPO_ROOT, 'cli', 'proxy-command.ts'));
const C_PAGE_CACHE_BYTES = 2 * 1024 * 1024;
const READ_STATEMENT = 'MATCH (n:Item {key: $key}) WHERE n.country = $country RETURN n';
/** Nodes per country: a country's nodes are created together, so they share store pages. */
const COUNTRY_SIZE = 50;
const COMMIT_PATH = '/db/data/transaction/commit';
/** Health as both proxies are given it: interval 1 s, rise 2, fall 2. */
const CHECK = { checkIntervalMs: 1000, rise: 2, fall: 2 };
const READY_MS = 30_000;
const BENCH_CLUSTER = { 'dbms.security.ha_status_auth_enabled': 'false' };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-bench-proxy-'));
// Everything shares this machine's cores with the load generator: other work on it skews
// the figures, so the run records the 1-minute load average at its start and end.
const loadAverageAtStart = os.loadavg()[0]!;

async function cleanUp(): Promise<void> {
  await TestProcess.killAll();
  fs.rmSync(scratch, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

function progress(text: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
}

interface Load {
  readonly scenario: string;
  readonly side: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly hitRatio?: number;
  /** Per member (instance1..3): page cache hit ratio and share of the transactions started. */
  readonly members?: readonly { readonly hitRatio: number; readonly share: number }[];
  readonly topShare?: { readonly measured: number | undefined; readonly expected: number };
}

function load(scenario: string, side: string, result: WrkResult, extra: Partial<Load> = {}): Load {
  return {
    scenario,
    side,
    requestsPerSecond: requestsPerSecond(result),
    p50Ms: result.p50Us / 1000,
    p99Ms: result.p99Us / 1000,
    errors: errorCount(result),
    ...extra,
  };
}

/** One request as the load will send it: it must be answered 200 without errors. */
async function checkOnce(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(`${url}${COMMIT_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 200 || !text.includes('"errors":[]')) throw new Error(`${url}${COMMIT_PATH} answered ${response.status} ${text.slice(0, 300)}; expected 200 without errors`);
}

interface MemberCounts {
  readonly hits: number;
  readonly faults: number;
  readonly transactions: number;
}

async function memberCounts(cluster: HaCluster): Promise<MemberCounts[]> {
  return Promise.all(
    cluster.members.map(async (member) => ({
      hits: (await member.metric('neo4j_page_cache_hits_total')) ?? NaN,
      faults: (await member.metric('neo4j_page_cache_page_faults_total')) ?? NaN,
      transactions: (await member.metric('neo4j_transaction_started_total')) ?? NaN,
    })),
  );
}

/** A warm-up run, then the measured one; with `cluster`, its members' counters over the measured run. */
async function measure(
  url: string,
  script: 'fixed-post' | 'keyed-read',
  env: Record<string, string>,
  cluster?: HaCluster,
): Promise<{ result: WrkResult; hitRatio?: number; members?: { hitRatio: number; share: number }[] }> {
  const common = { url: `${url}${COMMIT_PATH}`, script, env, connections: CONNECTIONS, threads: THREADS, scratchDir: scratch };
  await runWrk({ ...common, seconds: WARM_UP_SECONDS });
  const before = cluster === undefined ? undefined : await memberCounts(cluster);
  const result = await runWrk({ ...common, seconds: SECONDS });
  if (cluster === undefined || before === undefined) return { result };
  const deltas = (await memberCounts(cluster)).map((after, i) => ({
    hits: after.hits - before[i]!.hits,
    faults: after.faults - before[i]!.faults,
    transactions: after.transactions - before[i]!.transactions,
  }));
  const sum = (pick: (d: MemberCounts) => number): number => deltas.reduce((total, d) => total + pick(d), 0);
  const ratio = (hits: number, faults: number): number => hits / Math.max(1, hits + faults);
  return {
    result,
    hitRatio: ratio(sum((d) => d.hits), sum((d) => d.faults)),
    members: deltas.map((d) => ({ hitRatio: ratio(d.hits, d.faults), share: d.transactions / Math.max(1, sum((x) => x.transactions)) })),
  };
}

// ---------------------------------------------------------------- a) forwarding overhead

async function scenarioA(): Promise<Load[]> {
  const backend = TestProcess.start('bench/proxy/trivial-backend.ts', []);
  const port = Number((await backend.waitForEvent('backend_started', READY_MS))['port']);
  const body = JSON.stringify({ statements: [{ statement: 'CREATE (n:Bench {v: 1})', parameters: {} }] });
  const env = { WRK_BODY: body, WRK_HEADERS: 'X-Write: 1' };
  const targets: { side: string; url: string }[] = [{ side: 'direct', url: `http://127.0.0.1:${port}` }];
  const haproxy = await Haproxy.start(
    {
      writeBackend: undefined,
      defaultBackend: { name: 'backend', check: undefined, servers: [{ name: 'backend', port }] },
      ...CHECK,
    },
    scratch,
    READY_MS,
  );
  targets.push({ side: 'HAProxy', url: haproxy.url });
  let graphlb: GraphlbProxy | undefined;
  if (WITH_GRAPHLB) {
    graphlb = await GraphlbProxy.start({ members: [{ name: 'backend', port }], reads: 'all' }, scratch, READY_MS);
    await graphlb.waitUntilServing(1, READY_MS);
    targets.push({ side: 'graphlb', url: graphlb.url });
  }
  try {
    const results: Load[] = [];
    for (const target of targets) {
      await eventually(`${target.side} answering`, READY_MS, async () => {
        await checkOnce(target.url, body, { 'X-Write': '1' });
        return true;
      });
      progress(`a) ${target.side}`);
      results.push(load('a) trivial backend', target.side, (await measure(target.url, 'fixed-post', env)).result));
    }
    return results;
  } finally {
    await haproxy.stop();
    await graphlb?.stop();
    await backend.kill();
  }
}

// ---------------------------------------------------------------- clusters for b, c, d

async function startCluster(name: string, settings: Record<string, string>): Promise<{ cluster: HaCluster; master: HaMember; slaves: HaMember[] }> {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  const cluster = await HaCluster.create(dir, { size: 3, settings: { ...BENCH_CLUSTER, ...settings } });
  await cluster.start();
  const { master, slaves } = await cluster.roles(cluster.members, 60_000);
  return { cluster, master, slaves };
}

async function stopCluster(cluster: HaCluster): Promise<void> {
  await Promise.all(cluster.members.map((m) => m.kill()));
}

/** Waits until every member has applied the master's last transaction. */
async function replicated(cluster: HaCluster, master: HaMember): Promise<void> {
  const target = await master.lastCommittedTxId();
  await eventually(`all members at tx ${target}`, 120_000, async () => {
    const ids = await Promise.all(cluster.members.map((m) => m.lastCommittedTxId()));
    return ids.every((id) => id >= target) ? true : undefined;
  });
}

function memberName(member: HaMember): string {
  return `instance${member.id}`;
}

function storeBytes(member: HaMember): number {
  const dir = path.join(member.dataDir, 'databases', 'graph.db');
  return fs
    .readdirSync(dir)
    .filter((name) => name.includes('store.db') && !name.endsWith('.id'))
    .reduce((total, name) => total + fs.statSync(path.join(dir, name)).size, 0);
}

/** `(:Item {key, country, payload})` nodes with keys from..to-1 in key order, indexed on key; country = key / COUNTRY_SIZE. */
async function loadItems(master: HaMember, from: number, to: number, payloadChars: number): Promise<void> {
  await master.rows('CREATE INDEX item_key IF NOT EXISTS FOR (n:Item) ON (n.key)');
  const pad = 'x'.repeat(payloadChars);
  for (let start = from; start < to; start += 2000) {
    await master.rows('UNWIND range($from, $to) AS i CREATE (:Item {key: i, country: i / $size, payload: toString(i) + $pad})', {
      from: start,
      to: Math.min(to, start + 2000) - 1,
      size: COUNTRY_SIZE,
      pad,
    });
  }
}

async function haproxyForCluster(cluster: HaCluster, master: HaMember, slaves: readonly HaMember[], reads: 'slaves' | 'all'): Promise<Haproxy> {
  const servers = cluster.members.map((m) => ({ name: memberName(m), port: m.port }));
  const readBackend = reads === 'slaves' ? { name: 'neo4j-slaves', check: '/db/manage/server/ha/slave' } : { name: 'neo4j-all', check: '/db/manage/server/ha/available' };
  const haproxy = await Haproxy.start(
    {
      writeBackend: { name: 'neo4j-master', check: '/db/manage/server/ha/master', servers },
      defaultBackend: { ...readBackend, servers },
      ...CHECK,
    },
    scratch,
    READY_MS,
  );
  await haproxy.waitForStates(
    { 'neo4j-master': [memberName(master)], [readBackend.name]: (reads === 'slaves' ? slaves : cluster.members).map(memberName) },
    READY_MS,
  );
  return haproxy;
}

async function graphlbForCluster(cluster: HaCluster, reads: 'slaves' | 'all', shardParameter?: string): Promise<GraphlbProxy> {
  const proxy = await GraphlbProxy.start(
    { members: cluster.members.map((m) => ({ name: memberName(m), port: m.port })), reads, ...(shardParameter === undefined ? {} : { shardParameter }) },
    scratch,
    READY_MS,
  );
  await proxy.waitUntilServing(3, READY_MS);
  return proxy;
}

function readBody(key: number): string {
  return JSON.stringify({ statements: [{ statement: READ_STATEMENT, parameters: { country: Math.floor(key / COUNTRY_SIZE), key } }] });
}

// ---------------------------------------------------------------- b) uniform indexed reads

async function scenarioB(): Promise<Load[]> {
  const { cluster, master, slaves } = await startCluster('b', { 'dbms.pagecache.memory': '64m' });
  try {
    progress(`b) loading ${B_NODES} nodes`);
    await loadItems(master, 0, B_NODES, 16);
    await replicated(cluster, master);
    const env = { WRK_GROUPS: String(B_NODES / COUNTRY_SIZE), WRK_GROUP_SIZE: String(COUNTRY_SIZE), WRK_DISTRIBUTION: 'uniform', WRK_STATEMENT: READ_STATEMENT };
    const results: Load[] = [];
    const haproxy = await haproxyForCluster(cluster, master, slaves, 'slaves');
    try {
      await checkOnce(haproxy.url, readBody(1), {});
      progress('b) HAProxy');
      const { result, hitRatio, members } = await measure(haproxy.url, 'keyed-read', env, cluster);
      results.push(load('b) indexed reads, 3 members', 'HAProxy', result, { hitRatio, members }));
    } finally {
      await haproxy.stop();
    }
    if (WITH_GRAPHLB) {
      const graphlb = await graphlbForCluster(cluster, 'slaves');
      try {
        await checkOnce(graphlb.url, readBody(1), {});
        progress('b) graphlb');
        const { result, hitRatio, members } = await measure(graphlb.url, 'keyed-read', env, cluster);
        results.push(load('b) indexed reads, 3 members', 'graphlb', result, { hitRatio, members }));
      } finally {
        await graphlb.stop();
      }
    }
    return results;
  } finally {
    await stopCluster(cluster);
  }
}

// ---------------------------------------------------------------- c) cache sharding

let cStoreBytes = 0;
let cKeys = 0;

async function scenarioC(): Promise<Load[]> {
  // A checkpoint after every transaction while loading (there are none while reading), so
  // that the store files on disk, which size the dataset, are never far behind the cache.
  const { cluster, master, slaves } = await startCluster('c', {
    'dbms.pagecache.memory': `${C_PAGE_CACHE_BYTES / 1024}k`,
    'dbms.checkpoint.interval.tx': '1',
    'dbms.checkpoint.interval.time': '200ms',
  });
  try {
    // Load until the store is CACHE_MULTIPLE x one member's cache; a 200-character payload
    // puts each node's read on its own string records.
    const target = CACHE_MULTIPLE * C_PAGE_CACHE_BYTES;
    while (storeBytes(master) < target) {
      await loadItems(master, cKeys, cKeys + 2000, 200);
      cKeys += 2000;
      await new Promise((resolve) => setTimeout(resolve, 300));
      progress(`c) loaded ${cKeys} nodes, store ${(storeBytes(master) / 1048576).toFixed(1)} MiB`);
    }
    cStoreBytes = storeBytes(master);
    await replicated(cluster, master);
    const results: Load[] = [];
    const haproxy = await haproxyForCluster(cluster, master, slaves, 'all');
    const graphlb = WITH_GRAPHLB ? await graphlbForCluster(cluster, 'all', 'country') : undefined;
    try {
      for (const distribution of ['uniform', 'zipf'] as const) {
        const countries = cKeys / COUNTRY_SIZE;
        const env = { WRK_GROUPS: String(countries), WRK_GROUP_SIZE: String(COUNTRY_SIZE), WRK_DISTRIBUTION: distribution, WRK_ZIPF_S: String(ZIPF_S), WRK_STATEMENT: READ_STATEMENT };
        const expected = distribution === 'zipf' ? zipfTopShare(countries, ZIPF_S) : uniformTopShare(countries);
        const sides: { side: string; url: string }[] = [{ side: 'HAProxy round robin', url: haproxy.url }];
        if (graphlb !== undefined) sides.push({ side: 'graphlb sharded', url: graphlb.url });
        for (const { side, url } of sides) {
          await checkOnce(url, readBody(1), {});
          progress(`c) ${distribution}, ${side}`);
          const { result, hitRatio, members } = await measure(url, 'keyed-read', env, cluster);
          results.push(load(`c) ${distribution} keys`, side, result, { hitRatio, members, topShare: { measured: result.topShare, expected } }));
        }
      }
    } finally {
      await haproxy.stop();
      await graphlb?.stop();
    }
    return results;
  } finally {
    await stopCluster(cluster);
  }
}

// ---------------------------------------------------------------- d) write gap at a master kill

interface Gap {
  readonly side: string;
  readonly longestGapMs: number;
  readonly killToFirstAckMs: number;
  readonly errors: number;
  readonly errorKinds: Record<string, number>;
  readonly acknowledged: number;
  readonly lost: number;
  readonly killedMaster: number;
  readonly newMaster: number | undefined;
}

async function scenarioD(side: 'HAProxy' | 'graphlb'): Promise<Gap> {
  const { cluster, master, slaves } = await startCluster(`d-${side}`, { 'ha.heartbeat_interval': '1s', 'ha.heartbeat_timeout': '4s' });
  let haproxy: Haproxy | undefined;
  let graphlb: GraphlbProxy | undefined;
  try {
    await master.rows('CREATE CONSTRAINT w_id IF NOT EXISTS FOR (n:W) REQUIRE n.id IS UNIQUE');
    await replicated(cluster, master);
    let port: number;
    if (side === 'HAProxy') {
      haproxy = await haproxyForCluster(cluster, master, slaves, 'slaves');
      port = haproxy.config.listenPort;
    } else {
      graphlb = await graphlbForCluster(cluster, 'slaves');
      port = graphlb.httpPort;
    }
    progress(`d) ${side}: writing, then kill -9 of instance${master.id}`);
    const writers = new ProxyWriters(port, 'W', 4, { errorPauseMs: 50, timeoutMs: 30_000 });
    await eventually('200 acknowledged writes before the kill', 60_000, async () => (writers.report.acks.length >= 200 ? true : undefined));
    const killedAt = Date.now();
    await master.kill();
    // A write sent before the kill may still be answered just after it: the first that counts was sent after.
    const first = await eventually('a write sent after the kill acknowledged', 90_000, async () => writers.report.acks.find((a) => a.sentAt > killedAt));
    // Keep writing a little after the first acknowledgement, so that a second gap shows.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const report = await writers.stop();
    const newMaster = await cluster.currentMaster();
    const held = newMaster === undefined ? new Set<number>() : new Set((await newMaster.rows('MATCH (n:W) RETURN n.id')).map((row) => Number(row[0])));
    const errors = [...report.errors.values()].reduce((a, b) => a + b, 0);
    return {
      side,
      longestGapMs: longestGap(report.acks).ms,
      killToFirstAckMs: first.at - killedAt,
      errors,
      errorKinds: Object.fromEntries(report.errors),
      acknowledged: report.acks.length,
      lost: newMaster === undefined ? NaN : report.acks.filter((a) => !held.has(a.id)).length,
      killedMaster: master.id,
      newMaster: newMaster?.id,
    };
  } finally {
    await haproxy?.stop();
    await graphlb?.stop();
    await stopCluster(cluster);
  }
}

// ---------------------------------------------------------------- the run

function ratio(numerator: number | undefined, denominator: number | undefined): string {
  return numerator === undefined || denominator === undefined || denominator === 0 ? '' : `${(numerator / denominator).toFixed(2)}x`;
}

const loads: Load[] = [];
const gaps: Gap[] = [];
try {
  if (!WITH_GRAPHLB) progress('graphlb proxy not run (--no-graphlb, or cli/proxy-command.ts missing): HAProxy and direct sides only');
  if (SCENARIOS.has('a')) loads.push(...(await scenarioA()));
  if (SCENARIOS.has('b')) loads.push(...(await scenarioB()));
  if (SCENARIOS.has('c')) loads.push(...(await scenarioC()));
  if (SCENARIOS.has('d')) {
    gaps.push(await scenarioD('HAProxy'));
    if (WITH_GRAPHLB) gaps.push(await scenarioD('graphlb'));
  }
} finally {
  await cleanUp();
}

const find = (scenario: string, side: string): Load | undefined => loads.find((l) => l.scenario === scenario && l.side === side);
if (loads.length > 0) {
  console.log(
    `\nProxies under wrk, ${THREADS} threads, ${CONNECTIONS} connections, ${SECONDS} s each after a ${WARM_UP_SECONDS} s warm-up; HAProxy 2.6 nbthread 1; ` +
      `${os.cpus().length} cores, load average ${loadAverageAtStart.toFixed(1)} at start, ${os.loadavg()[0]!.toFixed(1)} at end`,
  );
  if (cStoreBytes > 0) console.log(`c) store ${(cStoreBytes / 1048576).toFixed(1)} MiB, ${cKeys} nodes in ${cKeys / COUNTRY_SIZE} countries, page cache ${C_PAGE_CACHE_BYTES / 1048576} MiB per member, Zipf s = ${ZIPF_S} over countries`);
  console.table(
    loads.map((l) => {
      const haproxySide = loads.find((other) => other.scenario === l.scenario && other.side.startsWith('HAProxy'));
      return {
        scenario: l.scenario,
        side: l.side,
        'requests/s': Math.round(l.requestsPerSecond),
        'p50 ms': l.p50Ms.toFixed(2),
        'p99 ms': l.p99Ms.toFixed(2),
        errors: l.errors,
        'req/s vs HAProxy': l.side.startsWith('HAProxy') ? '' : ratio(l.requestsPerSecond, haproxySide?.requestsPerSecond),
        'p99 vs HAProxy': l.side.startsWith('HAProxy') ? '' : ratio(l.p99Ms, haproxySide?.p99Ms),
        'hit ratio': l.hitRatio === undefined ? '' : l.hitRatio.toFixed(3),
        'per member: hit ratio / share': l.members?.map((m) => `${m.hitRatio.toFixed(2)}/${m.share.toFixed(2)}`).join(' ') ?? '',
        'hot 1% countries share (expected)': l.topShare === undefined ? '' : `${l.topShare.measured?.toFixed(3)} (${l.topShare.expected.toFixed(3)})`,
      };
    }),
  );
}
if (gaps.length > 0) {
  console.log('\nd) kill -9 of the master under 4 writers through the proxy (heartbeat 1 s, timeout 4 s; writers pause 50 ms after an error)');
  console.table(
    gaps.map((g) => ({
      side: g.side,
      'longest gap ms': g.longestGapMs,
      'kill to first ack ms': g.killToFirstAckMs,
      'client errors': g.errors,
      'error kinds': Object.entries(g.errorKinds).map(([kind, n]) => `${kind}: ${n}`).join(', '),
      acknowledged: g.acknowledged,
      'acked lost': g.lost,
    })),
  );
}

const targets: { figure: string; measured: string; target: string; met: string }[] = [];
const a = { h: find('a) trivial backend', 'HAProxy'), g: find('a) trivial backend', 'graphlb') };
if (a.h !== undefined && a.g !== undefined) {
  targets.push({ figure: 'a) graphlb / HAProxy requests/s', measured: ratio(a.g.requestsPerSecond, a.h.requestsPerSecond), target: '>= 0.6x', met: String(a.g.requestsPerSecond >= 0.6 * a.h.requestsPerSecond) });
  targets.push({ figure: 'a) graphlb / HAProxy p99', measured: ratio(a.g.p99Ms, a.h.p99Ms), target: '<= 2x', met: String(a.g.p99Ms <= 2 * a.h.p99Ms) });
}
const b = { h: find('b) indexed reads, 3 members', 'HAProxy'), g: find('b) indexed reads, 3 members', 'graphlb') };
if (b.h !== undefined && b.g !== undefined) {
  targets.push({ figure: 'b) graphlb / HAProxy requests/s', measured: ratio(b.g.requestsPerSecond, b.h.requestsPerSecond), target: '>= 0.9x', met: String(b.g.requestsPerSecond >= 0.9 * b.h.requestsPerSecond) });
}
for (const distribution of ['uniform', 'zipf']) {
  const h = find(`c) ${distribution} keys`, 'HAProxy round robin');
  const g = find(`c) ${distribution} keys`, 'graphlb sharded');
  if (h === undefined || g === undefined) continue;
  targets.push({ figure: `c) ${distribution}: graphlb / HAProxy requests/s`, measured: ratio(g.requestsPerSecond, h.requestsPerSecond), target: '>= 1.5x', met: String(g.requestsPerSecond >= 1.5 * h.requestsPerSecond) });
  targets.push({ figure: `c) ${distribution}: graphlb hit ratio`, measured: (g.hitRatio ?? NaN).toFixed(3), target: '>= 0.9', met: String((g.hitRatio ?? 0) >= 0.9) });
}
if (targets.length > 0) {
  console.log('\nIssue 5 targets');
  console.table(targets);
}

fs.mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(REPO_ROOT, 'bench', 'results', 'proxy.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      seconds: SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
      connections: CONNECTIONS,
      threads: THREADS,
      cores: os.cpus().length,
      loadAverage: { start: loadAverageAtStart, end: os.loadavg()[0] },
      graphlb: WITH_GRAPHLB,
      c: { storeBytes: cStoreBytes, nodes: cKeys, countries: cKeys / COUNTRY_SIZE, pageCacheBytes: C_PAGE_CACHE_BYTES, zipfS: ZIPF_S },
      loads,
      gaps,
      targets,
    },
    null,
    2,
  ),
);
