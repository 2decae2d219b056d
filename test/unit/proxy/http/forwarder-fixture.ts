/**
 * A forwarder on loopback in front of fake members: small node:http servers that answer
 * the transaction endpoints the way the engine does (201 + Location + commit URL built
 * from X-Forwarded-Host) and record every request they receive. The cluster view is
 * driven by the test: it sets each snapshot.
 */
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { ProxyMetrics } from '../../../../proxy/admin/proxy-metrics.js';
import { parseProxyConfig } from '../../../../proxy/config/parse-proxy-config.js';
import type { ProxyConfig } from '../../../../proxy/config/proxy-config.js';
import type { ClusterSnapshot, ClusterView, MemberStatus } from '../../../../proxy/discovery/cluster-snapshot.js';
import { HttpForwarder } from '../../../../proxy/http/http-forwarder.js';
import { createProxyHttpServer } from '../../../../proxy/http/proxy-http-server.js';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Answers a request its own way; return false to fall through to the engine-like default. */
export type MemberHandler = (req: IncomingMessage, res: ServerResponse, body: string) => boolean;

export class FakeMember {
  readonly received: Received[] = [];
  handler: MemberHandler | undefined;
  #nextTx = 1;
  readonly #open = new Set<number>();
  readonly #server: Server;
  origin = '';

  constructor(readonly name: string) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (this.handler?.(req, res, body) === true) return;
        this.#engineLike(req, res);
      });
    });
  }

  async start(): Promise<void> {
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Stops listening and drops every connection: the member is dead. */
  async kill(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #engineLike(req: IncomingMessage, res: ServerResponse): void {
    const base = `${String(req.headers['x-forwarded-proto'] ?? 'http')}://${String(req.headers['x-forwarded-host'] ?? req.headers.host)}`;
    const path = (req.url ?? '/').split('?')[0]!;
    const tx = /^(\/db\/data\/transaction|\/db\/[^/]+\/tx)(?:\/(\d+))?(\/commit)?$/.exec(path);
    const json = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'X-Member': this.name, ...headers });
      res.end(body);
    };
    if (tx === null) {
      json(200, `{"member":${JSON.stringify(this.name)}}`);
      return;
    }
    const [, prefix, id, commit] = tx;
    const v4 = !prefix!.startsWith('/db/data');
    const open = (txId: number, status: number, headers: Record<string, string> = {}): void => {
      const commitUrl = `${base}${prefix}/${txId}/commit`;
      // Written in two pieces that split the commit key, as a streaming server may.
      res.writeHead(status, { 'Content-Type': 'application/json', 'X-Member': this.name, ...headers });
      const text = v4 ? `{"results":[],"errors":[],"commit":${JSON.stringify(commitUrl)},"transaction":{"expires":"Mon, 7 Sep 2026 08:28:00 GMT"}}` : `{"commit":${JSON.stringify(commitUrl)},"results":[],"transaction":{"expires":"Mon, 07 Sep 2026 08:28:00 +0000"},"errors":[]}`;
      const cut = text.indexOf('"commit"') + 4;
      res.write(text.slice(0, cut));
      setImmediate(() => res.end(text.slice(cut)));
    };
    if (id === undefined) {
      if (commit !== undefined) {
        json(200, '{"results":[],"errors":[],"lastBookmarks":["neo4j:bookmark:v1:tx7"]}');
        return;
      }
      const txId = this.#nextTx++;
      this.#open.add(txId);
      open(txId, 201, { Location: `${base}${prefix}/${txId}` });
      return;
    }
    const txId = Number(id);
    if (!this.#open.has(txId)) {
      json(404, '{"results":[],"errors":[{"code":"Neo.ClientError.Transaction.TransactionNotFound","message":"Unrecognized transaction id."}]}');
      return;
    }
    if (commit !== undefined || req.method === 'DELETE') {
      this.#open.delete(txId);
      json(200, '{"results":[],"errors":[]}');
      return;
    }
    open(txId, 200);
  }
}

/** A ClusterView whose snapshots the test sets. */
export class HandDrivenCluster implements ClusterView {
  #snapshot: ClusterSnapshot = { members: [], master: undefined, at: 0 };
  readonly #listeners = new Set<(snapshot: ClusterSnapshot) => void>();
  readonly reported: string[] = [];
  /** Called on reportForwardingError, as discovery re-checks the member. */
  onReport: ((member: string) => void) | undefined;

  snapshot(): ClusterSnapshot {
    return this.#snapshot;
  }

