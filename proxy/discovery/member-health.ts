/**
 * A member's health as HAProxy counts it, pure: no timers, no I/O.
 *
 *   starting --good--> up                     (the first good check after the proxy starts)
 *   starting --failed--> starting             (still waiting for a first good check)
 *   up --failed x fall (in a row)--> down
 *   down --good x rise (in a row)--> up
 *   up|starting --forwardingError--> down     (at once; back up only after rise good checks)
 *
 * `starting` is reported as `down`: nothing is routed to a member before a good check.
 */
import type { MemberHealth } from './cluster-snapshot.js';

export type HealthPhase = 'starting' | 'up' | 'down';
export type HealthEvent = 'good' | 'failed' | 'forwardingError';

export interface HealthState {
  readonly phase: HealthPhase;
  /** Consecutive checks of the kind that would change the phase (good while down, failed while up). */
  readonly streak: number;
}

export interface HealthThresholds {
  readonly rise: number;
  readonly fall: number;
}

export const startingHealth: HealthState = Object.freeze({ phase: 'starting', streak: 0 });

const steady = (phase: HealthPhase): HealthState => ({ phase, streak: 0 });

export function nextHealth(state: HealthState, event: HealthEvent, thresholds: HealthThresholds): HealthState {
  switch (state.phase) {
    case 'starting':
      if (event === 'good') return steady('up');
      return event === 'forwardingError' ? steady('down') : state;
    case 'up':
      if (event === 'good') return state.streak === 0 ? state : steady('up');
      if (event === 'forwardingError' || state.streak + 1 >= thresholds.fall) return steady('down');
      return { phase: 'up', streak: state.streak + 1 };
    case 'down':
      if (event !== 'good') return state.streak === 0 ? state : steady('down');
      return state.streak + 1 >= thresholds.rise ? steady('up') : { phase: 'down', streak: state.streak + 1 };
  }
}

export function healthOf(state: HealthState): MemberHealth {
  return state.phase === 'up' ? 'up' : 'down';
}
