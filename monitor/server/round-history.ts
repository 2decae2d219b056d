/**
 * The last few minutes of rounds, reduced to what the status page draws (each member's
 * role and lag), so that a page opened now shows its lag chart and roles timeline from
 * the start rather than from the moment it connected.
 */
import type { ClusterState, MonitoredRole } from '../model/cluster-state.js';

export interface RoundPoint {
  readonly at: number;
  readonly members: readonly { readonly instance: string; readonly role: MonitoredRole; readonly lagTx: number | null; readonly lagSeconds: number | null }[];
}

export function roundPoint(state: ClusterState): RoundPoint {
  return {
    at: state.at ?? 0,
    members: state.members.map((member) => ({ instance: member.instance, role: member.role, lagTx: member.lagTx, lagSeconds: member.lagSeconds })),
  };
}

export class RoundHistory {
  readonly #windowMs: number;
  #points: RoundPoint[] = [];

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  add(point: RoundPoint): void {
    this.#points.push(point);
    const oldest = point.at - this.#windowMs;
    let drop = 0;
    while (drop < this.#points.length && this.#points[drop]!.at < oldest) drop++;
    // Trim in batches: one splice per many rounds rather than a shift per round.
    if (drop > 64 || drop * 2 > this.#points.length) this.#points = this.#points.slice(drop);
  }

  /** Oldest first, within the window. */
  points(): RoundPoint[] {
    const last = this.#points.at(-1);
    if (last === undefined) return [];
    const oldest = last.at - this.#windowMs;
    return this.#points.filter((point) => point.at >= oldest);
  }
}
