/**
 * WebSocket `/live`: on connect a `hello` (the snapshot and the recent rounds), then a
 * `round` after every round and an `event` for each event as it happens. Messages are
 * JSON text. A client that does not read (its socket buffers more than maxBufferedBytes)
 * is dropped, never buffered without end: the page reconnects and starts from a fresh
 * hello.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClusterEventRecord } from '../model/cluster-event.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { RoundPoint } from './round-history.js';

export type LiveMessage =
  | { readonly type: 'hello'; readonly snapshot: ClusterState; readonly history: readonly RoundPoint[] }
  | { readonly type: 'round'; readonly snapshot: ClusterState; readonly point: RoundPoint }
  | { readonly type: 'event'; readonly event: ClusterEventRecord };

export const livePath = '/live';

export class LiveHub {
  readonly #server = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  readonly #clients = new Set<WebSocket>();
  readonly #maxBufferedBytes: number;
  readonly #hello: () => LiveMessage;
  #dropped = 0;

  constructor(options: { readonly maxBufferedBytes: number; readonly hello: () => LiveMessage }) {
    this.#maxBufferedBytes = options.maxBufferedBytes;
    this.#hello = options.hello;
  }

  get clients(): number {
    return this.#clients.size;
  }

  /** Clients dropped for reading too slowly, so far. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Takes over an HTTP upgrade request for /live. */
  upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#server.handleUpgrade(request, socket, head, (ws) => {
      this.#clients.add(ws);
      ws.on('close', () => this.#clients.delete(ws));
      ws.on('error', () => ws.terminate());
      // Clients have nothing to say; whatever they send is ignored.
      ws.send(JSON.stringify(this.#hello()));
    });
  }

  broadcast(message: LiveMessage): void {
    if (this.#clients.size === 0) return;
    const text = JSON.stringify(message);
    for (const ws of this.#clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > this.#maxBufferedBytes) {
        this.#dropped++;
        this.#clients.delete(ws);
        ws.terminate();
        continue;
      }
      ws.send(text);
    }
  }

  close(): void {
    for (const ws of this.#clients) ws.terminate();
    this.#clients.clear();
    this.#server.close();
  }
}
