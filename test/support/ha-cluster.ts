/**
 * HA clusters of real `graphlb engine` processes on loopback, for integration and fault
 * tests and the HA benchmarks: members with their own conf and data directory, their
 * roles as the HA endpoints answer them, writers that find the master and record what
 * was acknowledged, and the epoch of every committed transaction read from a member's
 * transaction log.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { NodeFileSystem } from '../../engine/io/file-system.js';
import { TransactionLog } from '../../engine/txlog/transaction-log.js';
import { decodeHaBean, haBeanPaths } from '../../protocol/ha/high-availability-bean.js';
import { silentLogger } from './logger.js';
import { freePort, TestProcess } from './test-process.js';

export const START_MS = 30_000;
export const ELECTION_MS = 20_000;

export interface Answer {
  readonly status: number;
  readonly body: string;
}

export interface CypherAnswer {
  readonly errors: { code: string; message: string }[];
  readonly results: { columns: string[]; data: { row: unknown[] }[] }[];
}

export function request(port: number, method: string, urlPath: string, body?: unknown, timeoutMs = 10_000): Promise<Answer> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} on port ${port} got no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(text);
  });
}

/** Polls `probe` until it returns a value, failing after `timeoutMs` with the last reason. */
export async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, pollMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms${last === undefined ? '' : ` (last error: ${String(last)})`}`);
}

export type HaRoleAnswer = 'master' | 'slave' | 'UNKNOWN' | 'down';

const HA_DIAGNOSTIC_EVENTS: ReadonlySet<string> = new Set([
  'role_change',
  'election',
  'branch_detected',
  'store_copy_needed',
  'store_copy_complete',
  'store_copy_failed',
  'push_failed',
  'commit_outcome_unknown',
  'database_replacing',
  'database_replaced',
]);

export class HaMember {
  readonly id: number;
  readonly conf: string;
  readonly dataDir: string;
  process: TestProcess | undefined;
  port = 0;
  /** Every process this member ran, oldest first, so logs survive restarts. */
  readonly processes: TestProcess[] = [];

  constructor(id: number, conf: string, dataDir: string) {
    this.id = id;
    this.conf = conf;
    this.dataDir = dataDir;
  }

  async start(): Promise<void> {
    this.process = TestProcess.cli(['engine', '--conf', this.conf]);
    this.processes.push(this.process);
    const started = await this.process.waitForEvent('engine_started', START_MS);
    this.port = Number(/:(\d+)$/.exec(String(started['http']))?.[1]);
  }

  get running(): boolean {
    return this.process?.running === true;
  }

  /** kill -9, waiting (bounded) for the exit. */
  async kill(): Promise<void> {
    await this.process?.kill();
  }

  signal(signal: NodeJS.Signals): void {
    this.process?.signal(signal);
  }

  /** SIGTERM and wait for the exit: the store is closed cleanly. */
  async stop(): Promise<void> {
    const running = this.process;
    if (running === undefined || !running.running) return;
    running.signal('SIGTERM');
    await running.exit(15_000);
  }

  async available(timeoutMs?: number): Promise<Answer> {
    return request(this.port, 'GET', '/db/manage/server/ha/available', undefined, timeoutMs);
  }

  /** The role /available answers, 'down' when the member does not answer within `timeoutMs`. */
  async role(timeoutMs = 2000): Promise<HaRoleAnswer> {
    if (!this.running) return 'down';
    try {
      const answer = await this.available(timeoutMs);
      return answer.status === 200 && (answer.body === 'master' || answer.body === 'slave') ? answer.body : 'UNKNOWN';
    } catch {
      return 'down';
    }
  }

  async cypher(statement: string, parameters: Record<string, unknown> = {}, timeoutMs?: number): Promise<CypherAnswer> {
    const answer = await request(this.port, 'POST', '/db/data/transaction/commit', { statements: [{ statement, parameters }] }, timeoutMs);
    if (answer.status !== 200) throw new Error(`member ${this.id} answered ${answer.status} to ${statement}: ${answer.body}`);
    return JSON.parse(answer.body) as CypherAnswer;
  }

  /** The rows of a read that must succeed. */
  async rows(statement: string, parameters: Record<string, unknown> = {}): Promise<unknown[][]> {
    const result = await this.cypher(statement, parameters);
    if (result.errors.length > 0) throw new Error(`member ${this.id} refused ${statement}: ${JSON.stringify(result.errors)}`);
    return result.results[0]?.data.map((d) => d.row) ?? [];
  }

  async count(label: string): Promise<number> {
    return Number((await this.rows(`MATCH (n:${label}) RETURN count(n)`))[0]?.[0]);
  }

  /** LastCommittedTxId of the High Availability bean. */
  async lastCommittedTxId(timeoutMs?: number): Promise<number> {
    const answer = await request(this.port, 'GET', haBeanPaths[0]!, undefined, timeoutMs);
    return decodeHaBean(JSON.parse(answer.body)).lastCommittedTxId;
  }

  async metric(name: string): Promise<number | undefined> {
    const answer = await request(this.port, 'GET', '/metrics');
    const match = new RegExp(`^${name} ([\\d.e+-]+)$`, 'm').exec(answer.body);
    return match === null ? undefined : Number(match[1]);
  }

  /** The JSON log lines of every process this member ran, oldest first. */
  events(): Record<string, unknown>[] {
    return this.processes.flatMap((p) => p.events());
  }

  /** Its role changes, elections, branches, store copies and failed pushes, for a failure message. */
  haEvents(): Record<string, unknown>[] {
    return this.events()
      .filter((e) => HA_DIAGNOSTIC_EVENTS.has(String(e['event'])))
      .map((e) => ({ member: this.id, ...e }));
  }

  /** The store's transaction log, read from a copy so that the member's files stay as they are. */
  async transactions(scratchDir: string): Promise<TxRecord[]> {
    return readTransactionLog(path.join(this.dataDir, 'databases', 'graph.db'), scratchDir);
  }
}

export interface TxRecord {
  readonly txId: number;
  readonly epoch: number;
  readonly timeMs: number;
  readonly checksum: number;
}

/**
 * Copies the transaction log files of `storeDir` into `scratchDir` and reads every entry it
 * still holds (a store copied from another member holds its log from the copy's checkpoint on).
 */
export async function readTransactionLog(storeDir: string, scratchDir: string): Promise<TxRecord[]> {
  fs.rmSync(scratchDir, { recursive: true, force: true });
  fs.mkdirSync(scratchDir, { recursive: true });
  for (const name of fs.readdirSync(storeDir)) {
    if (name.startsWith('neostore.transaction.db.')) fs.copyFileSync(path.join(storeDir, name), path.join(scratchDir, name));
  }
  const log = TransactionLog.open(new NodeFileSystem(), { dir: scratchDir, rotationSizeBytes: 256 * 1024 * 1024, retention: { kind: 'all' }, logger: silentLogger() });
  try {
    return [...log.read(log.oldestTxId())].map(({ txId, epoch, timeMs, checksum }) => ({ txId, epoch, timeMs, checksum }));
  } finally {
    await log.close();
  }
}

export interface HaClusterOptions {
  readonly size: number;
  readonly secret?: string;
  /** Settings for every member, over the defaults below. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Settings for one member (by server id), over everything else. */
  readonly memberSettings?: Readonly<Record<number, Readonly<Record<string, string>>>>;
}

/** Fast heartbeats so that tests see elections in about a second. */
export const TEST_HA_SETTINGS: Readonly<Record<string, string>> = {
  'ha.heartbeat_interval': '100ms',
  'ha.heartbeat_timeout': '1s',
  'ha.tx_push_factor': '1',
};

export class HaCluster {
  readonly dir: string;
  readonly members: HaMember[];
  readonly coordination: readonly number[];
  readonly secret: string;

  private constructor(dir: string, members: HaMember[], coordination: readonly number[], secret: string) {
    this.dir = dir;
    this.members = members;
    this.coordination = coordination;
    this.secret = secret;
  }

  /** Writes the confs of `size` members (server ids 1..size) in `dir`; start them with start(). */
  static async create(dir: string, options: HaClusterOptions): Promise<HaCluster> {
    // Its own secret: a member left running by an earlier test can never join this cluster
    // through a port that test used and this one was handed again.
    const secret = options.secret ?? `ha-test-${randomUUID()}`;
    const coordination = await Promise.all(Array.from({ length: options.size }, () => freePort()));
    const members = coordination.map((own, index) => {
      const id = index + 1;
      const settings = { ...TEST_HA_SETTINGS, ...options.settings, ...options.memberSettings?.[id] };
      return writeMember(dir, id, coordination, own, secret, settings);
    });
    return new HaCluster(dir, members, coordination, secret);
  }

  async start(): Promise<void> {
    await Promise.all(this.members.map((m) => m.start()));
  }

  member(id: number): HaMember {
    const found = this.members.find((m) => m.id === id);
    if (found === undefined) throw new Error(`no member ${id} in this cluster of ${this.members.length}`);
    return found;
  }

  /** The master and the slaves once all of `among` agree (one master, the rest slaves). */
  async roles(among: readonly HaMember[] = this.members, timeoutMs = ELECTION_MS): Promise<{ master: HaMember; slaves: HaMember[] }> {
    return eventually(`one master among members ${among.map((m) => m.id).join(', ')} and the rest slaves`, timeoutMs, async () => {
      const roles = await Promise.all(among.map((m) => m.role()));
      if (roles.filter((r) => r === 'master').length !== 1 || roles.filter((r) => r === 'slave').length !== among.length - 1) return undefined;
      return { master: among[roles.indexOf('master')]!, slaves: among.filter((_, i) => roles[i] === 'slave') };
    });
  }

  /** The running member answering master, if exactly one does. */
  async currentMaster(): Promise<HaMember | undefined> {
    const running = this.members.filter((m) => m.running);
    const roles = await Promise.all(running.map((m) => m.role(1000)));
    const masters = running.filter((_, i) => roles[i] === 'master');
    return masters.length === 1 ? masters[0] : undefined;
  }
}

/** One member's conf (and its data directory) in `dir`. */
export function writeMember(
  dir: string,
  id: number,
  hosts: readonly number[],
  own: number,
  secret: string,
  settings: Readonly<Record<string, string>>,
): HaMember {
  const conf = path.join(dir, `member-${id}.conf`);
  const dataDir = path.join(dir, `data-${id}`);
  const values: Record<string, string> = {
    'dbms.mode': 'HA',
    'dbms.directories.data': dataDir,
    'dbms.pagecache.memory': '2m',
    'dbms.connector.http.listen_address': '127.0.0.1:0',
    'dbms.security.auth_enabled': 'false',
    'ha.server_id': String(id),
    'ha.initial_hosts': hosts.map((port) => `127.0.0.1:${port}`).join(','),
    'ha.host.coordination': `127.0.0.1:${own}`,
    'ha.cluster_secret': secret,
    ...settings,
  };
  fs.writeFileSync(conf, `${Object.entries(values).map(([key, value]) => `${key}=${value}`).join('\n')}\n`);
  return new HaMember(id, conf, dataDir);
}

export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['Neo.ClientError.Cluster.NotALeader', 'Neo.TransientError.Cluster.NoLeaderAvailable']);

/** A commit that became durable on a member that was no longer master of its epoch: kept or set aside, the client cannot know. */
export const OUTCOME_UNKNOWN_CODE = 'Neo.DatabaseError.Transaction.TransactionCommitFailed';

export interface WriterStats {
  /** Ids of writes answered without errors. */
  readonly acknowledged: Set<number>;
  /** Attempts refused by a member that is not (or no longer) master. */
  refused: number;
  /** Attempts that failed on the connection, timed out or were answered "outcome unknown". */
  failed: number;
  /** Which write, when (Date.now()) and by which member, for each acknowledgement in order. */
  readonly acks: { id: number; at: number; member: number }[];
}

/**
 * Writers that each create `(:label {id})` nodes with ids unique across the run, against
 * whichever member answers master, until stop(). A refused or failed attempt finds the
 * master again and retries with a fresh id (the old one's outcome is unknown, so it is
 * never counted as acknowledged). Any other error fails the run.
 */
export class ClusterWriters {
  readonly stats: WriterStats = { acknowledged: new Set(), refused: 0, failed: 0, acks: [] };
  readonly #cluster: HaCluster;
  readonly #label: string;
  readonly #running: Promise<void>[] = [];
  #nextId = 1;
  #stopped = false;
  #unexpected: Error | undefined;

  constructor(cluster: HaCluster, label: string, writers: number) {
    this.#cluster = cluster;
    this.#label = label;
    for (let i = 0; i < writers; i++) this.#running.push(this.#write());
  }

  get label(): string {
    return this.#label;
  }

  /** Stops the writers (bounded by their request timeout) and rethrows an unexpected error. */
  async stop(): Promise<WriterStats> {
    this.#stopped = true;
    await Promise.all(this.#running);
    if (this.#unexpected !== undefined) throw this.#unexpected;
    return this.stats;
  }

  async #write(): Promise<void> {
    let master: HaMember | undefined;
    while (!this.#stopped) {
      master ??= await this.#cluster.currentMaster();
      if (master === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      const id = this.#nextId++;
      try {
        const result = await master.cypher(`CREATE (:${this.#label} {id: $id})`, { id }, 3000);
        const code = result.errors[0]?.code;
        if (code === undefined) {
          this.stats.acknowledged.add(id);
          this.stats.acks.push({ id, at: Date.now(), member: master.id });
          continue;
        }
        if (code === OUTCOME_UNKNOWN_CODE) {
          this.stats.failed++;
          master = undefined;
          continue;
        }
        if (!RETRYABLE_CODES.has(code)) {
          this.#unexpected = new Error(`member ${master.id} refused write ${id} with ${code}: ${result.errors[0]?.message}`);
          this.#stopped = true;
          return;
        }
        this.stats.refused++;
      } catch {
        this.stats.failed++;
      }
      master = undefined;
    }
  }
}

/** The ids of `(:label {id})` nodes a member holds. */
export async function idsOn(member: HaMember, label: string): Promise<Set<number>> {
  const rows = await member.rows(`MATCH (n:${label}) RETURN n.id`);
  return new Set(rows.map((row) => Number(row[0])));
}
