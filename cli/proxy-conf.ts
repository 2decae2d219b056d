/**
 * The proxy configuration `graphlb up` writes to <data>/proxy.yaml when there is none:
 * design.md's ports (HTTP 7474, Bolt 7687, admin 7475), flavor ha, one member per engine
 * instance at the addresses of its settings, and everything else at its default (see
 * conf/proxy.yaml). The password never goes into the file: with credentials it says
 * `${GRAPHLB_PASSWORD}`, and `up` hands the value to the proxy in its environment.
 */
import { formatSocketAddress, type SocketAddress } from '../protocol/config/socket-address.js';
import { reachable } from './reachable-address.js';

export const proxyPorts = { http: 7474, bolt: 7687, admin: 7475 } as const;

export interface ProxyMemberAddresses {
  readonly name: string;
  readonly http: SocketAddress;
  readonly bolt: SocketAddress;
}

/** `user` undefined: the members need no credentials for health checks. */
export function renderProxyConf(members: readonly ProxyMemberAddresses[], user: string | undefined): string {
  const lines = [
    '# The routing proxy of `graphlb up`, written when missing and reused on every start with',
    '# the same --data: edit it freely (SIGHUP to the proxy reloads it). Every setting is',
    "# documented in graphlb's conf/proxy.yaml.",
    `listen: { http: 127.0.0.1:${proxyPorts.http}, bolt: 127.0.0.1:${proxyPorts.bolt}, admin: 127.0.0.1:${proxyPorts.admin} }`,
    'cluster:',
    '  flavor: ha',
    '  members:',
    ...members.map((m) => `    - { name: ${m.name}, http: http://${formatSocketAddress(reachable(m.http))}, bolt: ${formatSocketAddress(reachable(m.bolt))} }`),
  ];
  if (user !== undefined) {
    lines.push('  # For health checks (the High Availability bean asks for credentials); `graphlb up`', '  # passes the password in the environment, never in this file.');
    lines.push(`  auth: { user: ${user}, password: \${GRAPHLB_PASSWORD} }`);
  }
  return `${lines.join('\n')}\n`;
}

