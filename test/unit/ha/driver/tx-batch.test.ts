import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeTxBatch, encodeTxBatch } from '../../../../engine/ha/driver/tx-batch.js';
import { Random } from '../../../support/random.js';

describe('transaction batches', () => {
  it('round-trips transactions with their ids, epochs, times, checksums and payloads', () => {
    const random = new Random(42);
    const transactions = Array.from({ length: 20 }, (_, i) => ({
      txId: 1000 + i,
      epoch: 3,
      timeMs: 1_700_000_000_000 + i,
      checksum: random.int(0x100000000),
      payload: Buffer.from(random.string(200), 'utf8'),
    }));
    assert.deepEqual(decodeTxBatch(encodeTxBatch(transactions)), transactions);
  });

  it('encodes an empty batch as a zero count', () => {
    assert.deepEqual([...encodeTxBatch([])], [0, 0, 0, 0]);
    assert.deepEqual(decodeTxBatch(Buffer.from([0, 0, 0, 0])), []);
  });

  it('lays out the bytes as documented', () => {
    const bytes = encodeTxBatch([{ txId: 7, epoch: 2, timeMs: 5, checksum: 0xdeadbeef, payload: Buffer.from([9, 8]) }]);
    assert.equal(bytes.toString('hex'), '00000001' + '0000000000000007' + '0000000000000002' + '0000000000000005' + 'deadbeef' + '00000002' + '0908');
  });

  it('refuses a cut-off batch and trailing bytes', () => {
    const bytes = encodeTxBatch([{ txId: 1, epoch: 1, timeMs: 1, checksum: 1, payload: Buffer.alloc(10) }]);
    assert.throws(() => decodeTxBatch(bytes.subarray(0, bytes.length - 1)), /cut off/);
    assert.throws(() => decodeTxBatch(bytes.subarray(0, 10)), /cut off/);
    assert.throws(() => decodeTxBatch(Buffer.concat([bytes, Buffer.from([0])])), /ends at byte/);
    assert.throws(() => decodeTxBatch(Buffer.alloc(2)), /at least 4 bytes/);
  });
});
