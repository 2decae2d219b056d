/**
 * The proxy's code names addresses from here; the parsers live with the YAML format
 * the proxy and the monitor share, in protocol/config/.
 */
export { parseHttpOrigin, parseSocketAddress } from '../../protocol/config/socket-address.js';
export type { HttpOrigin, SocketAddress } from '../../protocol/config/socket-address.js';
