/**
 * The transactions begun through the proxy and not yet committed or rolled back, for
 * graphlb_proxy_open_transactions. Routing does not depend on this (the token names the
 * member); it is a count, so a transaction the client abandons is forgotten after
 * idleMs without a request, as the member itself expires it.
 */

/** Neo4j's and graphlb's default idle timeout of an HTTP transaction (60 s). */
export const DEFAULT_OPEN_TRANSACTION_IDLE_MS = 60_000;

export class OpenTransactions {
  /** `member tx id` -> epoch ms of its last request. */
  readonly #lastSeen = new Map<string, number>();
  readonly #idleMs: number;
  #sinceSweep = 0;

  constructor(idleMs: number = DEFAULT_OPEN_TRANSACTION_IDLE_MS) {
    this.#idleMs = idleMs;
  }

  /** Begun, or used and still open. */
  seen(member: string, txId: number, now: number): void {
    this.#lastSeen.set(`${member} ${txId}`, now);
    // Abandoned transactions must not pile up between scrapes.
    if (++this.#sinceSweep >= 1024) this.#sweep(now);
  }

  /** Committed, rolled back, or unknown to its member. */
  ended(member: string, txId: number): void {
    this.#lastSeen.delete(`${member} ${txId}`);
  }

  count(now: number): number {
    this.#sweep(now);
    return this.#lastSeen.size;
  }

  #sweep(now: number): void {
    this.#sinceSweep = 0;
    for (const [key, at] of this.#lastSeen) if (now - at > this.#idleMs) this.#lastSeen.delete(key);
  }
}
