/**
 * The proxy's configuration after loading: every default applied, durations in
 * milliseconds, addresses parsed, pin patterns compiled. Routing code reads this and
 * never the YAML, so a reload (SIGHUP) is `loadProxyConfig` again, keeping the old
 * value when the new file is refused.
 */
import type { HttpOrigin, SocketAddress } from '../../protocol/config/socket-address.js';

export type ClusterFlavor = 'ha' | 'causal' | 'neo4j5';
export type ReadTargets = 'slaves' | 'all';
export type Balance = 'least-outstanding' | 'round-robin';

export interface MemberConfig {
  readonly name: string;
  readonly http: HttpOrigin;
  /** Undefined when the member's Bolt address is not given (Bolt routing comes later). */
  readonly bolt: SocketAddress | undefined;
}

export interface ClusterAuth {
  readonly user: string;
  readonly password: string;
}

/** Where a request's shard key is read from; the first one present wins. */
export type ShardKeySource =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'urlParam'; readonly name: string }
  | { readonly kind: 'parameter'; readonly name: string };

export interface ShardPin {
  readonly match: RegExp;
  readonly member: string;
}

export interface ProxyConfig {
  readonly listen: { readonly http: SocketAddress; readonly bolt: SocketAddress; readonly admin: SocketAddress };
  readonly cluster: {
    readonly flavor: ClusterFlavor;
    readonly members: readonly MemberConfig[];
    /** Undefined: health checks go without credentials. */
    readonly auth: ClusterAuth | undefined;
  };
  readonly health: { readonly intervalMs: number; readonly timeoutMs: number; readonly rise: number; readonly fall: number };
  readonly routing: {
    readonly reads: ReadTargets;
    readonly balance: Balance;
    readonly maxLagTx: number;
    readonly writeHoldMs: number;
  };
  readonly sharding: {
    readonly keys: readonly ShardKeySource[];
    readonly vnodes: number;
    /** 0 = bounded load off; otherwise > 1. */
    readonly loadFactor: number;
    readonly pins: readonly ShardPin[];
  };
  readonly forwarding: {
    readonly connectionsPerMember: number;
    readonly connectTimeoutMs: number;
    /** Time to the response headers, and the longest silence within a response body. */
    readonly responseTimeoutMs: number;
    readonly idleTimeoutMs: number;
    readonly maxRequestBodyBytes: number;
  };
  /** Procedures a CALL may use and still count as a read. */
  readonly readProcedures: readonly string[];
}
