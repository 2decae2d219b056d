/**
 * The four endpoints Neo4j's Raft clusters answer, under a flavor's prefix:
 *
 *   endpoint     leader        follower      read replica / secondary
 *   writable     200 "true"    404 "false"   404 "false"
 *   read-only    404 "false"   200 "true"    200 "true"
 *   available    200 "true"    200 "true"    200 "true"
 *   status       200 JSON      200 JSON      200 JSON   ({lastAppliedRaftIndex, memberId, leader, ...})
 *
 * (Neo4j operations manual, "Endpoints for status information"; recorded under
 * test/fixtures/neo4j-cluster/.) Writable and available -> master; read-only and
 * available -> slave; anything else that is still Neo4j's (a member that is not
 * available, between elections) -> unknown. A 404 on status is refused like any other
 * answer that is not Neo4j's: on Neo4j 5 it means the member does not host the database
 * ("Attempting to access endpoints for a database not hosted on a server produces a
 * 404"), but it is also what a member of another flavor answers, and an operator needs
 * to see that in lastError rather than a quiet member that serves nothing.
 */
import type { MemberProbe, ProbeAnswer, ProbeRequest } from './member-probe.js';
import type { MemberReading, MemberRole } from './member-reading.js';
import { ProbeFormatError } from './probe-format-error.js';

const flagExpected = '200 "true" or 404 "false" (Neo4j cluster status endpoint)';
const statusExpected = '200 with a JSON object holding a number lastAppliedRaftIndex (Neo4j cluster status endpoint)';
const notHosted = '; a 404 here means the member does not host this database (Neo4j 4.x/5: check `database`) or is not of this cluster.flavor';

function flag(path: string, answer: ProbeAnswer): boolean {
  const text = answer.body.trim();
  if (answer.status === 200 && text === 'true') return true;
  if (answer.status === 404 && text === 'false') return false;
  throw new ProbeFormatError(path, flagExpected, answer.status, answer.body);
}

function raftIndex(path: string, answer: ProbeAnswer): number {
  if (answer.status !== 200) throw new ProbeFormatError(path, `${statusExpected}${answer.status === 404 ? notHosted : ''}`, answer.status, answer.body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    throw new ProbeFormatError(path, `${statusExpected}; the body is not JSON`, answer.status, answer.body);
  }
  const index = typeof parsed === 'object' && parsed !== null ? (parsed as { lastAppliedRaftIndex?: unknown }).lastAppliedRaftIndex : undefined;
  if (typeof index !== 'number' || !Number.isInteger(index)) throw new ProbeFormatError(path, statusExpected, answer.status, answer.body);
  return index;
}

function roleOf(writable: boolean, readOnly: boolean, available: boolean): MemberRole {
  if (!available) return 'unknown';
  if (writable && !readOnly) return 'master';
  if (readOnly && !writable) return 'slave';
  return 'unknown';
}

/** The probe for the endpoints `${prefix}/writable`, `/read-only`, `/available` and `/status`. */
export function clusterEndpointsProbe(prefix: string): MemberProbe {
  const paths = { writable: `${prefix}/writable`, readOnly: `${prefix}/read-only`, available: `${prefix}/available`, status: `${prefix}/status` };
  const requests: readonly ProbeRequest[] = [{ path: paths.writable }, { path: paths.readOnly }, { path: paths.available }, { path: paths.status }];
  return {
    requests,
    read(answers: readonly ProbeAnswer[]): MemberReading {
      const [writable, readOnly, available, status] = answers as readonly [ProbeAnswer, ProbeAnswer, ProbeAnswer, ProbeAnswer];
      const lastCommittedTxId = raftIndex(paths.status, status);
      const role = roleOf(flag(paths.writable, writable), flag(paths.readOnly, readOnly), flag(paths.available, available));
      return { role, lastCommittedTxId, epoch: undefined };
    },
  };
}