  onChange(listener: (snapshot: ClusterSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  reportForwardingError(member: string): void {
    this.reported.push(member);
    this.onReport?.(member);
  }

  set(members: readonly MemberStatus[]): void {
    const masters = members.filter((member) => member.serving && member.role === 'master');
    this.#snapshot = { members, master: masters.length === 1 ? masters[0]!.name : undefined, at: this.#snapshot.at + 1 };
    for (const listener of this.#listeners) listener(this.#snapshot);
  }
}

export function status(member: FakeMember, role: MemberStatus['role'], extra: Partial<MemberStatus> = {}): MemberStatus {
  const serving = extra.serving ?? role !== 'unknown';
  return {
    name: member.name,
    origin: member.origin,
    health: serving ? 'up' : 'down',
    role,
    serving,
    lastCommittedTxId: 100,
    epoch: 1,
    lagTx: 0,
    lastCheckAt: Date.now(),
    lastError: undefined,
    ...extra,
  };
}

export interface LogLine {
  readonly event?: string;
  readonly [field: string]: unknown;
}

export class Proxy {
  readonly logs: LogLine[] = [];
  readonly #logWaiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  forwarder!: HttpForwarder;
  metrics!: ProxyMetrics;
  config!: ProxyConfig;
  base = '';
  host = '';
  #server: Server | undefined;

  constructor(
    readonly members: FakeMember[],
    readonly cluster: HandDrivenCluster,
  ) {}

  async start(extraYaml = ''): Promise<void> {
    const list = this.members.map((member) => `    - { name: ${member.name}, http: ${member.origin} }`).join('\n');
    this.config = parseProxyConfig(`cluster:\n  members:\n${list}\n${extraYaml}`, 'proxy.yaml', {});
    const logger: Logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk: Buffer, _encoding, callback) => {
          const line = JSON.parse(chunk.toString()) as LogLine;
          this.logs.push(line);
          for (const waiter of [...this.#logWaiters]) {
            if (waiter.match(line)) {
              this.#logWaiters.splice(this.#logWaiters.indexOf(waiter), 1);
              waiter.resolve(line);
            }
          }
          callback();
        },
      }),
    );
    this.metrics = new ProxyMetrics({
      cluster: () => this.cluster.snapshot(),
      inFlight: () => this.forwarder.inFlight(),
      openTransactions: () => this.forwarder.openTransactions(),
      activeHolds: () => this.forwarder.activeHolds(),
    });
    this.forwarder = new HttpForwarder({ config: this.config, cluster: this.cluster, metrics: this.metrics, logger });
    this.#server = createProxyHttpServer(this.forwarder);
    this.#server.listen(0, '127.0.0.1');
    await once(this.#server, 'listening');
    this.host = `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    this.base = `http://${this.host}`;
  }

  /** The first log line (already written or still to come) that matches, within `ms`. */
  log(match: (line: LogLine) => boolean, ms = 5000): Promise<LogLine> {
    const seen = this.logs.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching log line within ${ms} ms; lines: ${JSON.stringify(this.logs)}`)), ms);
      this.#logWaiters.push({ match, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  }

  /** The value of a counter for labels (0 when never incremented). */
  async count(name: keyof ProxyMetrics, labels: Record<string, string> = {}): Promise<number> {
    const metric = this.metrics[name] as { get(): Promise<{ values: { labels: Record<string, string | number>; value: number }[] }> };
    const { values } = await metric.get();
    return values.filter((value) => Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted)).reduce((sum, value) => sum + value.value, 0);
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server === undefined ? resolve() : this.#server.close(() => resolve())));
    await this.forwarder?.close();
  }
}

/** Starts `names` fake members, a hand-driven cluster and a proxy; `stop` cleans up all of it. */
export async function setup(names: readonly string[], extraYaml = ''): Promise<{ members: FakeMember[]; cluster: HandDrivenCluster; proxy: Proxy; stop: () => Promise<void> }> {
  const members = names.map((name) => new FakeMember(name));
  const cluster = new HandDrivenCluster();
  const proxy = new Proxy(members, cluster);
  try {
    for (const member of members) await member.start();
    await proxy.start(extraYaml);
  } catch (error) {
    await Promise.allSettled([proxy.stop(), ...members.map((member) => member.kill())]);
    throw error;
  }
  const stop = async (): Promise<void> => {
    await Promise.allSettled([proxy.stop(), ...members.map((member) => member.kill())]);
  };
  return { members, cluster, proxy, stop };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: { errors?: { code: string; message: string }[]; [key: string]: unknown };
}

/** A request through the proxy with fetch, bounded by `ms`. */
export async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}, ms = 5000): Promise<Answer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
  const text = await response.text();
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    // not JSON: the test looks at text
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A request with node:http, which sends any header as given (fetch refuses hop-by-hop ones). */
export async function rawCall(url: string, method: string, headers: Record<string, string>, body: string, ms = 5000): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const req = httpRequest(url, { method, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, agent: false, signal: AbortSignal.timeout(ms) });
  req.end(body);
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() };
}

/** An autocommit request with these statements. */
export function statements(...texts: string[]): string {
  return JSON.stringify({ statements: texts.map((statement) => ({ statement })) });
}
