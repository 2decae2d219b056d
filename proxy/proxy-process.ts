/**
 * `graphlb proxy --config FILE`: the proxy as a process.
 *
 *   load config ── refused ──> one line on stderr (file:line:col), exit code 2
 *   STARTING: discovery's first round of checks, then the client listener (listen.http)
 *     and the admin listener (listen.admin) ── a listener fails ──> one line, exit code 1
 *   RUNNING ── SIGHUP ──> reload(): loadProxyConfig again; applied to discovery and the
 *     forwarder without closing a connection, or refused and the old config kept
 *   RUNNING ── SIGTERM/SIGINT ──> STOPPING: stop accepting, let requests in flight finish
 *     (bounded by stopGraceMs, then their connections are cut), close the forwarder,
 *     discovery and the admin listener ──> STOPPED, exit code 0
 *
 * Bolt routing is not part of this release: listen.bolt is accepted by the config and
 * not bound (logged at start as bolt_not_served).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { AdminServer } from './admin/admin-server.js';
import { ProxyMetrics } from './admin/proxy-metrics.js';
import { configChanges } from '../protocol/config/config-changes.js';
import { loadProxyConfig } from './config/load-proxy-config.js';
import { ProxyConfigError } from './config/proxy-config-error.js';
import type { ProxyConfig } from './config/proxy-config.js';
import type { SocketAddress } from '../protocol/config/socket-address.js';
import { ClusterDiscovery, type DiscoveryOptions } from './discovery/cluster-discovery.js';
import { HttpForwarder } from './http/http-forwarder.js';
import { createProxyHttpServer } from './http/proxy-http-server.js';

/**
 * How long a stop waits for requests in flight before cutting their connections. (The
 * client listener's own timeouts are chosen in http/proxy-http-server.ts: keep-alive
 * 65 s, headers 66 s, no bound on a whole request.)
 */
export const stopGraceMs = 10_000;

export interface RunProxyOptions {
  readonly configFile: string;
  /** Where `${VAR}` in the file is read from. */
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

/** A listener could not be opened (address in use, not permitted, ...). */
export class ProxyListenError extends Error {
  override readonly name = 'ProxyListenError';
}

type State = 'running' | 'stopping' | 'stopped';

export class ProxyProcess {
  readonly #configFile: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #logger: Logger;
  readonly #metrics: ProxyMetrics;
  readonly #discovery: ClusterDiscovery;
  readonly #forwarder: HttpForwarder;
  readonly #server: http.Server;
  readonly #admin: AdminServer;
  readonly #unsubscribe: () => void;
  #config: ProxyConfig;
  /** Read by the admin listener's /status; replaced on every applied reload. */
  readonly #loaded: { file: string; loadedAt: number };
  #state: State = 'running';

  private constructor(parts: {
    configFile: string;
    env: NodeJS.ProcessEnv;
    logger: Logger;
    config: ProxyConfig;
    loaded: { file: string; loadedAt: number };
    metrics: ProxyMetrics;
    discovery: ClusterDiscovery;
    forwarder: HttpForwarder;
    server: http.Server;
    admin: AdminServer;
    unsubscribe: () => void;
  }) {
    this.#configFile = parts.configFile;
    this.#env = parts.env;
    this.#logger = parts.logger;
    this.#config = parts.config;
    this.#loaded = parts.loaded;
    this.#metrics = parts.metrics;
    this.#discovery = parts.discovery;
    this.#forwarder = parts.forwarder;
    this.#server = parts.server;
    this.#admin = parts.admin;
    this.#unsubscribe = parts.unsubscribe;
  }

