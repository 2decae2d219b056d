/**
 * A bounded queue of deliveries to one destination (a webhook, Alertmanager), sent one at
 * a time in order, each retried with backoff until it succeeds or runs out of attempts.
 * push() never waits, so scraping is never held up by a slow or dead destination: when
 * the queue is full the OLDEST waiting delivery is dropped (newer news matters more).
 *
 * Each delivery ends in one outcome, reported once: `ok`, `failed` (every attempt
 * failed) or `dropped` (pushed out of a full queue, or still waiting at close()).
 *
 *   IDLE --push--> SENDING --ok/failed--> SENDING (next) or IDLE
 *                  SENDING --error--> WAITING (backoff) --timer--> SENDING
 *   any --close()--> CLOSED: the attempt in flight is aborted, the rest dropped
 */
import { backoffDelay, type BackoffSettings } from './backoff.js';

export type DeliveryOutcome = 'ok' | 'failed' | 'dropped';

export interface DeliveryQueueOptions<T> {
  /** Deliveries waiting, the one in flight included. */
  readonly capacity: number;
  /** Attempts per delivery, the first included. */
  readonly maxAttempts: number;
  readonly backoff: BackoffSettings;
  /** Resolves when the destination accepted the delivery; rejects (with why) when not. */
  readonly send: (item: T, signal: AbortSignal) => Promise<void>;
  readonly onOutcome: (outcome: DeliveryOutcome, item: T, error: string | undefined) => void;
  /** [0, 1); Math.random unless a test seeds it. */
  readonly random?: () => number;
}

export class DeliveryQueue<T> {
  readonly #options: DeliveryQueueOptions<T>;
  readonly #random: () => number;
  readonly #waiting: T[] = [];
  readonly #closing = new AbortController();
  #sending = false;
  #closed = false;
  #idle: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #wakeUp: (() => void) | undefined;

  constructor(options: DeliveryQueueOptions<T>) {
    if (!(Number.isInteger(options.capacity) && options.capacity >= 1)) throw new RangeError(`capacity must be an integer of at least 1; got ${options.capacity}`);
    if (!(Number.isInteger(options.maxAttempts) && options.maxAttempts >= 1)) throw new RangeError(`maxAttempts must be an integer of at least 1; got ${options.maxAttempts}`);
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  /** Deliveries waiting or in flight. */
  get length(): number {
    return this.#waiting.length + (this.#sending ? 1 : 0);
  }

  push(item: T): void {
    if (this.#closed) {
      this.#options.onOutcome('dropped', item, 'the monitor is closing');
      return;
    }
    if (this.length >= this.#options.capacity) {
      const oldest = this.#waiting.shift();
      if (oldest !== undefined) this.#options.onOutcome('dropped', oldest, `the queue of ${this.#options.capacity} deliveries is full`);
      else {
        // Capacity 1 with a delivery in flight: the new one has no room.
        this.#options.onOutcome('dropped', item, `the queue of ${this.#options.capacity} deliveries is full`);
        return;
      }
    }
    this.#waiting.push(item);
    if (!this.#sending) this.#idle = this.#drain();
  }

  /** Aborts the attempt in flight and drops what waits. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closing.abort();
    clearTimeout(this.#timer);
    this.#wakeUp?.();
    await this.#idle;
    for (const item of this.#waiting.splice(0)) this.#options.onOutcome('dropped', item, 'the monitor is closing');
  }

  async #drain(): Promise<void> {
    this.#sending = true;
    try {
      while (!this.#closed) {
        const item = this.#waiting.shift();
        if (item === undefined) break;
        await this.#deliver(item);
      }
    } finally {
      this.#sending = false;
    }
  }

  async #deliver(item: T): Promise<void> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.#options.maxAttempts; attempt++) {
      if (attempt > 1) {
        await this.#sleep(backoffDelay(attempt - 1, this.#options.backoff, this.#random));
        if (this.#closed) break;
      }
      try {
        await this.#options.send(item, this.#closing.signal);
        this.#options.onOutcome('ok', item, undefined);
        return;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        if (this.#closed) break;
      }
    }
    if (this.#closed) this.#options.onOutcome('dropped', item, 'the monitor is closing');
    else this.#options.onOutcome('failed', item, `${this.#options.maxAttempts} attempts failed; the last: ${lastError}`);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wakeUp = resolve;
      this.#timer = setTimeout(resolve, ms);
    });
  }
}
