/** The expected hot-key shares the bench prints beside wrk's measured ones. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hotRanks, uniformTopShare, zipfTopShare } from '../../../../bench/proxy/zipf.js';

describe('hot-key shares', () => {
  it('counts 1% of the keys as hot, at least one', () => {
    assert.equal(hotRanks(30_000), 300);
    assert.equal(hotRanks(50), 1);
  });

  it('gives the uniform share as the hot fraction', () => {
    assert.equal(uniformTopShare(30_000), 0.01);
  });

  it('matches a Zipf share worked out by hand', () => {
    // 200 keys, s = 1: the hottest 2 ranks weigh 1 + 1/2 over the harmonic number H(200).
    let harmonic = 0;
    for (let r = 1; r <= 200; r++) harmonic += 1 / r;
    assert.ok(Math.abs(zipfTopShare(200, 1) - 1.5 / harmonic) < 1e-12);
  });

  it('makes the hottest 1% of keys most of the draws at s = 1.1, and none of them at s = 0 beyond uniform', () => {
    assert.ok(zipfTopShare(30_000, 1.1) > 0.5);
    assert.ok(Math.abs(zipfTopShare(30_000, 0) - uniformTopShare(30_000)) < 1e-12);
  });
});
