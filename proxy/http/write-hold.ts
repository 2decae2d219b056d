/**
 * Writes waiting for a master (routing.writeHold): during a re-election the snapshot has
 * no master, and a write waits here instead of failing. Discovery's onChange releases
 * the waiters as soon as a snapshot names a master a waiter accepts; each waiter has its
 * own deadline, past which it is told to give up (503 NoLeaderAvailable).
 *
 * A hold episode runs from the first waiter to the moment none is left:
 *   idle --add--> holding --(last waiter released / timed out / aborted)--> idle
 * and is logged once at each end (`write_hold`, state holding | released | timed_out).
 */
import type { Logger } from 'pino';
import type { ProxyMetrics } from '../admin/proxy-metrics.js';
import type { ClusterSnapshot, ClusterView } from '../discovery/cluster-snapshot.js';

/** One held write, as the forwarder implements it. */
export interface HoldWaiter {
  /** A snapshot with a master: return true to take it (the waiter leaves), false to wait on. */
  masterAppeared(snapshot: ClusterSnapshot): boolean;
  /** The deadline passed without a master. */
  holdTimedOut(waitedMs: number): void;
  /** The proxy is closing. */
  holdClosed(): void;
}

interface Held {
  readonly since: number;
  readonly timer: NodeJS.Timeout;
}

interface Episode {
  readonly since: number;
  held: number;
  released: number;
  timedOut: number;
  aborted: number;
}

export class WriteHold {
  readonly #waiters = new Map<HoldWaiter, Held>();
  readonly #metrics: ProxyMetrics;
  readonly #logger: Logger;
  readonly #unsubscribe: () => void;
  #episode: Episode | undefined;

  constructor(cluster: ClusterView, metrics: ProxyMetrics, logger: Logger) {
    this.#metrics = metrics;
    this.#logger = logger;
    this.#unsubscribe = cluster.onChange((snapshot) => this.#changed(snapshot));
  }

  get active(): number {
    return this.#waiters.size;
  }

  /** Holds `waiter` for at most `timeoutMs`. */
  add(waiter: HoldWaiter, timeoutMs: number): void {
    const now = Date.now();
    if (this.#episode === undefined) {
      this.#episode = { since: now, held: 0, released: 0, timedOut: 0, aborted: 0 };
      this.#logger.warn({ event: 'write_hold', state: 'holding' }, 'no master: holding writes until one is elected');
    }
    this.#episode.held++;
    const timer = setTimeout(() => this.#timeout(waiter), Math.max(0, timeoutMs));
    this.#waiters.set(waiter, { since: now, timer });
  }

  /** The waiter's client went away. */
  cancel(waiter: HoldWaiter): void {
    if (this.#leave(waiter, 'aborted') === undefined) return;
    this.#settled();
  }

  /** Tells every waiter the proxy is closing. */
  close(): void {
    this.#unsubscribe();
    for (const waiter of [...this.#waiters.keys()]) {
      this.#leave(waiter, 'aborted');
      waiter.holdClosed();
    }
    this.#settled();
  }

  #changed(snapshot: ClusterSnapshot): void {
    if (snapshot.master === undefined || this.#waiters.size === 0) return;
    for (const waiter of [...this.#waiters.keys()]) {
      // A waiter that takes the master forwards at once, inside masterAppeared.
      if (!this.#waiters.has(waiter)) continue;
      const held = this.#waiters.get(waiter)!;
      this.#waiters.delete(waiter);
      if (waiter.masterAppeared(snapshot)) this.#record(held, 'released');
      else this.#waiters.set(waiter, held);
    }
    this.#settled();
  }

  #timeout(waiter: HoldWaiter): void {
    const held = this.#leave(waiter, 'timed_out');
    if (held === undefined) return;
    waiter.holdTimedOut(Date.now() - held.since);
    this.#settled();
  }

  #leave(waiter: HoldWaiter, outcome: 'timed_out' | 'aborted'): Held | undefined {
    const held = this.#waiters.get(waiter);
    if (held === undefined) return undefined;
    this.#waiters.delete(waiter);
    this.#record(held, outcome);
    return held;
  }

  #record(held: Held, outcome: 'released' | 'timed_out' | 'aborted'): void {
    clearTimeout(held.timer);
    this.#metrics.writeHolds.inc({ outcome });
    this.#metrics.writeHoldDuration.observe((Date.now() - held.since) / 1000);
    const episode = this.#episode;
    if (episode === undefined) return;
    if (outcome === 'released') episode.released++;
    else if (outcome === 'timed_out') episode.timedOut++;
    else episode.aborted++;
  }

  /** Ends the episode when no waiter is left. */
  #settled(): void {
    const episode = this.#episode;
    if (episode === undefined || this.#waiters.size > 0) return;
    this.#episode = undefined;
    const state = episode.released === 0 && episode.timedOut > 0 ? 'timed_out' : 'released';
    this.#logger.warn(
      { event: 'write_hold', state, held: episode.held, released: episode.released, timedOut: episode.timedOut, aborted: episode.aborted, durationMs: Date.now() - episode.since },
      state === 'released' ? 'writes released: a master is available' : 'held writes timed out without a master',
    );
  }
}
