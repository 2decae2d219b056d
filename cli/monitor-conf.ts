/**
 * The monitor configuration `graphlb up` writes to <data>/monitor.yaml when there is none:
 * design.md's port (7490), interval 1s, flavor ha, one member per engine instance at the
 * HTTP address of its settings, and everything else at its default (see
 * conf/monitor.yaml). The password never goes into the file: with credentials it says
 * `${GRAPHLB_PASSWORD}`, and `up` hands the value to the monitor in its environment.
 */
import { formatSocketAddress, type SocketAddress } from '../protocol/config/socket-address.js';
import { reachable } from './reachable-address.js';

export const monitorPort = 7490;

export interface MonitorMemberAddress {
  readonly name: string;
  readonly http: SocketAddress;
}

/** `user` undefined: the members need no credentials for the scrapes. */
export function renderMonitorConf(members: readonly MonitorMemberAddress[], user: string | undefined): string {
  const lines = [
    '# The monitor of `graphlb up`, written when missing and reused on every start with the',
    "# same --data: edit it freely (restart `graphlb up` to apply). Every setting is documented",
    "# in graphlb's conf/monitor.yaml.",
    `listen: 127.0.0.1:${monitorPort}`,
    'interval: 1s',
    'cluster:',
    '  flavor: ha',
    '  members:',
    ...members.map((m) => `    - { name: ${m.name}, http: http://${formatSocketAddress(reachable(m.http))} }`),
  ];
  if (user !== undefined) {
    lines.push('  # For the scrapes (the High Availability bean asks for credentials); `graphlb up`', '  # passes the password in the environment, never in this file.');
    lines.push(`  auth: { user: ${user}, password: \${GRAPHLB_PASSWORD} }`);
  }
  return `${lines.join('\n')}\n`;
}

