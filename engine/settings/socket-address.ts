/**
 * Listen and peer addresses, as written in neo4j.conf: `host:port`.
 *
 *   127.0.0.1:7474   localhost:7687   0.0.0.0:5001   [::1]:7474   :7474
 *
 * An IPv6 host goes in brackets. An empty host (":7474") means 127.0.0.1, Neo4j's
 * default listen address. Port 0 asks the operating system for any free port, which
 * tests use; the engine logs the port it got.
 */

export interface SocketAddress {
  readonly host: string;
  readonly port: number;
}

const addressPattern = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]*)):(\d{1,5})$/;

/** The address, or undefined when `text` is not `host:port`. */
export function parseSocketAddress(text: string): SocketAddress | undefined {
  const match = addressPattern.exec(text);
  if (match === null) return undefined;
  const port = Number(match[3]);
  if (port > 65535) return undefined;
  const host = match[1] ?? match[2] ?? '';
  if (host.startsWith('-') || host.endsWith('-')) return undefined;
  return { host: host === '' ? '127.0.0.1' : host, port };
}

/** `host:port`, with an IPv6 host in brackets, as a URL authority wants it. */
export function formatSocketAddress(address: SocketAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
