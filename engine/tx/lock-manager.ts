/**
 * Shared and exclusive locks on entities, held by transactions until they commit or
 * roll back, with deadlock detection on a wait-for graph.
 *
 * Reads take no locks (read committed). Writers lock what they change: a node they
 * modify or delete exclusively; the two nodes of a relationship they create or delete
 * shared (so that nobody deletes a node under a new relationship, while many
 * transactions may add relationships to one node at once); a unique-constraint value
 * exclusively. A lock that cannot be granted puts the transaction in the resource's
 * queue; before it waits, the manager follows the wait-for edges from the holders, and
 * if they lead back to the requester the requester is the loser: its acquire() rejects
 * with Neo.TransientError.Transaction.DeadlockDetected and it keeps the locks it has
 * until it rolls back.
 *
 * Grants are FIFO per resource, except that a holder upgrading shared to exclusive goes
 * first, and compatible shared requests at the head of the queue are granted together.
 */
import { Neo4jError } from '../../protocol/errors.js';

export type LockMode = 'shared' | 'exclusive';

/** Who holds and waits for locks: one per transaction. */
export class LockClient {
  readonly id: number;
  /** resource -> mode held */
  readonly held = new Map<string, LockMode>();
  /** The resource this client waits for, if any. */
  waitingFor: string | undefined;

  constructor(id: number) {
    this.id = id;
  }
}

interface Waiter {
  readonly client: LockClient;
  readonly mode: LockMode;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

interface LockEntry {
  /** Holders and the mode each holds. */
  readonly holders: Map<LockClient, LockMode>;
  readonly queue: Waiter[];
}

export class LockManager {
  readonly #locks = new Map<string, LockEntry>();
  #deadlocks = 0;

  /** Deadlocks detected since start. */
  get deadlocks(): number {
    return this.#deadlocks;
  }

  /**
   * Acquires `resource` in `mode` for `client`. Returns undefined when granted at once
   * (the common, allocation-free case) and a promise otherwise.
   */
  acquire(client: LockClient, resource: string, mode: LockMode): Promise<void> | undefined {
    const already = client.held.get(resource);
    if (already === 'exclusive' || already === mode) return undefined;

    let entry = this.#locks.get(resource);
    if (entry === undefined) {
      entry = { holders: new Map(), queue: [] };
      this.#locks.set(resource, entry);
    }
    if (this.#grantable(entry, client, mode, already !== undefined)) {
      this.#grant(entry, client, resource, mode);
      return undefined;
    }
    if (this.#wouldDeadlock(client, entry, already !== undefined)) {
      this.#deadlocks++;
      return Promise.reject(
        new Neo4jError(
          'Neo.TransientError.Transaction.DeadlockDetected',
          `ForsetiClient[${client.id}] can't acquire ${mode} lock on ${resource}: it would wait for transactions that wait for it. ` +
            'The transaction was chosen as the deadlock victim; roll it back and retry.',
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { client, mode, resolve, reject };
      // An upgrade waits only for the other shared holders to leave: put it first.
      if (already !== undefined) entry.queue.unshift(waiter);
      else entry.queue.push(waiter);
      client.waitingFor = resource;
    });
  }

  /** Releases every lock of `client` and fails a wait it may still have. */
  releaseAll(client: LockClient): void {
    if (client.waitingFor !== undefined) {
      const entry = this.#locks.get(client.waitingFor);
      if (entry !== undefined) {
        const index = entry.queue.findIndex((waiter) => waiter.client === client);
        if (index >= 0) {
          const [waiter] = entry.queue.splice(index, 1);
          waiter!.reject(
            new Neo4jError('Neo.TransientError.Transaction.LockClientStopped', 'The transaction ended while it waited for a lock.'),
          );
        }
      }
      client.waitingFor = undefined;
    }
    for (const resource of client.held.keys()) {
      const entry = this.#locks.get(resource);
      if (entry === undefined) continue;
      entry.holders.delete(client);
      this.#wake(entry, resource);
    }
    client.held.clear();
  }

  /** Resources with at least one holder or waiter (for tests and diagnostics). */
  activeResources(): number {
    return this.#locks.size;
  }

  #grantable(entry: LockEntry, client: LockClient, mode: LockMode, upgrading: boolean): boolean {
    if (entry.holders.size === 0) return entry.queue.length === 0 || upgrading;
    if (mode === 'exclusive') return entry.holders.size === 1 && entry.holders.has(client);
    // shared: compatible with shared holders, and fair to queued writers
    for (const held of entry.holders.values()) if (held === 'exclusive') return false;
    return entry.queue.length === 0;
  }

  #grant(entry: LockEntry, client: LockClient, resource: string, mode: LockMode): void {
    entry.holders.set(client, mode);
    client.held.set(resource, mode);
  }

  #wake(entry: LockEntry, resource: string): void {
    while (entry.queue.length > 0) {
      const head = entry.queue[0]!;
      const ok =
        head.mode === 'exclusive'
          ? entry.holders.size === 0 || (entry.holders.size === 1 && entry.holders.has(head.client))
          : ![...entry.holders.values()].includes('exclusive');
      if (!ok) break;
      entry.queue.shift();
      head.client.waitingFor = undefined;
      this.#grant(entry, head.client, resource, head.mode);
      head.resolve();
      if (head.mode === 'exclusive') break;
    }
    if (entry.holders.size === 0 && entry.queue.length === 0) this.#locks.delete(resource);
  }

  /** Does anyone `requester` would wait for (transitively) wait for `requester`? */
  #wouldDeadlock(requester: LockClient, entry: LockEntry, upgrading: boolean): boolean {
    const seen = new Set<LockClient>();
    const stack: LockClient[] = [];
    for (const holder of entry.holders.keys()) if (holder !== requester) stack.push(holder);
    // A new request queues behind the waiters already there; an upgrade goes first.
    if (!upgrading) for (const waiter of entry.queue) stack.push(waiter.client);
    while (stack.length > 0) {
      const client = stack.pop()!;
      if (client === requester) return true;
      if (seen.has(client)) continue;
      seen.add(client);
      if (client.waitingFor === undefined) continue;
      const next = this.#locks.get(client.waitingFor);
      if (next === undefined) continue;
      for (const holder of next.holders.keys()) if (holder !== client) stack.push(holder);
      // Waiters queued ahead in the same queue are granted first, so they are waited for too.
      for (const waiter of next.queue) {
        if (waiter.client === client) break;
        stack.push(waiter.client);
      }
    }
    return false;
  }
}
