/**
 * Why a member that may not write refuses a commit, in Neo4j's codes: a slave names its
 * master (NotALeader, not retryable here: send the write there); a member without a
 * master, or a master whose write lease lapsed, asks for a retry (NoLeaderAvailable).
 */
import { Neo4jError } from '../../../protocol/errors.js';
import type { HaRole } from '../messages.js';

export function writeRefusal(serverId: number, role: HaRole, master: number | undefined): Neo4jError {
  if (role === 'slave' && master !== undefined) {
    return new Neo4jError(
      'Neo.ClientError.Cluster.NotALeader',
      `HA member ${serverId} is a slave and does not accept writes; member ${master} is the master: send writes to it (GET /db/manage/server/ha/master answers 200 there).`,
    );
  }
  const why =
    role === 'master'
      ? `HA member ${serverId} is master but has not heard from a majority of the cluster within ha.heartbeat_timeout, so it may have been replaced`
      : `HA member ${serverId} knows no master (an election is under way or too few members are reachable)`;
  return new Neo4jError('Neo.TransientError.Cluster.NoLeaderAvailable', `${why}; retry the write once a master is elected.`);
}

/**
 * A commit that became durable here after this member stopped being the master of its
 * epoch: it may be set aside as a branch when the member rejoins, or survive if a slave
 * it was pushed to became master. The client must find out before retrying.
 */
export function commitOutcomeUnknown(serverId: number, txId: number, epoch: number, role: HaRole, currentEpoch: number): Neo4jError {
  return new Neo4jError(
    'Neo.DatabaseError.Transaction.TransactionCommitFailed',
    `The outcome of this commit is unknown: member ${serverId} wrote it as transaction ${txId} in epoch ${epoch}, ` +
      `but is no longer the master of that epoch (now ${role === 'pending' ? 'without a role' : role} in epoch ${currentEpoch}). ` +
      'It is kept only if a member it reached becomes master; check whether it took effect before retrying it.',
  );
}
