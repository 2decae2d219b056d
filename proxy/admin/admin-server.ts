/**
 * The admin listener (listen.admin): what operators, Prometheus and `graphlb status`
 * ask the proxy.
 *
 *   GET /metrics  Prometheus text from the proxy's registry
 *   GET /status   the status document (status-document.ts) as JSON
 *   GET /healthz  200 `ok` when a master is known; 503 and one line saying why not
 *
 * HEAD is answered like GET without a body. Any other path is 404; another method on a
 * known path is 405 with `Allow`. It is never on the client path, so it builds its
 * answers per request and keeps nothing between them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { SocketAddress } from '../../protocol/config/socket-address.js';
import type { ProxyMetrics, ProxyMetricSources } from './proxy-metrics.js';
import { statusDocument, unhealthyReason } from './status-document.js';

export interface AdminServerOptions {
  readonly address: SocketAddress;
  readonly metrics: ProxyMetrics;
  readonly sources: ProxyMetricSources;
  /** The file the configuration in force came from, and when (epoch ms) it was loaded. */
  readonly config: () => { readonly file: string; readonly loadedAt: number };
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly logger: Logger;
}

const allow = 'GET, HEAD';

export class AdminServer {
  readonly #server: http.Server;
  readonly #options: AdminServerOptions;

  private constructor(server: http.Server, options: AdminServerOptions) {
    this.#server = server;
    this.#options = options;
  }

  /** Listens on options.address; rejects with the listen error (EADDRINUSE, ...). */
  static async listen(options: AdminServerOptions): Promise<AdminServer> {
    const server = http.createServer();
    const admin = new AdminServer(server, options);
    server.on('request', (req, res) => admin.#answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.address.port, options.address.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return admin;
  }

  /** The bound address (the real port when the configuration said 0). */
  address(): SocketAddress {
    const bound = this.#server.address() as AddressInfo;
    return { host: bound.address, port: bound.port };
  }

  /** Stops listening and ends every connection (admin requests are short; none is waited for long). */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = (req.url ?? '/').split('?', 1)[0];
    const route = path === '/metrics' ? this.#metrics : path === '/status' ? this.#status : path === '/healthz' ? this.#healthz : undefined;
    if (route === undefined) {
      send(req, res, 404, 'text/plain; charset=utf-8', `no such admin path ${path}; expected /metrics, /status or /healthz\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', allow);
      send(req, res, 405, 'text/plain; charset=utf-8', `${req.method ?? '?'} is not allowed on ${path}; expected ${allow}\n`);
      return;
    }
    route.call(this, req, res).catch((error: unknown) => {
      this.#options.logger.error({ event: 'admin_request_failed', path, err: error }, `admin ${path} failed`);
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', `the proxy could not answer ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
      else res.destroy();
    });
  }

  async #metrics(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const registry = this.#options.metrics.registry;
    send(req, res, 200, registry.contentType, await registry.metrics());
  }

  async #status(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { sources, metrics } = this.#options;
    const shardedReads = new Map<string, number>();
    for (const { labels, value } of (await metrics.shardedReads.get()).values) {
      if (typeof labels.member === 'string') shardedReads.set(labels.member, value);
    }
    const config = this.#options.config();
    const document = statusDocument({
      snapshot: sources.cluster(),
      inFlight: sources.inFlight(),
      shardedReads,
      activeHolds: sources.activeHolds(),
      openTransactions: sources.openTransactions(),
      configFile: config.file,
      configLoadedAt: config.loadedAt,
      startedAt: this.#options.startedAt,
    });
    send(req, res, 200, 'application/json; charset=utf-8', `${JSON.stringify(document, null, 2)}\n`);
  }

  async #healthz(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const reason = unhealthyReason(this.#options.sources.cluster());
    if (reason === undefined) send(req, res, 200, 'text/plain; charset=utf-8', 'ok\n');
    else send(req, res, 503, 'text/plain; charset=utf-8', `${reason}\n`);
  }
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
