/**
 * One engine instance run by `graphlb up` as a child process: `graphlb engine --conf`
 * started in the instance's directory, its output appended to logs/engine.log there.
 *
 *   spawn() ──> STARTING ──waitUntilServing()──> SERVING ──stop()──> STOPPING ──> EXITED
 *                  │  HTTP answered GET /                   SIGTERM; after the bound,
 *                  └──> EXITED (died, or killed when        SIGKILL
 *                       it did not answer in time)
 *
 * haRole() asks a SERVING instance for its HA role (GET /db/manage/server/ha/available).
 *
 * The child gets its own process group, so a Ctrl-C in the terminal reaches `graphlb
 * up` alone and the children stop in the order `up` decides.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { formatSocketAddress, type SocketAddress } from '../protocol/config/socket-address.js';
import { nodeArgsForChild } from './node-child-args.js';
import { reachable } from './reachable-address.js';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface EngineChildOptions {
  readonly name: string;
  /** The instance's directory: the child's working directory. */
  readonly home: string;
  readonly confFile: string;
  readonly logFile: string;
  /** Where the instance's HTTP connector listens. */
  readonly http: SocketAddress;
}

/** The child process could not be created; `reason` resolves with the system's error. */
export class EngineSpawnError extends Error {
  override readonly name = 'EngineSpawnError';
  readonly reason: Promise<Error>;

  constructor(instance: string, reason: Promise<Error>) {
    super(`cannot start ${instance}: ${process.execPath} could not be spawned`);
    this.reason = reason;
  }
}

export class EngineChild {
  readonly name: string;
  readonly confFile: string;
  readonly logFile: string;
  readonly pid: number;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<ChildExit>;
  readonly #process: ChildProcess;
  readonly #probe: SocketAddress;
  #exit: ChildExit | undefined;

  private constructor(options: EngineChildOptions, child: ChildProcess, pid: number) {
    this.name = options.name;
    this.confFile = options.confFile;
    this.logFile = options.logFile;
    this.pid = pid;
    this.#process = child;
    this.#probe = reachable(options.http);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      }),
    );
    // A signal that cannot be delivered is reported as 'error'; the exit is what counts.
    child.on('error', () => {});
  }

  static spawn(options: EngineChildOptions): EngineChild {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    const log = fs.openSync(options.logFile, 'a');
    try {
      const child = spawn(process.execPath, [...nodeArgsForChild(), 'engine', '--conf', options.confFile], {
        cwd: options.home,
        stdio: ['ignore', log, log],
        detached: true,
      });
      if (child.pid === undefined) {
        const failure = new Promise<Error>((resolve) => child.once('error', resolve));
        throw new EngineSpawnError(options.name, failure);
      }
      return new EngineChild(options, child, child.pid);
    } finally {
      fs.closeSync(log);
    }
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** Polls GET / until it answers 200; false when the child exits or `timeoutMs` passes first. */
  async waitUntilServing(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running && Date.now() < deadline) {
      if (await answers(this.#probe)) return true;
      const pause = delay(100);
      await Promise.race([this.exited, pause]);
      pause.cancel();
    }
    return false;
  }

  /** The role /db/manage/server/ha/available answers: 'master', 'slave', or 'unknown' (no answer, UNKNOWN, 401). */
  haRole(authorization: string | undefined): Promise<'master' | 'slave' | 'unknown'> {
    return new Promise((resolve) => {
      const headers = authorization === undefined ? {} : { Authorization: authorization };
      const request = http.get(
        { host: this.#probe.host, port: this.#probe.port, path: '/db/manage/server/ha/available', headers, timeout: 1000, agent: false },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve(response.statusCode === 200 && (body === 'master' || body === 'slave') ? body : 'unknown'));
          response.on('error', () => resolve('unknown'));
        },
      );
      request.on('timeout', () => request.destroy());
      request.on('error', () => resolve('unknown'));
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

  /** The last lines of the instance's log, to show why it died. */
  logTail(lines: number): string[] {
    try {
      const text = fs.readFileSync(this.logFile, 'utf8');
      return text.trimEnd().split('\n').slice(-lines);
    } catch {
      return [];
    }
  }

  get address(): string {
    return formatSocketAddress(this.#probe);
  }
}

/** "exited with code 1", "was killed by SIGKILL". */
export function describeExit(exit: ChildExit): string {
  return exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
}


function answers(address: SocketAddress): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: address.host, port: address.port, path: '/', timeout: 1000, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function delay(ms: number): Promise<void> & { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Object.assign(promise, { cancel: () => clearTimeout(timer) });
}
