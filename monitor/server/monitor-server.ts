/**
 * The monitor's listener (design.md section 6, `listen`):
 *
 *   GET /              the status page (and /status.css, /status.js)
 *   GET /metrics       Prometheus text: graphlb_cluster_*, graphlb_monitor_*, process
 *   GET /api/cluster   the model's snapshot as JSON (members, master, lag, views, lastEvents)
 *   GET /healthz       200 `ok` once the first round is in, else 503
 *   WebSocket /live    see live-hub.ts
 *
 * HEAD is answered like GET without a body; any other path is 404, another method 405.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ClusterState } from '../model/cluster-state.js';
import { livePath, type LiveHub } from './live-hub.js';
import type { MonitorMetrics } from './monitor-metrics.js';
import type { PageAsset } from './page-assets.js';

export interface MonitorServerOptions {
  readonly host: string;
  readonly port: number;
  readonly metrics: MonitorMetrics;
  readonly snapshot: () => ClusterState;
  readonly live: LiveHub;
  readonly assets: ReadonlyMap<string, PageAsset>;
}

const allow = 'GET, HEAD';

export class MonitorServer {
  readonly #server: http.Server;
  readonly #options: MonitorServerOptions;

  private constructor(server: http.Server, options: MonitorServerOptions) {
    this.#server = server;
    this.#options = options;
  }

  /** Listens on host:port; rejects with the listen error (EADDRINUSE, ...). */
  static async listen(options: MonitorServerOptions): Promise<MonitorServer> {
    const server = http.createServer();
    const monitor = new MonitorServer(server, options);
    server.on('request', (req, res) => monitor.#answer(req, res));
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => monitor.#upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return monitor;
  }

  /** The bound address (the real port when the configuration said 0). */
  address(): { readonly host: string; readonly port: number } {
    const bound = this.#server.address() as AddressInfo;
    return { host: bound.address, port: bound.port };
  }

  async close(): Promise<void> {
    this.#options.live.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    if (pathOf(req) !== livePath) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.#options.live.upgrade(req, socket, head);
  }

  #answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = pathOf(req);
    const known = path === '/metrics' || path === '/api/cluster' || path === '/healthz' || this.#options.assets.has(path);
    if (!known) return send(req, res, 404, 'text/plain; charset=utf-8', `no such path: ${path}; try /, /metrics, /api/cluster or WebSocket /live\n`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', allow);
      return send(req, res, 405, 'text/plain; charset=utf-8', `${req.method} is not allowed on ${path}; use ${allow}\n`);
    }
    if (path === '/metrics') {
      const registry = this.#options.metrics.registry;
      registry.metrics().then(
        (text) => send(req, res, 200, registry.contentType, text),
        (error: unknown) => send(req, res, 500, 'text/plain; charset=utf-8', `collecting metrics failed: ${String(error)}\n`),
      );
      return;
    }
    if (path === '/api/cluster') return send(req, res, 200, 'application/json', JSON.stringify(this.#options.snapshot()));
    if (path === '/healthz') {
      const ready = this.#options.snapshot().at !== null;
      return send(req, res, ready ? 200 : 503, 'text/plain; charset=utf-8', ready ? 'ok\n' : 'no scrape round finished yet\n');
    }
    const asset = this.#options.assets.get(path)!;
    res.setHeader('cache-control', 'no-cache');
    send(req, res, 200, asset.contentType, asset.body);
  }
}

function pathOf(req: http.IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(req.method === 'HEAD' ? undefined : body);
}
