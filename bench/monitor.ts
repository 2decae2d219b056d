/**
 * The monitor (`graphlb monitor`, a real child process) watching a 3-member HA cluster
 * with the engine's default heartbeats (ha.heartbeat_interval 1 s, ha.heartbeat_timeout
 * 4 s) at the default interval 1 s:
 *
 * a) re-election: a fresh cluster per run under a light write load, the monitor sending to
 *    a webhook receiver and to Debian's prometheus-alertmanager (on a free port); kill -9
 *    of the master, then the time to the monitor's master_reelected event (its `at`, and its
 *    arrival at the webhook) and to the MasterReelected alert being listed by Alertmanager's
 *    GET /api/v2/alerts (polled every 50 ms). Also shown: when a survivor first answered
 *    master on /db/manage/server/ha/available (polled every 50 ms), so the monitor's share
 *    of the delay can be told from the election's. Target: event <= heartbeat_timeout +
 *    2 x interval. Median and max over the runs.
 * b) cost: the monitor's CPU (utime + stime from /proc/<pid>/stat) and memory (VmRSS from
 *    /proc/<pid>/status) while it watches 3 members for --watch-seconds under a paced
 *    write load of 50 writes/s, after a 10 s warm-up; mean CPU % of one core, the highest
 *    10 s sample, max and final RSS.
 *
 * usage: npm run bench:monitor -- [--runs 3] [--watch-seconds 300]
 * Prints tables and writes bench/results/monitor.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ClusterWriters, eventually, HaCluster, type HaMember } from '../test/support/ha-cluster.js';
import { freePort, TestProcess } from '../test/support/test-process.js';
import { RecordingServer } from '../test/support/recording-server.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'watch-seconds': { type: 'string', default: '300' } } });
const RUNS = Number(args.runs);
const WATCH_SECONDS = Number(args['watch-seconds']);
const HEARTBEAT_TIMEOUT_MS = 4000;
const INTERVAL_MS = 1000;
const TARGET_MS = HEARTBEAT_TIMEOUT_MS + 2 * INTERVAL_MS;
const DEFAULT_HA_SETTINGS = { 'ha.heartbeat_interval': '1s', 'ha.heartbeat_timeout': `${HEARTBEAT_TIMEOUT_MS}ms`, 'ha.tx_push_factor': '1' };
const WARM_UP_MS = 10_000;
const SAMPLE_MS = 10_000;
const PACED_WRITES_PER_SECOND = 50;
const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

function monitorYaml(cluster: HaCluster, name: string, alerts: { webhook?: string; alertmanager?: string }): string {
  const members = cluster.members.map((member) => `    - name: instance${member.id}\n      http: http://127.0.0.1:${member.port}\n`).join('');
  const webhooks = alerts.webhook === undefined ? '  webhooks: []\n' : `  webhooks:\n    - ${alerts.webhook}\n`;
  const alertmanager = alerts.alertmanager === undefined ? '' : `  alertmanager: ${alerts.alertmanager}\n`;
  return `listen: 127.0.0.1:0\ninterval: ${INTERVAL_MS}ms\ncluster:\n  name: ${name}\n  flavor: ha\n  members:\n${members}alerts:\n${webhooks}${alertmanager}`;
}

async function startMonitor(dir: string, yaml: string): Promise<{ process: TestProcess; address: string }> {
  const file = path.join(dir, 'monitor.yaml');
  fs.writeFileSync(file, yaml);
  const process = TestProcess.cli(['monitor', '--config', file]);
  const started = await process.waitForEvent('monitor_started', 30_000);
  return { process, address: String(started['listen']) };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

interface Alertmanager {
  readonly url: string;
  stop(): Promise<void>;
}

async function startAlertmanager(dir: string): Promise<Alertmanager> {
  const port = await freePort();
  const config = path.join(dir, 'alertmanager.yml');
  // Alerts are only listed, never notified: the bench measures their arrival.
  fs.writeFileSync(config, 'route:\n  receiver: discard\nreceivers:\n  - name: discard\n');
  const child: ChildProcess = spawn(
    '/usr/bin/prometheus-alertmanager',
    [`--config.file=${config}`, `--storage.path=${path.join(dir, 'alertmanager-data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  try {
    await eventually('Alertmanager to be ready', 30_000, async () => {
      if (child.exitCode !== null) throw new Error(`prometheus-alertmanager exited with ${child.exitCode}: ${output}`);
      return (await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) })).status === 200 ? true : undefined;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface ReelectionRun {
  readonly killedMaster: string;
  readonly newMaster: string;
  /** A survivor first answered master on /available. */
  readonly electedMs: number;
  /** The event's `at`: the round that saw the new master. */
  readonly eventMs: number;
  readonly webhookMs: number;
  readonly alertmanagerMs: number;
}

