/**
 * Reads a request body as UTF-8 text, refusing one larger than
 * graphlb.http.max_request_body_size: by its Content-Length before reading anything, or
 * as soon as the bytes received pass the limit (chunked bodies), so that an oversized
 * body never sits in memory whole.
 */
import type { IncomingMessage } from 'node:http';
import { Neo4jError } from '../../protocol/errors.js';

/** The body is larger than the limit; answered 413. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';

  constructor(readonly limitBytes: number) {
    super(
      `The request body is larger than ${limitBytes} bytes, the most this instance accepts (graphlb.http.max_request_body_size); ` +
        'send fewer or smaller statements and parameters per request, or raise the setting',
    );
  }
}

/** The request ended before its body was complete (the client went away). */
export class BodyAbortedError extends Error {
  override readonly name = 'BodyAbortedError';
}

export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (declared > limitBytes) return Promise.reject(new BodyTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      if (error !== undefined) {
        reject(error);
        return;
      }
      try {
        resolve(decode(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received)));
      } catch (decodeError) {
        reject(decodeError);
      }
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limitBytes) {
        // Stop buffering; what still arrives is discarded until the connection closes.
        chunks.length = 0;
        request.resume();
        settle(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => settle(undefined));
    request.once('close', () => {
      if (!request.complete) settle(new BodyAbortedError('the client closed the connection before sending the whole body'));
    });
    request.once('error', (error) => settle(error));
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Buffer): string {
  if (bytes.length === 0) return '';
  try {
    return utf8.decode(bytes);
  } catch {
    throw new Neo4jError('Neo.ClientError.Request.InvalidFormat', 'Unable to deserialize request: the body is not valid UTF-8; expected JSON text encoded as UTF-8');
  }
}
