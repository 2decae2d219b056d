import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HealthEvent, HealthState } from '../../../../proxy/discovery/member-health.js';
import { healthOf, nextHealth, startingHealth } from '../../../../proxy/discovery/member-health.js';

const thresholds = { rise: 2, fall: 3 };

/** events from startingHealth -> the phase after each */
const scripts: [string, HealthEvent[], string[]][] = [
  ['the first good check brings a member up', ['good'], ['up']],
  ['failed checks at start keep it down, one good check brings it up', ['failed', 'failed', 'good'], ['starting', 'starting', 'up']],
  ['up goes down after fall failed checks in a row', ['good', 'failed', 'failed', 'failed'], ['up', 'up', 'up', 'down']],
  ['a good check in between starts the fall count again', ['good', 'failed', 'failed', 'good', 'failed', 'failed', 'failed'], ['up', 'up', 'up', 'up', 'up', 'up', 'down']],
  ['down comes up after rise good checks in a row', ['good', 'failed', 'failed', 'failed', 'good', 'good'], ['up', 'up', 'up', 'down', 'down', 'up']],
  ['a failed check in between starts the rise count again', ['good', 'forwardingError', 'good', 'failed', 'good', 'good'], ['up', 'down', 'down', 'down', 'down', 'up']],
  ['a forwarding error takes an up member down at once', ['good', 'forwardingError'], ['up', 'down']],
  ['a forwarding error at start: down, and then rise good checks are needed', ['forwardingError', 'good', 'good'], ['down', 'down', 'up']],
];

describe('member health (HAProxy rise/fall)', () => {
  for (const [name, events, phases] of scripts) {
    it(name, () => {
      let state: HealthState = startingHealth;
      const seen = events.map((event) => {
        state = nextHealth(state, event, thresholds);
        return state.phase;
      });
      assert.deepEqual(seen, phases);
    });
  }

  it('rise 1 and fall 1 act on every check', () => {
    const one = { rise: 1, fall: 1 };
    let state = nextHealth(startingHealth, 'good', one);
    state = nextHealth(state, 'failed', one);
    assert.equal(state.phase, 'down');
    state = nextHealth(state, 'good', one);
    assert.equal(state.phase, 'up');
  });

  it('starting is reported as down', () => {
    assert.equal(healthOf(startingHealth), 'down');
    assert.equal(healthOf(nextHealth(startingHealth, 'good', thresholds)), 'up');
  });

  it('steady states are returned as they are (no needless objects)', () => {
    const up = nextHealth(startingHealth, 'good', thresholds);
    assert.equal(nextHealth(up, 'good', thresholds), up);
  });
});
