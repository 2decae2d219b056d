/**
 * Scrape rounds: every member at once, every `intervalMs`, each member bounded by
 * `timeoutMs`, so a hung member (SIGSTOP) delays its round by at most timeoutMs and the
 * others not at all. Rounds never overlap: the next one is scheduled when the current one
 * has been handed over, at its start plus intervalMs (or at once when a round took longer).
 *
 *   IDLE --start()--> RUNNING (round, onRound, wait, round, ...) --close()--> CLOSED
 *
 * close() cancels the scrapes in flight, waits for the round to end and closes the pools.
 */
import { Pool } from 'undici';
import type { MemberProbe } from '../../protocol/cluster/member-probe.js';
import { scrapeMember, type ScrapeResult } from './member-scraper.js';

export interface ScrapeTarget {
  readonly name: string;
  /** `http://host:port`. */
  readonly http: string;
}

export interface ScrapeLoopOptions {
  readonly members: readonly ScrapeTarget[];
  readonly probe: MemberProbe;
  readonly auth: { readonly user: string; readonly password: string } | undefined;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Called with every member's result once per round; the next round waits for it to return. */
  readonly onRound: (results: readonly ScrapeResult[]) => void;
  /** An exception of onRound (a bug): reported, and the next round runs as planned. */
  readonly onError: (error: unknown) => void;
}

type LoopState = 'idle' | 'running' | 'closed';

export class ScrapeLoop {
  readonly #options: ScrapeLoopOptions;
  readonly #pools: Map<string, Pool>;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #cancel = new AbortController();
  #state: LoopState = 'idle';
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | undefined;

  constructor(options: ScrapeLoopOptions) {
    this.#options = options;
    // Few connections: a scrape makes three or four small GETs per member per round.
    this.#pools = new Map(options.members.map((member) => [member.name, new Pool(member.http, { connections: 4, pipelining: 1, connect: { timeout: options.timeoutMs } })]));
    const headers: Record<string, string> = { accept: 'application/json, text/plain' };
    if (options.auth !== undefined) headers['authorization'] = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
    this.#headers = headers;
  }

  /** Runs the first round at once, then one every intervalMs. */
  start(): void {
    if (this.#state !== 'idle') throw new Error(`the scrape loop can start once; it is ${this.#state}`);
    this.#state = 'running';
    this.#next();
  }

  /** One round of every member, outside the schedule (tests); rejects after close. */
  async scrapeOnce(): Promise<ScrapeResult[]> {
    if (this.#state === 'closed') throw new Error('the scrape loop is closed');
    return Promise.all(
      this.#options.members.map((member) =>
        scrapeMember(this.#pools.get(member.name)!, {
          instance: member.name,
          probe: this.#options.probe,
          headers: this.#headers,
          timeoutMs: this.#options.timeoutMs,
          cancel: this.#cancel.signal,
        }),
      ),
    );
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    clearTimeout(this.#timer);
    this.#cancel.abort();
    await this.#round;
    await Promise.all([...this.#pools.values()].map((pool) => pool.close().catch(() => undefined)));
  }

  #next(): void {
    const startedAt = Date.now();
    this.#round = this.scrapeOnce().then(
      (results) => {
        if (this.#state !== 'running') return;
        try {
          this.#options.onRound(results);
        } catch (error) {
          this.#options.onError(error);
        }
        const wait = Math.max(0, startedAt + this.#options.intervalMs - Date.now());
        this.#timer = setTimeout(() => this.#next(), wait);
      },
      () => undefined,
    );
  }
}