  /**
   * Starts discovery, the forwarder and both listeners for an already loaded config.
   * Throws ProxyListenError (after closing what it opened) when a listener fails.
   */
  static async start(options: RunProxyOptions & { readonly config: ProxyConfig }): Promise<ProxyProcess> {
    const { config, logger } = options;
    const startedAt = Date.now();
    const loaded = { file: options.configFile, loadedAt: startedAt };
    // The closures below run at scrape time, after every part exists.
    let discovery: ClusterDiscovery | undefined;
    let forwarder: HttpForwarder | undefined;
    const noneInFlight: ReadonlyMap<string, number> = new Map();
    const sources = {
      cluster: () => discovery!.snapshot(),
      inFlight: () => forwarder?.inFlight() ?? noneInFlight,
      openTransactions: () => forwarder?.openTransactions() ?? 0,
      activeHolds: () => forwarder?.activeHolds() ?? 0,
    };
    const metrics = new ProxyMetrics(sources);
    discovery = new ClusterDiscovery(discoveryOptions(config, logger, metrics));
    discovery.start();
    await discovery.firstRound();
    // Finding the master at start is not a change; counted from the first round on.
    let master = discovery.snapshot().master;
    const unsubscribe = discovery.onChange((snapshot) => {
      if (snapshot.master === master) return;
      master = snapshot.master;
      metrics.masterChanges.inc();
    });
    forwarder = new HttpForwarder({ config, cluster: discovery, metrics, logger });

    const server = createProxyHttpServer(forwarder);
    let admin: AdminServer | undefined;
    try {
      await listen(server, config.listen.http, 'listen.http');
      try {
        admin = await AdminServer.listen({
          address: config.listen.admin,
          metrics,
          sources,
          config: () => loaded,
          startedAt,
          logger,
        });
      } catch (error) {
        throw new ProxyListenError(listenProblem('listen.admin', config.listen.admin, error));
      }
    } catch (error) {
      unsubscribe();
      server.close();
      await forwarder.close();
      await discovery.close();
      throw error;
    }
    const proxy = new ProxyProcess({ ...options, loaded, metrics, discovery, forwarder, server, admin, unsubscribe });
    const httpAddress = formatAddress(boundAddress(server));
    const adminAddress = formatAddress(admin.address());
    logger.info(
      { event: 'proxy_started', http: httpAddress, admin: adminAddress, config: options.configFile, members: config.cluster.members.length, master: discovery.snapshot().master ?? null },
      `proxy serving HTTP on ${httpAddress}, admin on ${adminAddress}`,
    );
    logger.info(
      { event: 'bolt_not_served', bolt: formatAddress(config.listen.bolt) },
      `Bolt routing is not served by this release: listen.bolt ${formatAddress(config.listen.bolt)} is not bound; Bolt clients should connect to a member directly`,
    );
    return proxy;
  }

