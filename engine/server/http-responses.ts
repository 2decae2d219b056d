/**
 * How the engine's HTTP connector writes its answers: JSON bodies, Neo4j's error body
 * `{"errors":[{"code":"Neo...","message":"..."}]}`, and the raw 400 for a request too
 * malformed for node:http to hand over.
 */
import type { ServerResponse } from 'node:http';
import type { StatusCode } from '../../protocol/errors.js';

export function sendBody(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  // A HEAD answer has the headers of the GET answer and no body.
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendBody(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

export function sendEmpty(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'Content-Length': 0 });
  response.end();
}

export function sendError(
  response: ServerResponse,
  status: number,
  code: StatusCode,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  sendJson(response, status, { errors: [{ code, message }] });
}

/** The raw answer to a request node:http could not parse; the connection is closed after it. */
export function malformedRequestAnswer(status: 400 | 408 | 431, reason: string): string {
  const text = status === 400 ? 'Bad Request' : status === 408 ? 'Request Timeout' : 'Request Header Fields Too Large';
  const body = JSON.stringify({
    errors: [{ code: 'Neo.ClientError.Request.InvalidFormat', message: `${reason}; expected an HTTP/1.1 request` }],
  });
  return (
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}
