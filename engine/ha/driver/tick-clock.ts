/**
 * Monotonic time turned into the HA core's ticks. The core counts ticks, never reads a
 * clock; this clock says how many ticks have passed since it last answered, so a process
 * that was stopped (SIGSTOP, a long pause) hands the core all its missed ticks at once.
 */

export const DEFAULT_TICK_MS = 50;

export interface TickTiming {
  readonly tickMs: number;
  readonly heartbeatIntervalTicks: number;
  readonly heartbeatTimeoutTicks: number;
  /** The least wait before a failed election round is retried (a random share is added by the core). */
  readonly electionBackoffTicks: number;
}

/**
 * ha.heartbeat_interval and ha.heartbeat_timeout in ticks. Rounding must not break the
 * core's rule of a timeout of at least two intervals, which the settings already hold in
 * milliseconds, so the timeout is raised to two intervals when rounding would undercut it.
 */
export function tickTiming(heartbeatIntervalMs: number, heartbeatTimeoutMs: number, tickMs = DEFAULT_TICK_MS): TickTiming {
  if (!(tickMs > 0)) throw new RangeError(`A tick must last a positive number of milliseconds, got ${tickMs}.`);
  const heartbeatIntervalTicks = Math.max(1, Math.round(heartbeatIntervalMs / tickMs));
  const heartbeatTimeoutTicks = Math.max(2 * heartbeatIntervalTicks, Math.round(heartbeatTimeoutMs / tickMs));
  return { tickMs, heartbeatIntervalTicks, heartbeatTimeoutTicks, electionBackoffTicks: heartbeatIntervalTicks };
}

export class TickClock {
  readonly #tickMs: number;
  readonly #now: () => number;
  readonly #startMs: number;
  #ticks = 0;

  /** `now` is a monotonic clock in milliseconds (performance.now() outside tests). */
  constructor(tickMs: number, now: () => number) {
    this.#tickMs = tickMs;
    this.#now = now;
    this.#startMs = now();
  }

  /** Ticks elapsed since the previous call (0 when less than one tick has passed). */
  elapsed(): number {
    const due = Math.floor((this.#now() - this.#startMs) / this.#tickMs);
    const missed = due - this.#ticks;
    if (missed <= 0) return 0;
    this.#ticks = due;
    return missed;
  }
}
