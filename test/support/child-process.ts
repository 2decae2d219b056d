/**
 * Real child processes for integration and fault tests: spawned with tsx, their stdout
 * read line by line, every wait bounded, and every child killed when the test ends,
 * whether it passed or not (register `killAll` in an `after` hook).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface Child {
  readonly process: ChildProcess;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Every stderr byte so far. */
  stderr(): string;
  /** Resolves with the first line (already seen or coming) that matches; rejects after timeoutMs or when the child exits first. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Resolves with the exit code (or signal name) once the child has exited; rejects after timeoutMs. */
  exited(timeoutMs: number): Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();

/** Runs a TypeScript entry point of this repository under tsx. */
export function spawnTs(script: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, script), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const listener of listeners) listener(line);
  });
  let exitStatus: number | string | undefined;
  const exitListeners = new Set<() => void>();
  child.on('exit', (code, signal) => {
    exitStatus = code ?? signal ?? 'unknown';
    running.delete(child);
    for (const listener of exitListeners) listener();
  });

  return {
    process: child,
    lines,
    stderr: () => stderr,
    waitForLine(match, timeoutMs) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(onLine);
          exitListeners.delete(onExit);
        };
        const onLine = (line: string): void => {
          if (!match(line)) return;
          done();
          resolve(line);
        };
        const onExit = (): void => {
          // Lines still in the readline buffer arrive before 'close'; give them one turn.
          setImmediate(() => {
            const late = lines.find(match);
            done();
            if (late !== undefined) resolve(late);
            else reject(new Error(`${script} exited (${exitStatus}) before the awaited line; stderr: ${stderr.slice(-2000)}`));
          });
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for a line from ${script}; last lines: ${lines.slice(-5).join(' | ')}; stderr: ${stderr.slice(-2000)}`));
        }, timeoutMs);
        listeners.add(onLine);
        if (exitStatus !== undefined) onExit();
        else exitListeners.add(onExit);
      });
    },
    exited(timeoutMs) {
      if (exitStatus !== undefined) return Promise.resolve(exitStatus);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script} did not exit within ${timeoutMs} ms`)), timeoutMs);
        exitListeners.add(() => {
          clearTimeout(timer);
          resolve(exitStatus!);
        });
      });
    },
    kill(signal) {
      if (exitStatus === undefined) child.kill(signal);
    },
  };
}

/** Kills every child still running (SIGKILL). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
