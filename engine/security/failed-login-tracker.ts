/**
 * Neo4j's login rate limit (dbms.security.auth_max_failed_attempts, auth_lock_time):
 * after `maxFailedAttempts` failed logins in a row a user is refused, even with the
 * right password, until `lockTimeMs` have passed since the last failure. Time is passed
 * in, never read here. Per user:
 *
 *   state     permitted()   failed()                               succeeded()
 *   OPEN      true          count+1; LOCKED once count reaches     entry removed (OPEN, count 0)
 *                           maxFailedAttempts, else OPEN
 *   LOCKED    false         (refused attempts change nothing)      (refused)
 *   EXPIRED   true          count+1, lastFailure = now: LOCKED     entry removed (OPEN, count 0)
 *
 *   LOCKED becomes EXPIRED when now >= lastFailure + lockTimeMs; maxFailedAttempts 0 is
 *   always OPEN.
 *
 * Refused attempts change nothing. Only users that exist are tracked (as in Neo4j), so
 * the table holds at most one entry per user of the auth file.
 */

interface Failures {
  count: number;
  lastFailureMs: number;
}

export interface FailedLoginLimits {
  /** 0 never refuses. */
  readonly maxFailedAttempts: number;
  readonly lockTimeMs: number;
}

export class FailedLoginTracker {
  readonly #limits: FailedLoginLimits;
  readonly #failures = new Map<string, Failures>();

  constructor(limits: FailedLoginLimits) {
    this.#limits = limits;
  }

  /** Whether `user` may try to log in at `nowMs`. */
  permitted(user: string, nowMs: number): boolean {
    const failures = this.#failures.get(user);
    return (
      failures === undefined ||
      this.#limits.maxFailedAttempts === 0 ||
      failures.count < this.#limits.maxFailedAttempts ||
      nowMs >= failures.lastFailureMs + this.#limits.lockTimeMs
    );
  }

  failed(user: string, nowMs: number): void {
    const failures = this.#failures.get(user);
    if (failures === undefined) {
      this.#failures.set(user, { count: 1, lastFailureMs: nowMs });
    } else {
      failures.count++;
      failures.lastFailureMs = nowMs;
    }
  }

  succeeded(user: string): void {
    this.#failures.delete(user);
  }
}
