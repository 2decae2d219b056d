/**
 * Neo4j HA's election rule: among the members a voter considers alive (itself included)
 * that are not `ha.slave_only`, the highest last committed tx id wins; a tie goes to the
 * master of the previous epoch; then to the lowest `ha.server_id`.
 */

export interface Candidate {
  readonly id: number;
  readonly lastTxId: number;
  readonly slaveOnly: boolean;
}

/** The winner's id, or undefined when no candidate may be master (all slave-only, or none). */
export function electWinner(candidates: readonly Candidate[], previousMaster: number | undefined): number | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (candidate.slaveOnly) continue;
    if (best === undefined || beats(candidate, best, previousMaster)) best = candidate;
  }
  return best?.id;
}

function beats(a: Candidate, b: Candidate, previousMaster: number | undefined): boolean {
  if (a.lastTxId !== b.lastTxId) return a.lastTxId > b.lastTxId;
  if (a.id === previousMaster) return true;
  if (b.id === previousMaster) return false;
  return a.id < b.id;
}
