/**
 * Debian's HAProxy 2.6 in the foreground (`haproxy -db -f FILE`) with a config from
 * haproxy-config.ts, and a bounded wait until its health checks see the servers as the
 * bench expects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../test/support/test-process.js';
import { trackChild } from './children.js';
import { parseHaproxyStatsCsv, renderHaproxyConfig, type HaproxyConfig, type ServerState } from './haproxy-config.js';

export class Haproxy {
  readonly config: HaproxyConfig;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #output = '';

  private constructor(config: HaproxyConfig, child: ChildProcess) {
    this.config = config;
    this.#child = child;
    trackChild(child);
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdout?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
  }

  /**
   * Starts HAProxy on two free ports (HAProxy cannot report a port the OS picked, so a
   * port taken between the look-up and the bind is retried with fresh ones) and waits
   * until its stats listener answers.
   */
  static async start(config: Omit<HaproxyConfig, 'listenPort' | 'statsPort'>, dir: string, timeoutMs: number): Promise<Haproxy> {
    for (let attempt = 1; ; attempt++) {
      const full: HaproxyConfig = { ...config, listenPort: await freePort(), statsPort: await freePort() };
      const file = path.join(dir, `haproxy-${full.listenPort}.cfg`);
      fs.writeFileSync(file, renderHaproxyConfig(full));
      const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', (error) => reject(new Error(`haproxy did not start (${error.message}); expected Debian's haproxy 2.6 on the PATH`)));
      });
      const haproxy = new Haproxy(full, child);
      const listening = await haproxy.#statsAnswering(timeoutMs);
      if (listening) return haproxy;
      await haproxy.stop();
      if (attempt === 3 || !/cannot bind/i.test(haproxy.#output)) throw new Error(`haproxy did not serve its stats listener within ${timeoutMs} ms:\n${haproxy.#output}`);
    }
  }

  /** true once the stats listener answers, false when HAProxy exits first. */
  async #statsAnswering(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.#child.exitCode === null) {
      try {
        await this.servers();
        return true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    return false;
  }

  get url(): string {
    return `http://127.0.0.1:${this.config.listenPort}`;
  }

  async servers(): Promise<ServerState[]> {
    const response = await fetch(`http://127.0.0.1:${this.config.statsPort}/stats;csv`, { signal: AbortSignal.timeout(2000) });
    return parseHaproxyStatsCsv(await response.text());
  }

  /** Waits until exactly the servers named in `up` (per backend) are UP and every other one is DOWN. */
  async waitForStates(up: Readonly<Record<string, readonly string[]>>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer from the stats listener';
    while (Date.now() < deadline) {
      if (this.#child.exitCode !== null) throw new Error(`haproxy exited with ${this.#child.exitCode}:\n${this.#output}`);
      try {
        const states = await this.servers();
        last = states.map((s) => `${s.backend}/${s.server} ${s.status}`).join(', ');
        if (states.every((s) => (up[s.backend]?.includes(s.server) ? s.status === 'UP' : s.status === 'DOWN'))) return;
      } catch (error) {
        last = String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`HAProxy's checks did not settle within ${timeoutMs} ms: expected UP ${JSON.stringify(up)}, the rest DOWN; last seen: ${last}`);
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill('SIGKILL');
    await this.#exited;
  }
}
