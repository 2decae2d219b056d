/**
 * One child process `graphlb up` runs: an engine instance (`graphlb engine --conf FILE`
 * in the instance's directory), the routing proxy or the monitor (`graphlb <command>
 * --config FILE` in the data directory). Its output is appended to its log file; what
 * differs between them is data, an {@link UpChildSpec}: the arguments, the environment,
 * where readiness is polled and how the child is named in messages.
 *
 *   spawn() ──> STARTING ──waitUntilReady()──> SERVING ──stop()──> STOPPING ──> EXITED
 *                  │  GET <readyPath> on its          SIGTERM; after the bound,
 *                  │  listener answered 200           SIGKILL
 *                  └──> EXITED (died, or killed when it did not answer in time)
 *
 * Readiness is each one's own choice of path: an instance's GET /, the proxy's admin
 * /status, the monitor's /api/cluster (its /healthz stays 503 until the first scrape
 * round, which says nothing about whether it started).
 *
 * The child gets its own process group, so a Ctrl-C in the terminal reaches `graphlb up`
 * alone and the children stop in the order `up` decides.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { formatSocketAddress, type SocketAddress } from '../protocol/config/socket-address.js';
import { nodeArgsForChild } from './node-child-args.js';
import { reachable } from './reachable-address.js';

/** What a child is to `up`: it decides the order of stopping and how long each may take. */
export type UpChildRole = 'engine' | 'proxy' | 'monitor';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface UpChildSpec {
  readonly role: UpChildRole;
  /** The name in `up`'s output: `instance1`, `proxy`, `monitor`. */
  readonly name: string;
  /** The name inside a sentence: `instance1`, `the proxy`. */
  readonly label: string;
  /** The graphlb arguments after the program: `engine --conf FILE`, `proxy --config FILE`. */
  readonly args: readonly string[];
  /** The file named in `args`. */
  readonly configFile: string;
  /** The child's working directory. */
  readonly home: string;
  readonly logFile: string;
  /** The child's environment; undefined: this process's own. */
  readonly env: NodeJS.ProcessEnv | undefined;
  /** The HTTP listener readiness is polled on, as a client on this machine reaches it. */
  readonly listener: SocketAddress;
  /** GET this path on `listener` answers 200 once the child is up. */
  readonly readyPath: string;
}

/** An engine instance: `graphlb engine --conf FILE` in its home, ready when GET / answers. */
export function engineChildSpec(options: { name: string; home: string; confFile: string; logFile: string; http: SocketAddress }): UpChildSpec {
  return {
    role: 'engine',
    name: options.name,
    label: options.name,
    args: ['engine', '--conf', options.confFile],
    configFile: options.confFile,
    home: options.home,
    logFile: options.logFile,
    env: undefined,
    listener: reachable(options.http),
    readyPath: '/',
  };
}

/**
 * The proxy or the monitor: `graphlb <command> --config FILE`, the password of its checks
 * in its environment (GRAPHLB_PASSWORD), never in a file.
 */
export function serviceChildSpec(options: {
  command: 'proxy' | 'monitor';
  configFile: string;
  home: string;
  logFile: string;
  listener: SocketAddress;
  readyPath: string;
  password: string | undefined;
}): UpChildSpec {
  return {
    role: options.command,
    name: options.command,
    label: `the ${options.command}`,
    args: [options.command, '--config', options.configFile],
    configFile: options.configFile,
    home: options.home,
    logFile: options.logFile,
    env: serviceEnvironment(options.password),
    listener: options.listener,
    readyPath: options.readyPath,
  };
}

/** The environment a service runs and its file is read with: GRAPHLB_PASSWORD is `password`, or unset. */
export function serviceEnvironment(password: string | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (password === undefined) delete env['GRAPHLB_PASSWORD'];
  else env['GRAPHLB_PASSWORD'] = password;
  return env;
}

/** The child process could not be created; `reason` resolves with the system's error. */
export class ChildSpawnError extends Error {
  override readonly name = 'ChildSpawnError';
  readonly reason: Promise<Error>;

  constructor(label: string, reason: Promise<Error>) {
    super(`cannot start ${label}: ${process.execPath} could not be spawned`);
    this.reason = reason;
  }
}

export class UpChild {
  readonly role: UpChildRole;
  readonly name: string;
  readonly label: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly pid: number;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<ChildExit>;
  readonly #process: ChildProcess;
  readonly #listener: SocketAddress;
  readonly #readyPath: string;
  #exit: ChildExit | undefined;

  private constructor(spec: UpChildSpec, child: ChildProcess, pid: number) {
    this.role = spec.role;
    this.name = spec.name;
    this.label = spec.label;
    this.configFile = spec.configFile;
    this.logFile = spec.logFile;
    this.pid = pid;
    this.#process = child;
    this.#listener = spec.listener;
    this.#readyPath = spec.readyPath;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      }),
    );
    // A signal that cannot be delivered is reported as 'error'; the exit is what counts.
    child.on('error', () => {});
  }

  static spawn(spec: UpChildSpec): UpChild {
    fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
    const log = fs.openSync(spec.logFile, 'a');
    try {
      const child = spawn(process.execPath, [...nodeArgsForChild(), ...spec.args], {
        cwd: spec.home,
        env: spec.env,
        stdio: ['ignore', log, log],
        detached: true,
      });
      if (child.pid === undefined) throw new ChildSpawnError(spec.label, new Promise<Error>((resolve) => child.once('error', resolve)));
      return new UpChild(spec, child, child.pid);
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
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running && Date.now() < deadline) {
      if ((await this.get(this.#readyPath)).status === 200) return true;
      const pause = delay(100);
      await Promise.race([this.exited, pause]);
      pause.cancel();
    }
    return false;
  }

  /** GET on the listener; status 0 when it does not answer. */
  get(urlPath: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
      const request = http.get({ host: this.#listener.host, port: this.#listener.port, path: urlPath, headers, timeout: 1000, agent: false }, (response) => {
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

  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves with how it ended and whether it had to be killed. */
  async stop(timeoutMs: number): Promise<{ exit: ChildExit; killed: boolean }> {
    if (this.running) this.#process.kill('SIGTERM');
    const timer = delay(timeoutMs);
    const graceful = await Promise.race([this.exited, timer.then(() => undefined)]);
    timer.cancel();
    if (graceful !== undefined) return { exit: graceful, killed: false };
    this.kill();
    return { exit: await this.exited, killed: true };
  }

  /** SIGKILL now; for when `graphlb up` itself is going away. */
  kill(): void {
    if (this.running) this.#process.kill('SIGKILL');
  }

  /** The last lines of the child's log, to show why it died. */
  logTail(lines: number): string[] {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines);
    } catch {
      return [];
    }
  }
}

/** "exited with code 1", "was killed by SIGKILL". */
export function describeExit(exit: ChildExit): string {
  return exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
}

function delay(ms: number): Promise<void> & { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Object.assign(promise, { cancel: () => clearTimeout(timer) });
}
