/**
 * Where a client on this machine reaches a listener: a wildcard listen address is reached
 * through the loopback interface of its family.
 */
import type { SocketAddress } from '../protocol/config/socket-address.js';

export function reachable(address: SocketAddress): SocketAddress {
  if (address.host === '0.0.0.0') return { host: '127.0.0.1', port: address.port };
  if (address.host === '::') return { host: '::1', port: address.port };
  return address;
}
