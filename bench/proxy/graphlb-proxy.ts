/**
 * graphlb's proxy as the bench runs it: `graphlb proxy --config FILE` with a YAML of
 * design.md section 5 written from `GraphlbProxyOptions`, listening on ports the OS picks
 * (read back from its `proxy_started` event), and a bounded wait on its admin `/metrics`
 * until the members the bench expects are serving and a master is known.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TestProcess } from '../../test/support/test-process.js';

export interface GraphlbProxyMember {
  readonly name: string;
  readonly port: number;
}

export interface GraphlbProxyOptions {
  readonly members: readonly GraphlbProxyMember[];
  readonly reads: 'slaves' | 'all';
  /** A Cypher parameter to shard reads by; none: `balance` spreads them. */
  readonly shardParameter?: string;
}

/** The YAML; health settings are the defaults, written out because HAProxy is given the same. */
export function renderProxyYaml(options: GraphlbProxyOptions): string {
  return [
    'listen: { http: 127.0.0.1:0, bolt: 127.0.0.1:0, admin: 127.0.0.1:0 }',
    'cluster:',
    '  flavor: ha',
    '  members:',
    ...options.members.map((m) => `    - { name: ${m.name}, http: http://127.0.0.1:${m.port} }`),
    'health: { interval: 1s, timeout: 500ms, rise: 2, fall: 2 }',
    `routing: { reads: ${options.reads}, balance: least-outstanding, maxLagTx: 1000, writeHold: 15s }`,
    ...(options.shardParameter === undefined ? [] : ['sharding:', '  keys:', `    - parameter: ${options.shardParameter}`]),
    '',
  ].join('\n');
}

export class GraphlbProxy {
  readonly process: TestProcess;
  readonly httpPort: number;
  readonly adminPort: number;

  private constructor(process: TestProcess, httpPort: number, adminPort: number) {
    this.process = process;
    this.httpPort = httpPort;
    this.adminPort = adminPort;
  }

  static async start(options: GraphlbProxyOptions, dir: string, timeoutMs: number): Promise<GraphlbProxy> {
    const file = path.join(fs.mkdtempSync(path.join(dir, 'proxy-')), 'proxy.yaml');
    fs.writeFileSync(file, renderProxyYaml(options));
    const process = TestProcess.cli(['proxy', '--config', file]);
    const started = await process.waitForEvent('proxy_started', timeoutMs);
    const port = (address: unknown): number => Number(/:(\d+)$/.exec(String(address))?.[1]);
    return new GraphlbProxy(process, port(started['http']), port(started['admin']));
  }

  get url(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  async metrics(): Promise<string> {
    return (await fetch(`http://127.0.0.1:${this.adminPort}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
  }

  /** Waits until exactly `serving` members are up (graphlb_proxy_member_up) and a master is present. */
  async waitUntilServing(serving: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer from the admin listener';
    while (Date.now() < deadline) {
      if (!this.process.running) throw new Error(`graphlb proxy exited before serving\n${this.process.describe()}`);
      try {
        const text = await this.metrics();
        const up = [...text.matchAll(/^graphlb_proxy_member_up\{[^}]*\} (\S+)$/gm)].filter((m) => Number(m[1]) === 1).length;
        const master = /^graphlb_proxy_master_present (\S+)$/m.exec(text)?.[1];
        last = `${up} members up, master_present ${master}`;
        if (up === serving && master === '1') return;
      } catch (error) {
        last = String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`graphlb proxy did not serve ${serving} members with a master within ${timeoutMs} ms (last: ${last})\n${this.process.describe()}`);
  }

  async stop(): Promise<void> {
    await this.process.kill();
  }
}
