/**
 * The scheme and authority a client reached this instance under, for the URLs the
 * instance hands back (Location and commit URLs, the discovery document). Like Neo4j:
 * X-Forwarded-Proto and X-Forwarded-Host when a proxy set them, else the Host header,
 * else the address the connector is bound to. Header values that are not a plain
 * host[:port] are ignored, so a client cannot inject text into the URLs.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { formatSocketAddress, type SocketAddress } from '../../protocol/config/socket-address.js';

const hostPattern = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;

export interface RequestOrigin {
  readonly scheme: 'http' | 'https';
  /** host[:port] as the client wrote it (IPv6 in brackets). */
  readonly authority: string;
  /** The host alone, IPv6 without brackets: for URLs of other ports (Bolt). */
  readonly host: string;
}

export function requestOrigin(headers: IncomingHttpHeaders, bound: SocketAddress): RequestOrigin {
  const proto = firstValue(headers['x-forwarded-proto'])?.toLowerCase();
  const scheme = proto === 'https' ? 'https' : 'http';
  for (const candidate of [firstValue(headers['x-forwarded-host']), headers.host]) {
    const match = candidate === undefined ? null : hostPattern.exec(candidate);
    if (match !== null) return { scheme, authority: candidate!, host: unbracket(match[1]!) };
  }
  return { scheme, authority: formatSocketAddress(bound), host: bound.host };
}

/** `http://host:port`, without a trailing slash. */
export function requestBaseUrl(headers: IncomingHttpHeaders, bound: SocketAddress): string {
  const origin = requestOrigin(headers, bound);
  return `${origin.scheme}://${origin.authority}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  return text?.split(',')[0]?.trim();
}

function unbracket(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}
