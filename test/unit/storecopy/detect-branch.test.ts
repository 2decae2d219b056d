import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectBranch, type TransactionHistory } from '../../../engine/storecopy/detect-branch.js';

/** A history whose checksums are given from `from` on (older ones pruned). */
function history(checksums: readonly number[], from = 1): TransactionHistory {
  return { lastTxId: from + checksums.length - 1, checksumAt: (txId) => checksums[txId - from] };
}

describe('detectBranch', () => {
  it('finds the same history when the member is a prefix of the master', () => {
    assert.deepEqual(detectBranch(history([11, 12]), history([11, 12, 13])), { verdict: 'same_history' });
    assert.deepEqual(detectBranch(history([11, 12, 13]), history([11, 12, 13])), { verdict: 'same_history' });
  });

  it('finds the same history for an empty member', () => {
    assert.deepEqual(detectBranch(history([]), history([11])), { verdict: 'same_history' });
  });

  it('finds a branch when the checksums at the member\'s last tx differ', () => {
    const verdict = detectBranch(history([11, 99]), history([11, 12, 13]));
    assert.equal(verdict.verdict, 'branched');
    assert.equal(verdict.verdict === 'branched' && verdict.atTxId, 2);
  });

  it('finds a branch when the member is beyond the master, whatever the checksums', () => {
    const verdict = detectBranch(history([11, 12, 13, 14]), history([11, 12]));
    assert.equal(verdict.verdict, 'branched');
    assert.match(verdict.verdict === 'branched' ? verdict.reason : '', /up to 4, the master only up to 2/);
  });

  it('cannot decide when the master has pruned the checksum the member ends at', () => {
    const verdict = detectBranch(history([11, 12]), history([20, 21], 5));
    assert.equal(verdict.verdict, 'undecided');
    assert.match(verdict.verdict === 'undecided' ? verdict.reason : '', /the master/);
  });
});
