/**
 * The messages HA members exchange, as JSON objects (the cluster channel carries them as
 * the JSON part of a frame). Ticks in `stamp` and `echo` are the MASTER's own clock: a slave
 * only ever returns a stamp it received, so no two clocks are compared.
 *
 *   heartbeat       every member, every heartbeat interval, to all
 *     { type: 'heartbeat', epoch, role, master, lastTxId, slaveOnly, suspects, stamp, echo }
 *       epoch    the epoch of the sender's role (the master it follows or is)
 *       master   the master it follows or is; null when pending
 *       suspects server ids it has not heard from within the heartbeat timeout
 *       stamp    the sender's tick count when sent (read by slaves of this sender only)
 *       echo     for a slave: the stamp of the newest heartbeat it received from its master
 *                in this epoch (the master's write lease); null otherwise
 *   vote            a voter's ballot for an epoch, to all
 *     { type: 'vote', epoch, candidate }
 *   master_elected  the winner, to all, once it holds a majority of votes
 *     { type: 'master_elected', epoch, master, stamp }
 */

export type HaRole = 'pending' | 'slave' | 'master';

export interface HeartbeatMessage {
  type: 'heartbeat';
  epoch: number;
  role: HaRole;
  master: number | null;
  lastTxId: number;
  slaveOnly: boolean;
  suspects: number[];
  stamp: number;
  echo: number | null;
}

export interface VoteMessage {
  type: 'vote';
  epoch: number;
  candidate: number;
}

export interface MasterElectedMessage {
  type: 'master_elected';
  epoch: number;
  master: number;
  stamp: number;
}

export type HaMessage = HeartbeatMessage | VoteMessage | MasterElectedMessage;

/** Checks a message that arrived as untrusted JSON; returns undefined when it is not one. */
export function parseHaMessage(value: unknown): HaMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'heartbeat':
      return count(m['epoch']) &&
        (m['role'] === 'pending' || m['role'] === 'slave' || m['role'] === 'master') &&
        (m['master'] === null || count(m['master'])) &&
        count(m['lastTxId']) &&
        typeof m['slaveOnly'] === 'boolean' &&
        Array.isArray(m['suspects']) &&
        m['suspects'].every(count) &&
        count(m['stamp']) &&
        (m['echo'] === null || count(m['echo']))
        ? (m as unknown as HeartbeatMessage)
        : undefined;
    case 'vote':
      return count(m['epoch']) && count(m['candidate']) ? (m as unknown as VoteMessage) : undefined;
    case 'master_elected':
      return count(m['epoch']) && count(m['master']) && count(m['stamp']) ? (m as unknown as MasterElectedMessage) : undefined;
    default:
      return undefined;
  }
}

function count(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
