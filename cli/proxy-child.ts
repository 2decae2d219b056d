/**
 * The routing proxy run by `graphlb up` as a child process: `graphlb proxy --config`
 * started in the data directory, its output appended to <data>/logs/proxy.log, the
 * password of the health checks in its environment (GRAPHLB_PASSWORD), never in a file.
 *
 *   spawn() ──> STARTING ──waitUntilAnswering()──> SERVING ──stop()──> STOPPING ──> EXITED
 *                  │  the admin listener answered GET /status     SIGTERM; after the
 *                  └──> EXITED (died, or killed when it did        bound, SIGKILL
 *                       not answer in time)
 *
 * Like the engines it gets its own process group, so a Ctrl-C reaches `graphlb up` alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { formatSocketAddress, type SocketAddress } from '../engine/settings/socket-address.js';
import type { ChildExit } from './engine-child.js';
import { nodeArgsForChild } from './node-child-args.js';

export interface ProxyChildOptions {
  readonly configFile: string;
  /** The child's working directory. */
  readonly home: string;
  readonly logFile: string;
  /** Where its admin listener answers. */
  readonly admin: SocketAddress;
  /** GRAPHLB_PASSWORD for `${GRAPHLB_PASSWORD}` in its configuration; undefined: not set. */
  readonly password: string | undefined;
}

export class ProxySpawnError extends Error {
  override readonly name = 'ProxySpawnError';
  readonly reason: Promise<Error>;

  constructor(reason: Promise<Error>) {
    super(`cannot start the proxy: ${process.execPath} could not be spawned`);
    this.reason = reason;
  }
}

export class ProxyChild {
  readonly name = 'proxy';
  readonly configFile: string;
  readonly logFile: string;
  readonly pid: number;
  readonly exited: Promise<ChildExit>;
  readonly #process: ChildProcess;
  readonly #admin: SocketAddress;
  #exit: ChildExit | undefined;

  private constructor(options: ProxyChildOptions, child: ChildProcess, pid: number) {
    this.configFile = options.configFile;
    this.logFile = options.logFile;
    this.pid = pid;
    this.#process = child;
    this.#admin = options.admin;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      }),
    );
    // A signal that cannot be delivered is reported as 'error'; the exit is what counts.
    child.on('error', () => {});
  }

  static spawn(options: ProxyChildOptions): ProxyChild {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    const log = fs.openSync(options.logFile, 'a');
    try {
      const env = { ...process.env };
      if (options.password === undefined) delete env['GRAPHLB_PASSWORD'];
      else env['GRAPHLB_PASSWORD'] = options.password;
      const child = spawn(process.execPath, [...nodeArgsForChild(), 'proxy', '--config', options.configFile], {
        cwd: options.home,
        env,
        stdio: ['ignore', log, log],
        detached: true,
      });
      if (child.pid === undefined) throw new ProxySpawnError(new Promise<Error>((resolve) => child.once('error', resolve)));
      return new ProxyChild(options, child, child.pid);
    } finally {
      fs.closeSync(log);
    }
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** `http://127.0.0.1:7475`. */
  get adminUrl(): string {
    return `http://${formatSocketAddress(this.#admin)}`;
  }

  /** Polls GET /status until it answers 200; false when the child exits or `timeoutMs` passes first. */
  async waitUntilAnswering(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running && Date.now() < deadline) {
      if ((await this.get('/status')).status === 200) return true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, 100)))]);
      clearTimeout(timer);
    }
    return false;
  }

  /** GET on the admin listener; status 0 when it does not answer. */
  get(urlPath: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
      const request = http.get({ host: this.#admin.host, port: this.#admin.port, path: urlPath, timeout: 1000, agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', () => resolve({ status: 0, body: '' }));
      });
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve({ status: 0, body: '' }));
    });
  }

  /** SIGTERM, then SIGKILL after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<{ exit: ChildExit; killed: boolean }> {
    if (this.running) this.#process.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const graceful = await Promise.race([this.exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)))]);
    clearTimeout(timer);
    if (graceful !== undefined) return { exit: graceful, killed: false };
    this.kill();
    return { exit: await this.exited, killed: true };
  }

  kill(): void {
    if (this.running) this.#process.kill('SIGKILL');
  }

  logTail(lines: number): string[] {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines);
    } catch {
      return [];
    }
  }
}