interface MasterReelectedBody {
  readonly event: string;
  readonly at: number;
  readonly from: string;
  readonly to: string;
}

async function reelectionRun(index: number, alertmanager: Alertmanager): Promise<ReelectionRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `graphlb-bench-monitor-${index}-`));
  const webhook = await RecordingServer.start();
  const clusterName = `bench-${process.pid}-${index}`;
  let writers: ClusterWriters | undefined;
  try {
    const cluster = await HaCluster.create(dir, { size: 3, settings: DEFAULT_HA_SETTINGS });
    await cluster.start();
    const { master: old } = await cluster.roles(cluster.members, 60_000);
    const monitor = await startMonitor(dir, monitorYaml(cluster, clusterName, { webhook: `${webhook.url}/hook`, alertmanager: alertmanager.url }));
    writers = new ClusterWriters(cluster, 'Watched', 1);
    await eventually('the monitor to see one master and two slaves', 30_000, async () => {
      const state = await getJson<{ master: string | null; members: { role: string }[] }>(`http://${monitor.address}/api/cluster`);
      return state.master === `instance${old.id}` && state.members.filter((member) => member.role === 'slave').length === 2 ? true : undefined;
    });
    const survivors = cluster.members.filter((member) => member !== old);
    const killedAt = Date.now();
    await old.kill();
    const elected = eventually('a survivor to answer master', 60_000, async () => {
      const roles = await Promise.all(survivors.map((member: HaMember) => member.role(500)));
      return roles.includes('master') ? Date.now() : undefined;
    }, 50);
    const reelected = eventually('master_reelected at the webhook', 60_000, async () =>
      webhook.requests.find((request) => (JSON.parse(request.body) as MasterReelectedBody).event === 'master_reelected'),
    50);
    const alerts = `${alertmanager.url}/api/v2/alerts?filter=${encodeURIComponent('alertname="MasterReelected"')}&filter=${encodeURIComponent(`cluster="${clusterName}"`)}`;
    const listed = eventually('MasterReelected listed by Alertmanager', 60_000, async () => ((await getJson<unknown[]>(alerts)).length > 0 ? Date.now() : undefined), 50);
    const [electedAt, delivered, listedAt] = await Promise.all([elected, reelected, listed]);
    const body = JSON.parse(delivered.body) as MasterReelectedBody;
    return {
      killedMaster: body.from,
      newMaster: body.to,
      electedMs: electedAt - killedAt,
      eventMs: body.at - killedAt,
      webhookMs: delivered.at - killedAt,
      alertmanagerMs: listedAt - killedAt,
    };
  } finally {
    await writers?.stop().catch(() => undefined);
    await TestProcess.killAll();
    await webhook.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** utime + stime of `pid`, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it are counted from its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

interface CostSample {
  readonly second: number;
  readonly cpuPercent: number;
  readonly rssMiB: number;
}

interface CostResult {
  readonly watchSeconds: number;
  readonly meanCpuPercent: number;
  readonly maxSampleCpuPercent: number;
  readonly maxRssMiB: number;
  readonly finalRssMiB: number;
  readonly rounds: number;
  readonly samples: CostSample[];
}

/** Writes at a steady rate to the master of the moment, until stop(). */
function pacedWrites(cluster: HaCluster, perSecond: number): { stop: () => Promise<number> } {
  let stopped = false;
  let written = 0;
  const running = (async () => {
    let master: HaMember | undefined;
    let next = Date.now();
    let id = 0;
    while (!stopped) {
      master ??= await cluster.currentMaster();
      if (master !== undefined) {
        const result = await master.cypher('CREATE (:Paced {id: $id})', { id: id++ }, 3000).catch(() => undefined);
        if (result === undefined || result.errors.length > 0) master = undefined;
        else written++;
      }
      next += 1000 / perSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await running;
      return written;
    },
  };
}

async function costRun(): Promise<CostResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-bench-monitor-cost-'));
  let writes: { stop: () => Promise<number> } | undefined;
  try {
    const cluster = await HaCluster.create(dir, { size: 3, settings: DEFAULT_HA_SETTINGS });
    await cluster.start();
    await cluster.roles(cluster.members, 60_000);
    const monitor = await startMonitor(dir, monitorYaml(cluster, 'bench-cost', {}));
    const pid = monitor.process.pid;
    writes = pacedWrites(cluster, PACED_WRITES_PER_SECOND);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const roundsAt = async (): Promise<number> => {
      const text = await (await fetch(`http://${monitor.address}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
      const ok = /^graphlb_monitor_scrapes_total\{[^}]*outcome="ok"[^}]*\} (\d+)$/gm;
      let total = 0;
      for (let match = ok.exec(text); match !== null; match = ok.exec(text)) total += Number(match[1]);
      return total;
    };
    const scrapesBefore = await roundsAt();
    const startedAt = Date.now();
    const cpuAtStart = cpuSeconds(pid);
    const samples: CostSample[] = [];
    let lastAt = startedAt;
    let lastCpu = cpuAtStart;
    while (Date.now() - startedAt < WATCH_SECONDS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(SAMPLE_MS, startedAt + WATCH_SECONDS * 1000 - Date.now())));
      if (!monitor.process.running) throw new Error(`the monitor exited while watched\n${monitor.process.describe()}`);
      const now = Date.now();
      const cpu = cpuSeconds(pid);
      samples.push({ second: Math.round((now - startedAt) / 1000), cpuPercent: ((cpu - lastCpu) / ((now - lastAt) / 1000)) * 100, rssMiB: rssMiB(pid) });
      lastAt = now;
      lastCpu = cpu;
    }
    const rounds = ((await roundsAt()) - scrapesBefore) / cluster.members.length;
    return {
      watchSeconds: (lastAt - startedAt) / 1000,
      meanCpuPercent: ((lastCpu - cpuAtStart) / ((lastAt - startedAt) / 1000)) * 100,
      maxSampleCpuPercent: Math.max(...samples.map((sample) => sample.cpuPercent)),
      maxRssMiB: Math.max(...samples.map((sample) => sample.rssMiB)),
      finalRssMiB: samples.at(-1)!.rssMiB,
      rounds,
      samples,
    };
  } finally {
    await writes?.stop();
    await TestProcess.killAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const amDir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-bench-alertmanager-'));
const alertmanager = await startAlertmanager(amDir);
const runs: ReelectionRun[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    runs.push(await reelectionRun(i, alertmanager));
    const run = runs.at(-1)!;
    process.stderr.write(`re-election run ${i + 1}/${RUNS}: event ${run.eventMs} ms, Alertmanager ${run.alertmanagerMs} ms\n`);
  }
} finally {
  await alertmanager.stop();
  fs.rmSync(amDir, { recursive: true, force: true });
}
process.stderr.write(`watching for ${WATCH_SECONDS} s ...\n`);
const cost = await costRun();

const figure = (name: string, values: number[]): Record<string, string | number>[] => [
  { figure: `${name}: median`, ms: median(values), target: TARGET_MS, 'vs target': `${(median(values) / TARGET_MS).toFixed(2)}x` },
  { figure: `${name}: max`, ms: Math.max(...values), target: TARGET_MS, 'vs target': `${(Math.max(...values) / TARGET_MS).toFixed(2)}x` },
];
console.log(`\nkill -9 of the master, 3 members, heartbeat_timeout ${HEARTBEAT_TIMEOUT_MS} ms, monitor interval ${INTERVAL_MS} ms, ${RUNS} runs (ms after the kill)`);
console.table(
  runs.map((run, i) => ({ run: i + 1, killed: run.killedMaster, 'new master': run.newMaster, 'elected ms': run.electedMs, 'event ms': run.eventMs, 'webhook ms': run.webhookMs, 'Alertmanager ms': run.alertmanagerMs })),
);
console.table([
  ...figure('master_reelected event', runs.map((run) => run.eventMs)),
  ...figure('alert listed by Alertmanager', runs.map((run) => run.alertmanagerMs)),
  ...figure('(election itself)', runs.map((run) => run.electedMs)),
]);
console.log(`\nthe monitor watching 3 members at interval ${INTERVAL_MS} ms for ${cost.watchSeconds.toFixed(0)} s (${cost.rounds} rounds), ${PACED_WRITES_PER_SECOND} writes/s to the cluster`);
console.table([
  {
    'mean CPU % of one core': Number(cost.meanCpuPercent.toFixed(2)),
    [`max ${SAMPLE_MS / 1000} s sample CPU %`]: Number(cost.maxSampleCpuPercent.toFixed(2)),
    'max RSS MiB': Number(cost.maxRssMiB.toFixed(1)),
    'final RSS MiB': Number(cost.finalRssMiB.toFixed(1)),
  },
]);
fs.mkdirSync(path.join(REPO_ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(REPO_ROOT, 'bench', 'results', 'monitor.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
      intervalMs: INTERVAL_MS,
      targetMs: TARGET_MS,
      reelection: {
        eventMedianMs: median(runs.map((run) => run.eventMs)),
        eventMaxMs: Math.max(...runs.map((run) => run.eventMs)),
        alertmanagerMedianMs: median(runs.map((run) => run.alertmanagerMs)),
        alertmanagerMaxMs: Math.max(...runs.map((run) => run.alertmanagerMs)),
        runs,
      },
      cost: { writesPerSecond: PACED_WRITES_PER_SECOND, ...cost },
    },
    null,
    2,
  ),
);
