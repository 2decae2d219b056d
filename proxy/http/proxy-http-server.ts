/**
 * The client-facing HTTP server: node:http in front of an HttpForwarder. Its keep-alive
 * timeout is longer than the usual client's idle pool timeout, so a client reusing a
 * connection rarely finds it closed under its request.
 */
import { createServer, type Server } from 'node:http';
import type { HttpForwarder } from './http-forwarder.js';

/** Client connections idle longer than this are closed (Node's default is 5 s). */
export const CLIENT_KEEP_ALIVE_MS = 65_000;

export function createProxyHttpServer(forwarder: HttpForwarder): Server {
  const server = createServer((req, res) => forwarder.handle(req, res));
  server.keepAliveTimeout = CLIENT_KEEP_ALIVE_MS;
  // Headers must arrive within the keep-alive time plus a margin (Node requires headersTimeout > keepAliveTimeout).
  server.headersTimeout = CLIENT_KEEP_ALIVE_MS + 1000;
  // A request may wait through a write hold and a long query; the proxy bounds those itself.
  server.requestTimeout = 0;
  return server;
}