  /** The bound client and admin addresses (real ports when the config said 0). */
  addresses(): { readonly http: SocketAddress; readonly admin: SocketAddress } {
    return { http: boundAddress(this.#server), admin: this.#admin.address() };
  }

  /**
   * SIGHUP: loads the file again. A refused file keeps the config in force; a changed
   * `listen` cannot be applied to open listeners and is kept as it was (with a warning);
   * everything else goes to discovery and the forwarder, no connection closed.
   */
  reload(): 'ok' | 'failed' {
    if (this.#state !== 'running') return 'failed';
    let next: ProxyConfig;
    try {
      next = loadProxyConfig(this.#configFile, this.#env);
    } catch (error) {
      // Whatever went wrong, a reload runs from a signal handler and must never end the process.
      return this.#reloadFailed(error instanceof Error ? error.message : String(error));
    }
    const changes = configChanges(this.#config, next);
    const listenChanges = changes.filter((change) => change.startsWith('listen.'));
    let warning: string | undefined;
    if (listenChanges.length > 0) {
      const kept = this.addresses();
      warning =
        `${listenChanges.join(', ')} cannot change while the proxy runs: still serving HTTP on ${formatAddress(kept.http)} and admin on ${formatAddress(kept.admin)}; ` +
        'restart the proxy to use the new addresses';
      next = { ...next, listen: this.#config.listen };
    }
    try {
      this.#discovery.reconfigure(discoveryOptions(next, this.#logger, this.#metrics));
      this.#forwarder.reconfigure(next);
    } catch (error) {
      // Put back what may have been applied: both parts follow one config.
      this.#discovery.reconfigure(discoveryOptions(this.#config, this.#logger, this.#metrics));
      this.#forwarder.reconfigure(this.#config);
      return this.#reloadFailed(`the new configuration could not be applied (${error instanceof Error ? error.message : String(error)})`);
    }
    this.#config = next;
    this.#loaded.loadedAt = Date.now();
    this.#metrics.configReloads.inc({ outcome: 'ok' });
    const applied = changes.filter((change) => !change.startsWith('listen.'));
    this.#logger.info(
      { event: 'config_reload', outcome: 'ok', file: this.#configFile, changes: applied, ...(warning === undefined ? {} : { warning }) },
      applied.length === 0 ? `configuration reloaded from ${this.#configFile}: nothing changed` : `configuration reloaded from ${this.#configFile}: ${applied.join(', ')}`,
    );
    if (warning !== undefined) this.#logger.warn({ event: 'config_reload_listen_kept', warning }, warning);
    return 'ok';
  }

  #reloadFailed(error: string): 'failed' {
    this.#metrics.configReloads.inc({ outcome: 'failed' });
    this.#logger.error(
      { event: 'config_reload', outcome: 'failed', file: this.#configFile, error },
      `configuration reload refused, the previous one stays in force: ${error}`,
    );
    return 'failed';
  }

  /**
   * Stops accepting clients, waits up to `graceMs` for requests in flight, cuts what is
   * left, then closes the forwarder, discovery and the admin listener.
   */
  async stop(graceMs = stopGraceMs): Promise<void> {
    if (this.#state !== 'running') return;
    this.#state = 'stopping';
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // A keep-alive connection becomes idle once its answer is sent: close it then.
    const idleSweep = setInterval(() => this.#server.closeIdleConnections(), 50);
    this.#server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([closed.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
    clearTimeout(timer);
    clearInterval(idleSweep);
    // Closing the forwarder first answers writes still held for a master with 503 rather
    // than a cut connection; what is still running after that is cut.
    const forwarderClosed = this.#forwarder.close();
    if (!drained) {
      this.#server.closeAllConnections();
      await closed;
    }
    this.#unsubscribe();
    await forwarderClosed;
    await this.#discovery.close();
    await this.#admin.close();
    this.#state = 'stopped';
    this.#logger.info({ event: 'proxy_stopped', drained }, drained ? 'proxy stopped' : `proxy stopped; requests still running after ${graceMs} ms were cut`);
  }
}

/** Runs the proxy until SIGTERM or SIGINT; resolves with the process exit code. */
export async function runProxy(options: RunProxyOptions): Promise<number> {
  let config: ProxyConfig;
  try {
    config = loadProxyConfig(options.configFile, options.env);
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    process.stderr.write(`graphlb proxy: ${error.message}\n`);
    return 2;
  }
  const { logger } = options;
  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  let stopping = false;
  let proxy: ProxyProcess | undefined;
  const onStop = (signal: NodeJS.Signals): void => {
    if (stopping) logger.warn({ event: 'signal_ignored', signal }, `${signal} ignored: the proxy is already stopping`);
    stopping = true;
    signalled(signal);
  };
  const onHangUp = (): void => {
    if (proxy === undefined) logger.warn({ event: 'signal_ignored', signal: 'SIGHUP' }, 'SIGHUP ignored: the proxy is not serving yet');
    else proxy.reload();
  };
  process.on('SIGTERM', onStop);
  process.on('SIGINT', onStop);
  process.on('SIGHUP', onHangUp);
  try {
    try {
      proxy = await ProxyProcess.start({ ...options, config });
    } catch (error) {
      if (!(error instanceof ProxyListenError)) throw error;
      logger.error({ event: 'proxy_failed', error: error.message }, 'proxy failed to start');
      process.stderr.write(`graphlb proxy: ${error.message}\n`);
      return 1;
    }
    const signal = await stopSignal;
    logger.info({ event: 'signal_received', signal }, `${signal} received, stopping`);
    await proxy.stop();
    return 0;
  } finally {
    process.off('SIGTERM', onStop);
    process.off('SIGINT', onStop);
    process.off('SIGHUP', onHangUp);
  }
}

function discoveryOptions(config: ProxyConfig, logger: Logger, metrics: ProxyMetrics): DiscoveryOptions {
  return {
    members: config.cluster.members,
    flavor: config.cluster.flavor,
    auth: config.cluster.auth,
    health: config.health,
    logger,
    onCheck: (member: string, ok: boolean) => metrics.healthChecks.inc({ member, outcome: ok ? 'ok' : 'failed' }),
  };
}

async function listen(server: http.Server, address: SocketAddress, setting: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error): void => reject(new ProxyListenError(listenProblem(setting, address, error)));
    server.once('error', failed);
    server.listen(address.port, address.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

function listenProblem(setting: string, address: SocketAddress, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EADDRINUSE' ? 'the address is in use by another process' : error instanceof Error ? error.message : String(error);
  return `cannot listen on ${setting} ${formatAddress(address)}: ${reason}; expected a free address this user may bind: stop what holds it or change ${setting}`;
}

function boundAddress(server: http.Server): SocketAddress {
  const bound = server.address() as AddressInfo;
  return { host: bound.address, port: bound.port };
}

export function formatAddress(address: SocketAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
