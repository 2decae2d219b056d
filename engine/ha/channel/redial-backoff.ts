/**
 * How long a dialer waits before its next attempt: 100 ms after the first failure,
 * doubling up to 2 s, and back to 100 ms once a handshake succeeds. Capped so that a
 * member that comes back is found within 2 s; exponential so that a member that stays
 * down costs a connect attempt every 2 s, not a storm.
 */
export const REDIAL_MIN_MS = 100;
export const REDIAL_MAX_MS = 2000;

export class RedialBackoff {
  #failures = 0;

  /** The wait before the next attempt, counting this failure. */
  nextDelayMs(): number {
    const delay = Math.min(REDIAL_MAX_MS, REDIAL_MIN_MS * 2 ** Math.min(this.#failures, 16));
    this.#failures++;
    return delay;
  }

  reset(): void {
    this.#failures = 0;
  }
}
