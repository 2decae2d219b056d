/**
 * A response body written as it is produced: while it stays small it is held and sent
 * in one write with a Content-Length (the common case: one network write per answer);
 * once it passes {@link flushBytes} it goes out chunked, piece by piece, so that a large
 * result is never held as one string. The status and headers are fixed when the stream
 * is opened, because the first piece may leave before the last statement has run.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

export const jsonContentType = 'application/json; charset=utf-8';

/** Characters held before the body switches to chunked writes. */
const flushBytes = 64 * 1024;

export class ResponseStream {
  readonly #response: ServerResponse;
  readonly #status: number;
  readonly #headers: OutgoingHttpHeaders;
  #pending = '';
  #streaming = false;

  constructor(response: ServerResponse, status: number, headers: OutgoingHttpHeaders = {}) {
    this.#response = response;
    this.#status = status;
    this.#headers = { 'Content-Type': jsonContentType, ...headers };
  }

  write(text: string): void {
    this.#pending += text;
    if (this.#pending.length < flushBytes) return;
    if (!this.#streaming) {
      this.#streaming = true;
      this.#response.writeHead(this.#status, this.#headers);
    }
    this.#response.write(this.#pending);
    this.#pending = '';
  }

  end(text: string): void {
    const rest = this.#pending + text;
    this.#pending = '';
    if (!this.#streaming) this.#response.writeHead(this.#status, { ...this.#headers, 'Content-Length': Buffer.byteLength(rest) });
    this.#response.end(rest);
  }
}
