/**
 * Addresses in graphlb's configuration files: `host:port` for listeners, peers and Bolt
 * (the proxy's and monitor's YAML, and neo4j.conf), and an http(s) origin
 * (`http://host:port`) for a member's HTTP endpoint.
 *
 *   127.0.0.1:7474   localhost:7687   0.0.0.0:7475   [::1]:7474
 *
 * An IPv6 host goes in brackets. Port 0 asks the OS for a free port (tests use it).
 */

export interface SocketAddress {
  readonly host: string;
  readonly port: number;
}

/** A member's HTTP endpoint: where health checks and forwarded requests go. */
export interface HttpOrigin extends SocketAddress {
  readonly protocol: 'http:' | 'https:';
  /** `http://host:port`, no path, ready to prefix a request path with. */
  readonly origin: string;
}

const addressPattern = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;

/** The address, or undefined when `text` is not `host:port`. */
export function parseSocketAddress(text: string): SocketAddress | undefined {
  const match = addressPattern.exec(text);
  if (match === null) return undefined;
  const port = Number(match[3]);
  if (port > 65535) return undefined;
  const host = match[1] ?? match[2] ?? '';
  if (host.startsWith('-') || host.endsWith('-')) return undefined;
  return { host, port };
}

/** `host:port`, with an IPv6 host in brackets, as a URL authority wants it. */
export function formatSocketAddress(address: SocketAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/** The origin, or undefined unless `text` is `http(s)://host:port` with at most a `/` after it. */
export function parseHttpOrigin(text: string): HttpOrigin | undefined {
  const match = /^(https?):\/\/([^/?#]+)\/?$/.exec(text);
  if (match === null) return undefined;
  const address = parseSocketAddress(match[2] ?? '');
  if (address === undefined) return undefined;
  const protocol = match[1] === 'https' ? 'https:' : 'http:';
  return { ...address, protocol, origin: `${protocol}//${formatSocketAddress(address)}` };
}
