/**
 * A real `graphlb engine` process for the HTTP API tests, in a temporary directory, and
 * a small HTTP client for it with bounded waits. Not a test itself: imported by
 * test/integration/http-*.test.ts and test/compat/http-contract.test.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { TransactionResponseBody } from '../../protocol/http/transaction-response.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

/** A body of the transactional endpoints (or of an error: `errors` only, or another JSON answer), as JSON.parse reads it. */
export type Body = TransactionResponseBody & { readonly [key: string]: unknown };

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed with JSON.parse (integers and floats both become numbers); {} when it is not JSON. */
  readonly json: Body;
}

export interface RequestOptions {
  /** An object is sent as JSON; a string or Buffer as it is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

const startMs = 30_000;

export class HttpEngine {
  readonly process: TestProcess;
  readonly port: number;
  readonly dir: string;
  readonly #remove: () => void;

  private constructor(process: TestProcess, port: number, dir: string, remove: () => void) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.#remove = remove;
  }

  /** Starts an engine with these settings over the test defaults (auth disabled, port 0, a small page cache). */
  static async start(settings: Readonly<Record<string, string>> = {}): Promise<HttpEngine> {
    const temp = makeTempDir('http-engine');
    const values: Record<string, string> = {
      'dbms.directories.data': path.join(temp.dir, 'data'),
      'dbms.pagecache.memory': '4m',
      'dbms.connector.http.listen_address': '127.0.0.1:0',
      'dbms.security.auth_enabled': 'false',
      ...settings,
    };
    const conf = path.join(temp.dir, 'neo4j.conf');
    fs.writeFileSync(conf, Object.entries(values).map(([key, value]) => `${key}=${value}\n`).join(''));
    const engine = TestProcess.cli(['engine', '--conf', conf]);
    try {
      const started = await engine.waitForEvent('engine_started', startMs);
      const match = /:(\d+)$/.exec(String(started['http']));
      assert.ok(match, `engine_started names the HTTP address: ${JSON.stringify(started)}`);
      return new HttpEngine(engine, Number(match[1]), temp.dir, temp.remove);
    } catch (error) {
      await engine.kill();
      temp.remove();
      throw error;
    }
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  request(method: string, urlPath: string, options: RequestOptions = {}): Promise<Answer> {
    const body =
      options.body === undefined ? undefined : typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
    const headers: Record<string, string | number> = { ...options.headers };
    if (body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const timeoutMs = options.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path: urlPath, headers, agent: false, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Body;
          try {
            json = JSON.parse(text) as Body;
          } catch {
            json = {} as Body;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} got no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  post(urlPath: string, body: unknown, headers: Readonly<Record<string, string>> = {}): Promise<Answer> {
    return this.request('POST', urlPath, { body, headers });
  }

  /** Runs statements in one implicit transaction and fails unless they all succeed. */
  async run(statement: string, parameters: Record<string, unknown> = {}): Promise<Answer> {
    const answer = await this.post('/db/data/transaction/commit', { statements: [{ statement, parameters }] });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.json.errors, [], answer.text);
    return answer;
  }

  async stop(): Promise<void> {
    await this.process.kill();
    this.#remove();
  }
}

/** The numeric id at the end of a Location or commit URL. */
export function transactionIdOf(url: string | undefined): number {
  const match = /\/(\d+)(?:\/commit)?$/.exec(url ?? '');
  assert.ok(match, `a transaction URL: ${String(url)}`);
  return Number(match[1]);
}
