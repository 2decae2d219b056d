/**
 * The scheme and authority a client reached this instance under, for the URLs the HTTP
 * API hands back (Location, commit). Like Neo4j: X-Forwarded-Proto and X-Forwarded-Host
 * when a proxy set them, else the Host header, else the address the connector is bound
 * to. Header values that are not a plain host[:port] are ignored, so a client cannot
 * inject text into the URLs.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { formatSocketAddress, type SocketAddress } from '../settings/socket-address.js';

const hostPattern = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/;

/** `http://host:port`, without a trailing slash. */
export function requestBaseUrl(headers: IncomingHttpHeaders, bound: SocketAddress): string {
  const proto = firstValue(headers['x-forwarded-proto'])?.toLowerCase();
  const scheme = proto === 'https' || proto === 'http' ? proto : 'http';
  const forwarded = firstValue(headers['x-forwarded-host']);
  if (forwarded !== undefined && hostPattern.test(forwarded)) return `${scheme}://${forwarded}`;
  const host = headers.host;
  if (host !== undefined && hostPattern.test(host)) return `${scheme}://${host}`;
  return `${scheme}://${formatSocketAddress(bound)}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  return text?.split(',')[0]?.trim();
}
