import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeProof, newIncarnation, newNonce, readHello, verifyProof } from '../../../../engine/ha/channel/handshake.js';

describe('the handshake proof', () => {
  const memberNonce = newNonce();
  const peerNonce = newNonce();
  const hello = { serverId: 2, nonce: peerNonce, version: 1, incarnation: newIncarnation() };

  it('verifies a proof made with the same secret over both nonces', () => {
    const proof = computeProof('s3cret', 2, peerNonce, memberNonce);
    assert.equal(verifyProof('s3cret', { proof }, hello, memberNonce), true);
  });

  it('rejects a proof made with another secret, for another id, or with the nonces swapped', () => {
    assert.equal(verifyProof('s3cret', { proof: computeProof('other', 2, peerNonce, memberNonce) }, hello, memberNonce), false);
    assert.equal(verifyProof('s3cret', { proof: computeProof('s3cret', 1, peerNonce, memberNonce) }, hello, memberNonce), false);
    assert.equal(verifyProof('s3cret', { proof: computeProof('s3cret', 2, memberNonce, peerNonce) }, hello, memberNonce), false);
    assert.equal(verifyProof('s3cret', { proof: 'zz' }, hello, memberNonce), false);
    assert.equal(verifyProof('s3cret', {}, hello, memberNonce), false);
  });

  it('reads only well-formed HELLOs', () => {
    assert.deepEqual(readHello(hello), hello);
    assert.equal(readHello({ ...hello, serverId: 0 }), undefined);
    assert.equal(readHello({ ...hello, serverId: '2' }), undefined);
    assert.equal(readHello({ ...hello, nonce: 'abc' }), undefined);
    assert.equal(readHello({ ...hello, nonce: peerNonce.toUpperCase() }), undefined);
    assert.equal(readHello({ ...hello, version: undefined }), undefined);
    assert.equal(readHello({ ...hello, incarnation: 'x' }), undefined);
  });
});
