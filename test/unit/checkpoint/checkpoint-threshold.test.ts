import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckpointThreshold } from '../../../engine/checkpoint/checkpoint-threshold.js';

describe('CheckpointThreshold', () => {
  const threshold = new CheckpointThreshold(15 * 60_000, 100_000);

  it('is never due without new transactions', () => {
    assert.equal(threshold.due(10, 0, 10, 10 * 60 * 60_000), undefined);
  });

  it('is due by tx count', () => {
    assert.equal(threshold.due(0, 0, 99_999, 1000), undefined);
    assert.equal(threshold.due(0, 0, 100_000, 1000), 'tx count');
  });

  it('is due by time', () => {
    assert.equal(threshold.due(5, 0, 6, 15 * 60_000 - 1), undefined);
    assert.equal(threshold.due(5, 0, 6, 15 * 60_000), 'time');
  });
});
