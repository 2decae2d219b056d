/**
 * The HTTP side of the proxy (issue 5): every client request goes through handle(),
 * which reads it, routes it (writes to the master, reads to slaves, open transactions
 * to their member) and streams the member's answer back. forward-exchange.ts follows one
 * request; this class holds what requests share: the routing built from the
 * configuration, the member pools, the write hold, the transaction tokens and counts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ProxyMetrics } from '../admin/proxy-metrics.js';
import type { ProxyConfig } from '../config/proxy-config.js';
import type { ClusterView } from '../discovery/cluster-snapshot.js';
import { RequestClassifier } from '../routing/request-class.js';
import { shardKeyExtractor, type ShardKeySource } from '../routing/shard-key.js';
import { Exchange, type ForwardContext, type Routing } from './forward-exchange.js';
import { MemberPools } from './member-pools.js';
import { OpenTransactions } from './open-transactions.js';
import { ReadBalancer } from './read-balancer.js';
import { TransactionTokens } from './transaction-token.js';
import { WriteHold } from './write-hold.js';

export interface ForwarderOptions {
  readonly config: ProxyConfig;
  readonly cluster: ClusterView;
  readonly metrics: ProxyMetrics;
  readonly logger: Logger;
  /** Names this proxy run in transaction tokens; random unless a test fixes it. */
  readonly tokenNonce?: string;
}

/** What the exchanges share; kept off the forwarder's public surface. */
class SharedState implements ForwardContext {
  routing: Routing;
  closed = false;
  readonly pools: MemberPools;
  readonly cluster: ClusterView;
  readonly metrics: ProxyMetrics;
  readonly logger: Logger;
  readonly hold: WriteHold;
  readonly tokens: TransactionTokens;
  readonly open = new OpenTransactions();
  readonly inFlightCounts = new Map<string, number>();
  readonly inFlightOf = (member: string): number => this.inFlightCounts.get(member) ?? 0;

  constructor(options: ForwarderOptions) {
    this.cluster = options.cluster;
    this.metrics = options.metrics;
    this.logger = options.logger;
    this.tokens = new TransactionTokens(options.tokenNonce);
    this.routing = buildRouting(options.config);
    this.pools = new MemberPools(options.config);
    this.hold = new WriteHold(options.cluster, options.metrics, options.logger);
  }
}

export class HttpForwarder {
  readonly #state: SharedState;

  constructor(options: ForwarderOptions) {
    this.#state = new SharedState(options);
  }

  /** The client-facing server's request listener. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    new Exchange(this.#state, req, res).start();
  }

  /**
   * A new configuration (SIGHUP): a new classifier, ring and pools for changed members.
   * Requests already under way keep the routing they arrived under and finish on the
   * pools they were sent on (a replaced pool closes once they are done).
   */
  reconfigure(config: ProxyConfig): void {
    this.#state.routing = buildRouting(config);
    this.#state.pools.reconfigure(config);
  }

  /** Requests forwarded to each member and not yet answered; members with none are absent. */
  inFlight(): ReadonlyMap<string, number> {
    return this.#state.inFlightCounts;
  }

  openTransactions(): number {
    return this.#state.open.count(Date.now());
  }

  activeHolds(): number {
    return this.#state.hold.active;
  }

  /** Answers held writes 503, refuses new requests, and closes the pools once their requests finish. */
  async close(): Promise<void> {
    if (this.#state.closed) return;
    this.#state.closed = true;
    this.#state.hold.close();
    await this.#state.pools.close();
  }
}

function buildRouting(config: ProxyConfig): Routing {
  const sources = config.sharding.keys.map((key): ShardKeySource => (key.kind === 'header' ? { header: key.name } : key.kind === 'urlParam' ? { urlParam: key.name } : { parameter: key.name }));
  return {
    config,
    classifier: new RequestClassifier({ readProcedures: config.readProcedures }),
    shardKey: shardKeyExtractor(sources),
    balancer: new ReadBalancer(config),
    known: new Set(config.cluster.members.map((member) => member.name)),
  };
}
