import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TickClock, tickTiming } from '../../../../engine/ha/driver/tick-clock.js';

describe('tickTiming', () => {
  it('converts the heartbeat settings to ticks of the given length', () => {
    assert.deepEqual(tickTiming(1000, 4000, 50), { tickMs: 50, heartbeatIntervalTicks: 20, heartbeatTimeoutTicks: 80, electionBackoffTicks: 20 });
  });

  it('keeps the timeout at two intervals or more when rounding would undercut it', () => {
    const timing = tickTiming(30, 60, 50);
    assert.equal(timing.heartbeatIntervalTicks, 1);
    assert.equal(timing.heartbeatTimeoutTicks, 2);
    const rounded = tickTiming(74, 149, 50);
    assert.ok(rounded.heartbeatTimeoutTicks >= 2 * rounded.heartbeatIntervalTicks);
  });

  it('refuses a tick that is not positive', () => {
    assert.throws(() => tickTiming(1000, 4000, 0), /positive number of milliseconds/);
  });
});

describe('TickClock', () => {
  it('answers the ticks elapsed since the last call, all missed ones at once after a pause', () => {
    let now = 1000;
    const clock = new TickClock(50, () => now);
    assert.equal(clock.elapsed(), 0);
    now += 49;
    assert.equal(clock.elapsed(), 0);
    now += 1;
    assert.equal(clock.elapsed(), 1);
    assert.equal(clock.elapsed(), 0);
    now += 5_000;
    assert.equal(clock.elapsed(), 100);
  });

  it('does not lose the fraction of a tick between calls', () => {
    let now = 0;
    const clock = new TickClock(50, () => now);
    let total = 0;
    for (let i = 0; i < 10; i++) {
      now += 30;
      total += clock.elapsed();
    }
    assert.equal(total, 6);
  });
});
