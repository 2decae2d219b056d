/**
 * A node:http server on loopback that records every request (a fake webhook receiver or
 * Alertmanager) and answers with the status `answer` picks; waitFor() awaits a number of
 * requests, bounded.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly at: number;
}

export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  readonly #server: http.Server;
  readonly #waiters = new Set<{ count: number; resolve: () => void }>();

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(answer: (request: RecordedRequest, index: number) => number = () => 200): Promise<RecordingServer> {
    const server = http.createServer();
    const recording = new RecordingServer(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        recording.requests.push(request);
        res.statusCode = answer(request, recording.requests.length - 1);
        res.end(res.statusCode < 300 ? 'ok' : 'try again');
        for (const waiter of recording.#waiters) {
          if (recording.requests.length >= waiter.count) {
            recording.#waiters.delete(waiter);
            waiter.resolve();
          }
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return recording;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Resolves once `count` requests arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs = 5000): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { count, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`${count} requests did not arrive within ${timeoutMs} ms (got ${this.requests.length})`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}
