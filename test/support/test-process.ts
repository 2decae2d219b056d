/**
 * A real child process for integration and fault tests: a TypeScript entry point of this
 * repository run under tsx (`graphlb` itself through {@link TestProcess.cli}), with
 * bounded waits on its output and its exit. Every test kills what it started in an
 * after/finally hook, with {@link TestProcess.kill} or {@link TestProcess.killAll}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// A test file that ends without its after hooks (an uncaught error, the runner's timeout)
// must not leave engines behind for the next file to meet on a port it is handed again.
process.once('exit', () => {
  for (const child of TestProcess.stillRunning()) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

type Stream = 'stdout' | 'stderr';

interface Waiter {
  readonly stream: Stream;
  readonly matches: (line: string) => boolean;
  readonly resolve: (line: string) => void;
}

export class TestProcess {
  static readonly #running = new Set<TestProcess>();

  readonly pid: number;
  readonly lines: Record<Stream, string[]> = { stdout: [], stderr: [] };
  readonly #child: ChildProcess;
  readonly #exited: Promise<Exit>;
  #exit: Exit | undefined;
  readonly #waiters = new Set<Waiter>();

  private constructor(child: ChildProcess) {
    if (child.pid === undefined) throw new Error('the process did not start');
    this.pid = child.pid;
    this.#child = child;
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        TestProcess.#running.delete(this);
        resolve(this.#exit);
      }),
    );
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = child[stream];
      if (source === null) continue;
      createInterface({ input: source }).on('line', (line) => {
        this.lines[stream].push(line);
        for (const waiter of this.#waiters) {
          if (waiter.stream === stream && waiter.matches(line)) {
            this.#waiters.delete(waiter);
            waiter.resolve(line);
          }
        }
      });
    }
  }

  /** `node --import tsx <script> <args>`, script relative to the repository root. */
  static start(script: string, args: readonly string[], options: { cwd?: string } = {}): TestProcess {
    const started = new TestProcess(
      spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, new URL('../../', import.meta.url))), ...args], {
        cwd: options.cwd ?? repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    TestProcess.#running.add(started);
    return started;
  }

  /** `graphlb <args>` from the repository root. */
  static cli(args: readonly string[], options: { cwd?: string } = {}): TestProcess {
    return TestProcess.start('cli/main.ts', args, options);
  }

  /** The pids of the processes started and not yet seen to exit. */
  static stillRunning(): number[] {
    return [...TestProcess.#running].map((running) => running.pid);
  }

  /** Kills every process still running that a test started. For after hooks. */
  static async killAll(): Promise<void> {
    await Promise.all([...TestProcess.#running].map((running) => running.kill()));
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  /** The first line of `stream`, already printed or still to come, that `matches`; rejects after `timeoutMs`. */
  waitForLine(matches: RegExp | ((line: string) => boolean), timeoutMs: number, stream: Stream = 'stdout'): Promise<string> {
    const test = typeof matches === 'function' ? matches : (line: string) => matches.test(line);
    const seen = this.lines[stream].find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`no ${stream} line matching ${String(matches)} within ${timeoutMs}ms\n${this.describe()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        stream,
        matches: test,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      this.#waiters.add(waiter);
      // A process that exits without printing the line fails the wait at once.
      void this.#exited.then(() =>
        setImmediate(() => {
          if (!this.#waiters.delete(waiter)) return;
          clearTimeout(timer);
          reject(new Error(`the process exited without a ${stream} line matching ${String(matches)}\n${this.describe()}`));
        }),
      );
    });
  }

  /** The first JSON log line with this `event` field (and fields that `matches`, when given), parsed. */
  async waitForEvent(event: string, timeoutMs: number, matches: (fields: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    const line = await this.waitForLine((text) => {
      const fields = parseJson(text);
      return fields?.['event'] === event && matches(fields);
    }, timeoutMs);
    return parseJson(line) ?? {};
  }

  /** Every JSON log line printed so far, parsed. */
  events(): Record<string, unknown>[] {
    return this.lines.stdout.map(parseJson).filter((e): e is Record<string, unknown> => e !== undefined);
  }

  /** Resolves with the exit; rejects when the process is still running after `timeoutMs`. */
  async exit(timeoutMs: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs}ms\n${this.describe()}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.#exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.#child.kill(signal);
  }

  /** SIGKILL unless it has exited; waits (bounded) for the exit. For after/finally hooks. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.#child.kill('SIGKILL');
    await this.exit(10_000);
  }

  describe(): string {
    const tail = (stream: Stream): string => this.lines[stream].slice(-15).join('\n');
    return `--- stdout (last lines) ---\n${tail('stdout')}\n--- stderr ---\n${tail('stderr')}`;
  }
}

function parseJson(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A port that was free a moment ago (the OS picks it), for settings that cannot say 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a process with this pid exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
