/**
 * The store copy's frames on the cluster channel: every chunk kind survives the trip
 * through JSON and binary parts, a run of transactions travels as one frame, and a
 * malformed answer is refused with what is wrong.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoreCopyChunk } from '../../../../engine/storecopy/store-copy-chunk.js';
import { decodeStoreCopyFrame, encodeStoreCopyChunks, parseStoreCopyRefusal, parseStoreCopyRequest } from '../../../../engine/ha/driver/store-copy-frames.js';

function roundTrip(chunks: readonly StoreCopyChunk[]): readonly StoreCopyChunk[] {
  const frame = encodeStoreCopyChunks('abc123', chunks);
  const decoded = decodeStoreCopyFrame(JSON.parse(JSON.stringify(frame.message)), frame.binary ?? Buffer.alloc(0));
  assert.equal(decoded.session, 'abc123');
  return decoded.chunks;
}

describe('store copy frames', () => {
  it('carry a header, a file chunk and an end as they are', () => {
    const header: StoreCopyChunk = {
      kind: 'header',
      storeId: 'store-1',
      checkpoint: { txId: 7, checksum: 123456, epoch: 2, timeMs: 1_700_000_000_000 },
      files: [{ name: 'neostore', size: 96 }, { name: 'neostore.nodestore.db', size: 0 }],
    };
    assert.deepEqual(roundTrip([header]), [header]);
    const file: StoreCopyChunk = { kind: 'file', name: 'neostore', offset: 64, bytes: Buffer.from([1, 2, 3, 250]) };
    assert.deepEqual(roundTrip([file]), [file]);
    assert.deepEqual(roundTrip([{ kind: 'end', lastTxId: 9 }]), [{ kind: 'end', lastTxId: 9 }]);
  });

  it('carry a run of transactions in one frame, in order', () => {
    const chunks: StoreCopyChunk[] = [8, 9].map((txId) => ({
      kind: 'tx',
      transaction: { txId, epoch: 2, timeMs: 1000 + txId, checksum: 4_000_000_000 + txId, payload: Buffer.from(`payload ${txId}`) },
    }));
    assert.deepEqual(roundTrip(chunks), chunks);
  });

  it('refuse to mix a transaction run with another chunk', () => {
    assert.throws(
      () => encodeStoreCopyChunks('s', [{ kind: 'tx', transaction: { txId: 1, epoch: 1, timeMs: 1, checksum: 1, payload: Buffer.alloc(0) } }, { kind: 'end', lastTxId: 1 }]),
      /cannot carry a 'end' chunk/,
    );
  });

  it('refuse malformed answers, saying what is wrong', () => {
    assert.throws(() => decodeStoreCopyFrame({ type: 'store_copy_chunk', kind: 'file', name: 'neostore' }, Buffer.alloc(0)), /no session/);
    assert.throws(() => decodeStoreCopyFrame({ type: 'store_copy_chunk', session: 's', kind: 'file', name: 'neostore' }, Buffer.alloc(0)), /without name or offset/);
    assert.throws(() => decodeStoreCopyFrame({ type: 'store_copy_chunk', session: 's', kind: 'header', storeId: 'x', checkpoint: { txId: 1 }, files: [] }, Buffer.alloc(0)), /checkpoint without/);
    assert.throws(() => decodeStoreCopyFrame({ type: 'store_copy_chunk', session: 's', kind: 'tx', count: 2 }, Buffer.from([0, 0, 0, 0])), /count 2 but 0 transactions/);
    assert.throws(() => decodeStoreCopyFrame({ type: 'tx_batch' }, Buffer.alloc(0)), /instead of store_copy_chunk/);
  });

  it('parse the requests and refusals and nothing else', () => {
    assert.deepEqual(parseStoreCopyRequest({ type: 'store_copy_start' }), { type: 'store_copy_start' });
    assert.deepEqual(parseStoreCopyRequest({ type: 'store_copy_next', session: 'ab' }), { type: 'store_copy_next', session: 'ab' });
    assert.equal(parseStoreCopyRequest({ type: 'store_copy_next' }), undefined);
    assert.equal(parseStoreCopyRequest({ type: 'tx_pull', fromTxId: 1, max: 1 }), undefined);
    assert.equal(parseStoreCopyRefusal({ type: 'store_copy_refused', code: 'UNKNOWN_SESSION', message: 'gone' })?.code, 'UNKNOWN_SESSION');
    assert.equal(parseStoreCopyRefusal({ type: 'store_copy_refused', code: 'OTHER', message: 'x' }), undefined);
  });
});
