/**
 * A real `graphlb proxy` process in front of a test HA cluster: its YAML written from the
 * members' ports, its listeners on free ports (read back from its `proxy_started` event),
 * requests through it with headers, its /status, and which member served a request as
 * the engines themselves count it (neo4j_transaction_started_total), so that routing
 * tests do not take the proxy's word for where a request went.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { eventually, type HaCluster, type HaMember } from './ha-cluster.js';
import { TestProcess } from './test-process.js';

export const PROXY_START_MS = 20_000;

export interface ProxyAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface StatusMember {
  readonly name: string;
  readonly health: 'up' | 'down';
  readonly role: 'master' | 'slave' | 'unknown';
  readonly serving: boolean;
  readonly lastCommittedTxId: number | null | undefined;
  readonly lagTx: number | null | undefined;
  readonly inFlight: number;
  readonly lastError: string | null | undefined;
}

export interface ProxyStatus {
  readonly master: string | null | undefined;
  readonly members: readonly StatusMember[];
}

/** The member name the proxy's YAML gives a cluster member. */
export function memberName(member: HaMember): string {
  return `instance${member.id}`;
}

/** design.md section 5's YAML for `cluster`, with fast health checks; `extra` is appended verbatim (routing, sharding, ...). */
export function proxyYaml(members: readonly { name: string; port: number }[], extra = ''): string {
  return [
    'listen: { http: 127.0.0.1:0, bolt: 127.0.0.1:0, admin: 127.0.0.1:0 }',
    'cluster:',
    '  flavor: ha',
    '  members:',
    ...members.map((m) => `    - { name: ${m.name}, http: http://127.0.0.1:${m.port} }`),
    'health: { interval: 200ms, timeout: 150ms, rise: 2, fall: 2 }',
    extra,
  ].join('\n');
}

export class ProxyUnderTest {
  readonly configFile: string;
  process: TestProcess | undefined;
  httpPort = 0;
  adminPort = 0;

  constructor(configFile: string) {
    this.configFile = configFile;
  }

  /** Writes the YAML for `cluster` (plus `extra`) into `dir` and starts the proxy. */
  static async start(dir: string, cluster: HaCluster, extra = ''): Promise<ProxyUnderTest> {
    const configFile = path.join(dir, 'proxy.yaml');
    fs.writeFileSync(configFile, proxyYaml(cluster.members.map((m) => ({ name: memberName(m), port: m.port })), extra));
    const proxy = new ProxyUnderTest(configFile);
    await proxy.start();
    return proxy;
  }

  async start(): Promise<void> {
    this.process = TestProcess.cli(['proxy', '--config', this.configFile]);
    const started = await this.process.waitForEvent('proxy_started', PROXY_START_MS);
    this.httpPort = portOf(started['http']);
    this.adminPort = portOf(started['admin']);
  }

  request(method: string, urlPath: string, options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<ProxyAnswer> {
    return send(this.httpPort, method, urlPath, options);
  }

  /** An autocommit statement through the proxy (3.x path family). */
  cypher(statement: string, parameters: Record<string, unknown> = {}, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<ProxyAnswer> {
    return this.request('POST', '/db/data/transaction/commit', { body: { statements: [{ statement, parameters }] }, headers, timeoutMs });
  }

  async status(): Promise<ProxyStatus> {
    const answer = await send(this.adminPort, 'GET', '/status', {});
    if (answer.status !== 200) throw new Error(`/status answered ${answer.status}: ${answer.body}`);
    return JSON.parse(answer.body) as ProxyStatus;
  }

  async metrics(): Promise<string> {
    return (await send(this.adminPort, 'GET', '/metrics', {})).body;
  }

  /** Waits until the proxy's /status satisfies `ready` (bounded). */
  async until(what: string, timeoutMs: number, ready: (status: ProxyStatus) => boolean): Promise<ProxyStatus> {
    return eventually(`the proxy's /status to show ${what}`, timeoutMs, async () => {
      const status = await this.status();
      return ready(status) ? status : undefined;
    });
  }

  /** Waits until `master` is the proxy's master and every name in `serving` serves. */
  async untilRouting(master: HaMember, serving: readonly HaMember[], timeoutMs = 10_000): Promise<ProxyStatus> {
    const names = serving.map(memberName);
    return this.until(`master ${memberName(master)} and ${names.join(', ')} serving`, timeoutMs, (status) =>
      status.master === memberName(master) && names.every((name) => status.members.find((m) => m.name === name)?.serving === true),
    );
  }
}

function portOf(address: unknown): number {
  const port = Number(/:(\d+)$/.exec(String(address))?.[1]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`proxy_started names no port in ${String(address)}`);
  return port;
}

export function send(port: number, method: string, urlPath: string, options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number }): Promise<ProxyAnswer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const text = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string | number> = { ...options.headers };
  if (text !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    headers['Content-Length'] = Buffer.byteLength(text);
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} on port ${port} got no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(text);
  });
}

/**
 * Which members started a transaction while `action` ran, by the engines' own
 * neo4j_transaction_started_total. Nothing else may run transactions meanwhile.
 */
export async function membersThatServed(members: readonly HaMember[], action: () => Promise<unknown>): Promise<HaMember[]> {
  const started = (): Promise<number[]> => Promise.all(members.map(async (m) => (m.running ? ((await m.metric('neo4j_transaction_started_total')) ?? 0) : 0)));
  const before = await started();
  await action();
  const afterwards = await started();
  return members.filter((_, i) => afterwards[i]! > before[i]!);
}
