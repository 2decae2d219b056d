/**
 * A long-running graphlb service run by `graphlb up` as a child process (the routing
 * proxy, the monitor): `graphlb <command> --config FILE` started in the data directory,
 * its output appended to <data>/logs/<name>.log, the password of its checks in its
 * environment (GRAPHLB_PASSWORD), never in a file.
 *
 *   spawn() ──> STARTING ──waitUntilAnswering()──> SERVING ──stop()──> STOPPING ──> EXITED
 *                  │  its HTTP listener answered GET       SIGTERM; after the
 *                  │  <readyPath> with 200                 bound, SIGKILL
 *                  └──> EXITED (died, or killed when it did
 *                       not answer in time)
 *
 * Readiness is the service's own choice of path: the proxy's admin /status, the monitor's
 * /api/cluster (its /healthz stays 503 until the first scrape round, which says nothing
 * about whether it started).
 *
 * Like the engines it gets its own process group, so a Ctrl-C reaches `graphlb up` alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { formatSocketAddress, type SocketAddress } from '../protocol/config/socket-address.js';
import type { ChildExit } from './engine-child.js';
import { nodeArgsForChild } from './node-child-args.js';

export type ServiceCommand = 'proxy' | 'monitor';

export interface ServiceChildOptions {
  /** The graphlb subcommand; also the child's name in `up`'s output. */
  readonly command: ServiceCommand;
  readonly configFile: string;
  /** The child's working directory. */
  readonly home: string;
  readonly logFile: string;
  /** The HTTP listener readiness is polled on (the proxy's admin listener, the monitor's). */
  readonly listener: SocketAddress;
  /** GET this path on `listener` answers 200 once the service is up. */
  readonly readyPath: string;
  /** GRAPHLB_PASSWORD for `${GRAPHLB_PASSWORD}` in its configuration; undefined: not set. */
  readonly password: string | undefined;
}

/** The child process could not be created; `reason` resolves with the system's error. */
export class ServiceSpawnError extends Error {
  override readonly name = 'ServiceSpawnError';
  readonly reason: Promise<Error>;

  constructor(command: ServiceCommand, reason: Promise<Error>) {
    super(`cannot start the ${command}: ${process.execPath} could not be spawned`);
    this.reason = reason;
  }
}

/** The environment a service runs and its file is read with: GRAPHLB_PASSWORD is `password`, or unset. */
export function serviceEnvironment(password: string | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (password === undefined) delete env['GRAPHLB_PASSWORD'];
  else env['GRAPHLB_PASSWORD'] = password;
  return env;
}

export class ServiceChild {
  readonly name: ServiceCommand;
  readonly configFile: string;
  readonly logFile: string;
  readonly pid: number;
  readonly exited: Promise<ChildExit>;
  readonly #process: ChildProcess;
  readonly #listener: SocketAddress;
  readonly #readyPath: string;
  #exit: ChildExit | undefined;

  private constructor(options: ServiceChildOptions, child: ChildProcess, pid: number) {
    this.name = options.command;
    this.configFile = options.configFile;
    this.logFile = options.logFile;
    this.pid = pid;
    this.#process = child;
    this.#listener = options.listener;
    this.#readyPath = options.readyPath;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      }),
    );
    // A signal that cannot be delivered is reported as 'error'; the exit is what counts.
    child.on('error', () => {});
  }

  static spawn(options: ServiceChildOptions): ServiceChild {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    const log = fs.openSync(options.logFile, 'a');
    try {
      const child = spawn(process.execPath, [...nodeArgsForChild(), options.command, '--config', options.configFile], {
        cwd: options.home,
        env: serviceEnvironment(options.password),
        stdio: ['ignore', log, log],
        detached: true,
      });
      if (child.pid === undefined) throw new ServiceSpawnError(options.command, new Promise<Error>((resolve) => child.once('error', resolve)));
      return new ServiceChild(options, child, child.pid);
    } finally {
      fs.closeSync(log);
    }
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** `http://127.0.0.1:7475`, no trailing slash. */
  get url(): string {
    return `http://${formatSocketAddress(this.#listener)}`;
  }

  /** `url` and the readiness path, for messages. */
  get readyUrl(): string {
    return `${this.url}${this.#readyPath}`;
  }

  /** Polls GET <readyPath> until it answers 200; false when the child exits or `timeoutMs` passes first. */
  async waitUntilAnswering(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running && Date.now() < deadline) {
      if ((await this.get(this.#readyPath)).status === 200) return true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, 100)))]);
      clearTimeout(timer);
    }
    return false;
  }

  /** GET on the listener; status 0 when it does not answer. */
  get(urlPath: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
      const request = http.get({ host: this.#listener.host, port: this.#listener.port, path: urlPath, timeout: 1000, agent: false }, (response) => {
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
