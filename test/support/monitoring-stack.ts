/**
 * Debian's `prometheus` and `prometheus-alertmanager` as real processes for integration
 * tests: each on a free loopback port with its own storage directory, ready once /-/ready
 * answers 200, and small clients of their HTTP APIs (Prometheus's /api/v1/query and
 * label values, Alertmanager's GET /api/v2/alerts). Every process started here is killed
 * by {@link StackProcess.killAll} in an after hook, even when a test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './test-process.js';

export const STACK_START_MS = 20_000;
/** Lines of a process's output kept for error messages. */
const TAIL_LINES = 20;
/** A port taken between freePort() and the bind makes the process exit; try a fresh one. */
const PORT_ATTEMPTS = 3;

/** A non-Node child process (a Debian binary) with the tail of its output kept for diagnostics. */
export class StackProcess {
  static readonly #running = new Set<StackProcess>();

  readonly name: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #done = false;
  readonly #tail: string[] = [];

  private constructor(name: string, child: ChildProcess) {
    this.name = name;
    this.#child = child;
    this.#exited = new Promise((resolve) =>
      child.once('exit', () => {
        this.#done = true;
        StackProcess.#running.delete(this);
        resolve();
      }),
    );
    // The 'error' event (binary missing) is followed by no 'exit': treat it as one.
    child.once('error', (error) => {
      this.#keep(`spawn failed: ${error.message}`);
      this.#done = true;
      StackProcess.#running.delete(this);
    });
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => this.#keep(chunk.toString('utf8')));
  }

  static start(name: string, binary: string, args: readonly string[]): StackProcess {
    const started = new StackProcess(name, spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    StackProcess.#running.add(started);
    return started;
  }

  /** SIGKILLs every process started here that still runs. For after hooks. */
  static async killAll(): Promise<void> {
    await Promise.all([...StackProcess.#running].map((running) => running.kill()));
  }

  get running(): boolean {
    return !this.#done;
  }

  /** SIGKILL and wait (bounded) for the exit. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.#child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
  }

  describe(): string {
    return `--- ${this.name} output (last lines) ---\n${this.#tail.join('\n')}`;
  }

  #keep(text: string): void {
    this.#tail.push(...text.split('\n').filter((line) => line.length > 0));
    if (this.#tail.length > TAIL_LINES) this.#tail.splice(0, this.#tail.length - TAIL_LINES);
  }
}

/** GET a JSON document, bounded. */
async function getJson(url: string, timeoutMs = 5000): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

/**
 * Starts `binary` on a free port (`args(port)`) until /-/ready answers 200; a process
 * that exits first (port taken since freePort) is started again on another port.
 */
async function startReady(name: string, binary: string, args: (port: number) => readonly string[], timeoutMs: number): Promise<{ process: StackProcess; port: number }> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    const started = StackProcess.start(name, binary, args(port));
    while (started.running && Date.now() < deadline) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/-/ready`, { signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        if (response.status === 200) return { process: started, port };
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    last = started.describe();
    await started.kill();
    if (Date.now() >= deadline) break;
  }
  throw new Error(`${name} did not become ready (GET /-/ready = 200) within ${timeoutMs} ms or ${PORT_ATTEMPTS} attempts\n${last}`);
}

/** One series of an instant query: its labels and [time, value]. */
export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

export interface PromQueryResult {
  readonly resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  /** A vector's or matrix's series; a scalar's or string's [time, value]. */
  readonly result: PromSample[] | [number, string];
}

export class PrometheusUnderTest {
  readonly process: StackProcess;
  readonly port: number;

  private constructor(process: StackProcess, port: number) {
    this.process = process;
    this.port = port;
  }

  /** Writes `config` as prometheus.yml in `dir` and starts Prometheus with its TSDB under `dir`. */
  static async start(dir: string, config: string, timeoutMs = STACK_START_MS): Promise<PrometheusUnderTest> {
    const configFile = path.join(dir, 'prometheus.yml');
    fs.writeFileSync(configFile, config);
    const storage = path.join(dir, 'prometheus-data');
    fs.mkdirSync(storage, { recursive: true });
    const { process, port } = await startReady(
      'prometheus',
      'prometheus',
      (port) => [`--config.file=${configFile}`, `--storage.tsdb.path=${storage}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      timeoutMs,
    );
    return new PrometheusUnderTest(process, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** An instant query at the current time; throws on a PromQL error (status "error"). */
  async query(expr: string): Promise<PromQueryResult> {
    const answer = (await getJson(`${this.url}/api/v1/query?query=${encodeURIComponent(expr)}`)) as { status: string; data: PromQueryResult };
    if (answer.status !== 'success') throw new Error(`query ${expr} answered status ${answer.status}`);
    return answer.data;
  }

  /** Whether an instant query returns anything (a scalar or string always does). */
  async hasData(expr: string): Promise<boolean> {
    const data = await this.query(expr);
    return data.resultType === 'scalar' || data.resultType === 'string' || data.result.length > 0;
  }

  /** Values of `label` over the series `match` selects (Grafana's label_values(match, label)). */
  async labelValues(label: string, match: string): Promise<string[]> {
    const answer = (await getJson(`${this.url}/api/v1/label/${encodeURIComponent(label)}/values?match[]=${encodeURIComponent(match)}`)) as { data: string[] };
    return answer.data;
  }

  /** Scrape targets by job, with their health ("up", "down", "unknown"). */
  async targets(): Promise<{ job: string; instance: string; health: string; lastError: string }[]> {
    const answer = (await getJson(`${this.url}/api/v1/targets?state=active`)) as {
      data: { activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] };
    };
    return answer.data.activeTargets.map((target) => ({ job: target.labels['job'] ?? '', instance: target.labels['instance'] ?? '', health: target.health, lastError: target.lastError }));
  }
}

/** An alert as Alertmanager's GET /api/v2/alerts answers it. */
export interface AlertmanagerAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly generatorURL: string;
  readonly status: { readonly state: string };
}

export class AlertmanagerUnderTest {
  readonly process: StackProcess;
  readonly port: number;

  private constructor(process: StackProcess, port: number) {
    this.process = process;
    this.port = port;
  }

  /** Writes `config` as alertmanager.yml in `dir` and starts Alertmanager (no HA peering) with its data under `dir`. */
  static async start(dir: string, config: string, timeoutMs = STACK_START_MS): Promise<AlertmanagerUnderTest> {
    const configFile = path.join(dir, 'alertmanager.yml');
    fs.writeFileSync(configFile, config);
    const storage = path.join(dir, 'alertmanager-data');
    fs.mkdirSync(storage, { recursive: true });
    const { process, port } = await startReady(
      'alertmanager',
      'prometheus-alertmanager',
      // An empty cluster.listen-address turns gossip off: no port 9094 shared between parallel tests.
      (port) => [`--config.file=${configFile}`, `--storage.path=${storage}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'],
      timeoutMs,
    );
    return new AlertmanagerUnderTest(process, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Alerts Alertmanager holds now, optionally only those named `alertname`. */
  async alerts(alertname?: string): Promise<AlertmanagerAlert[]> {
    const filter = alertname === undefined ? '' : `?filter=${encodeURIComponent(`alertname="${alertname}"`)}`;
    return (await getJson(`${this.url}/api/v2/alerts${filter}`)) as AlertmanagerAlert[];
  }
}
