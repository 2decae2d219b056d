/**
 * Which headers travel from client to member and back (RFC 9110 section 7.6.1): the
 * hop-by-hop ones (Connection and every header it names, Keep-Alive, Proxy-Authenticate,
 * Proxy-Authorization, TE, Trailer, Transfer-Encoding, Upgrade) belong to one connection
 * and are dropped; the proxy adds X-Forwarded-For (appended), -Proto and -Host.
 *
 * The member's Host header is its own (undici writes it from the pool's origin); the
 * client's Host goes in X-Forwarded-Host, which the engine builds its URLs from
 * (engine/http/base-url.ts), so Location and commit URLs name the proxy.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeader } from 'node:http';

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

// Also not copied to the member: host and the forwarding headers are written anew;
// content-length is undici's (the body is a buffer); Expect is answered by the proxy's
// own server (undici refuses to send it).
const requestOnlyHere = new Set(['host', 'content-length', 'expect', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host']);

/**
 * The names a Connection header lists, lower case; undefined when there is none, or when
 * it lists only `keep-alive` (the usual one), which is dropped as hop-by-hop anyway.
 */
function connectionListed(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined || (typeof value === 'string' && value.length === 10 && value.toLowerCase() === 'keep-alive')) return undefined;
  const names = new Set<string>();
  for (const part of (Array.isArray(value) ? value.join(',') : value).split(',')) {
    const name = part.trim().toLowerCase();
    if (name !== '') names.add(name);
  }
  return names;
}

/**
 * The headers to send the member, as undici's flat [name, value, ...] list, built from
 * the client's raw headers so repeated headers and their order survive.
 */
export function upstreamHeaders(req: IncomingMessage): string[] {
  const raw = req.rawHeaders;
  const listed = connectionListed(req.headers.connection);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (hopByHop.has(lower) || requestOnlyHere.has(lower) || listed?.has(lower) === true) continue;
    out.push(name, raw[i + 1]!);
  }
  const peer = req.socket.remoteAddress ?? 'unknown';
  const prior = req.headers['x-forwarded-for'];
  out.push('x-forwarded-for', prior === undefined ? peer : `${Array.isArray(prior) ? prior.join(', ') : prior}, ${peer}`);
  // Set, not passed on: a client must not choose the scheme the engine writes into URLs.
  out.push('x-forwarded-proto', 'encrypted' in req.socket && req.socket.encrypted === true ? 'https' : 'http');
  const host = req.headers.host;
  if (host !== undefined) out.push('x-forwarded-host', host);
  return out;
}

/**
 * The member's response headers without the hop-by-hop ones, for the client's response,
 * as the flat [name, value, ...] list writeHead takes without building an object.
 */
export function downstreamHeaders(headers: IncomingHttpHeaders, dropContentLength: boolean): OutgoingHttpHeader[] {
  const listed = connectionListed(headers.connection);
  const out: OutgoingHttpHeader[] = [];
  for (const name in headers) {
    if (hopByHop.has(name) || listed?.has(name) === true || (dropContentLength && name === 'content-length')) continue;
    const value = headers[name];
    if (value !== undefined) out.push(name, value);
  }
  return out;
}
