/**
 * One undici Pool per member: keep-alive connections (at most
 * forwarding.connectionsPerMember), connect and response timeouts. A reload keeps the
 * pool of a member whose origin and forwarding settings did not change; a replaced or
 * removed member's pool is closed gracefully, so requests already on it finish there.
 */
import { Pool } from 'undici';
import type { ProxyConfig } from '../config/proxy-config.js';

interface MemberPool {
  readonly origin: string;
  readonly settings: ProxyConfig['forwarding'];
  readonly pool: Pool;
}

export class MemberPools {
  #pools = new Map<string, MemberPool>();

  constructor(config: ProxyConfig) {
    this.reconfigure(config);
  }

  get(member: string): Pool | undefined {
    return this.#pools.get(member)?.pool;
  }

  reconfigure(config: ProxyConfig): void {
    const next = new Map<string, MemberPool>();
    const settings = config.forwarding;
    for (const member of config.cluster.members) {
      const current = this.#pools.get(member.name);
      if (current !== undefined && current.origin === member.http.origin && sameSettings(current.settings, settings)) {
        next.set(member.name, current);
      } else {
        next.set(member.name, { origin: member.http.origin, settings, pool: createPool(member.http.origin, settings) });
      }
    }
    for (const [name, old] of this.#pools) {
      if (next.get(name) !== old) void old.pool.close().catch(() => undefined);
    }
    this.#pools = next;
  }

  /** Closes every pool once its requests have finished. */
  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools = new Map();
    await Promise.all(pools.map((entry) => entry.pool.close().catch(() => undefined)));
  }
}

function createPool(origin: string, settings: ProxyConfig['forwarding']): Pool {
  return new Pool(origin, {
    connections: settings.connectionsPerMember,
    pipelining: 1,
    connect: { timeout: settings.connectTimeoutMs },
    headersTimeout: settings.responseTimeoutMs,
    bodyTimeout: settings.responseTimeoutMs,
    keepAliveTimeout: settings.idleTimeoutMs,
    keepAliveMaxTimeout: settings.idleTimeoutMs,
  });
}

function sameSettings(a: ProxyConfig['forwarding'], b: ProxyConfig['forwarding']): boolean {
  return (
    a.connectionsPerMember === b.connectionsPerMember &&
    a.connectTimeoutMs === b.connectTimeoutMs &&
    a.responseTimeoutMs === b.responseTimeoutMs &&
    a.idleTimeoutMs === b.idleTimeoutMs
  );
}
