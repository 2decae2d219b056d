/**
 * A scriptable stand-in for a cluster member on loopback: answers each path from the
 * current script, or accepts requests and never answers (a SIGSTOPped member). Tests
 * switch the script between steps and read what was asked (paths, auth headers).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeHaBean, haBeanPaths } from '../../../../protocol/ha/high-availability-bean.js';
import { haStatusAnswer, haStatusPaths } from '../../../../protocol/ha/status-endpoints.js';
import type { MemberConfig } from '../../../../proxy/config/proxy-config.js';
import { parseHttpOrigin } from '../../../../protocol/config/socket-address.js';

export interface Answer {
  readonly status: number;
  readonly body: string;
}

export type Script = { readonly kind: 'answer'; readonly answers: Readonly<Record<string, Answer>> } | { readonly kind: 'hang' };

export interface Asked {
  readonly path: string;
  readonly authorization: string | undefined;
}

export class FakeMember {
  script: Script = { kind: 'hang' };
  readonly asked: Asked[] = [];
  readonly #server: Server;
  readonly #hung: ServerResponse[] = [];

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(name: string): Promise<{ fake: FakeMember; config: MemberConfig }> {
    const server = createServer();
    const fake = new FakeMember(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => fake.#answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const http = parseHttpOrigin(`http://127.0.0.1:${port}`);
    if (http === undefined) throw new Error('unreachable: loopback origin');
    return { fake, config: { name, http, bolt: undefined } };
  }

  /** How many times `path` was asked. */
  count(path: string): number {
    return this.asked.filter((asked) => asked.path === path).length;
  }

  /** Open connections from the client (the poller's pool). */
  connections(): Promise<number> {
    return new Promise((resolve, reject) => this.#server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
  }

  async close(): Promise<void> {
    for (const response of this.#hung) response.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(request: IncomingMessage, response: ServerResponse): void {
    const path = request.url ?? '';
    this.asked.push({ path, authorization: request.headers.authorization });
    if (this.script.kind === 'hang') {
      this.#hung.push(response);
      return;
    }
    const answer = this.script.answers[path] ?? { status: 404, body: 'no such path in this test' };
    response.writeHead(answer.status, { 'content-type': answer.body.startsWith('[') ? 'application/json' : 'text/plain' });
    response.end(answer.body);
  }
}

export const availablePath = haStatusPaths.available;

/** What an HA member answers in `role`, with its bean. */
export function haMember(role: 'master' | 'slave' | 'unknown', tx: number, epoch?: number): Script {
  const bean = encodeHaBean({
    instanceId: '1',
    available: role !== 'unknown',
    alive: true,
    role: role === 'unknown' ? 'UNKNOWN' : role,
    lastUpdateTime: 'N/A',
    lastCommittedTxId: tx,
    epoch,
    instancesInCluster: [],
  });
  return {
    kind: 'answer',
    answers: {
      [availablePath]: haStatusAnswer('available', role),
      [haBeanPaths[0] as string]: { status: 200, body: JSON.stringify(bean) },
    },
  };
}
