/**
 * Listen and peer addresses as neo4j.conf writes them: graphlb's `host:port`
 * (protocol/config/socket-address.ts), plus Neo4j's rule that an empty host (":7474")
 * means 127.0.0.1, its default listen address.
 *
 *   127.0.0.1:7474   localhost:7687   0.0.0.0:5001   [::1]:7474   :7474
 */
import { parseSocketAddress, type SocketAddress } from '../../protocol/config/socket-address.js';

/** The address, or undefined when `text` is not `host:port` or `:port`. */
export function parseListenAddress(text: string): SocketAddress | undefined {
  return parseSocketAddress(text.startsWith(':') ? `127.0.0.1${text}` : text);
}
