import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RedialBackoff } from '../../../../engine/ha/channel/redial-backoff.js';

describe('the redial backoff', () => {
  it('doubles from 100 ms up to a 2 s cap and starts over after a success', () => {
    const backoff = new RedialBackoff();
    const delays = Array.from({ length: 40 }, () => backoff.nextDelayMs());
    assert.deepEqual(delays.slice(0, 7), [100, 200, 400, 800, 1600, 2000, 2000]);
    assert.ok(delays.every((delay) => delay <= 2000));
    backoff.reset();
    assert.equal(backoff.nextDelayMs(), 100);
  });
});
