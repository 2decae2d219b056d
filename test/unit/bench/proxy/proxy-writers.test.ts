/** longestGap: the figure of scenario d. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longestGap } from '../../../../bench/proxy/proxy-writers.js';

describe('longestGap', () => {
  it('finds the longest time between consecutive acknowledgements, in time order whatever the writer', () => {
    assert.deepEqual(longestGap([{ at: 100 }, { at: 5000 }, { at: 120 }, { at: 130 }, { at: 5010 }]), { ms: 4870, from: 130 });
  });

  it('is 0 with fewer than two acknowledgements', () => {
    assert.deepEqual(longestGap([]), { ms: 0, from: 0 });
    assert.deepEqual(longestGap([{ at: 7 }]), { ms: 0, from: 7 });
  });
});
