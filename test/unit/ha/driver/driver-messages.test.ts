import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDriverMessage, parseTxReply } from '../../../../engine/ha/driver/driver-messages.js';

describe('driver messages', () => {
  it('accepts the documented messages', () => {
    assert.deepEqual(parseDriverMessage({ type: 'tx_pull', fromTxId: 1, max: 100 }), { type: 'tx_pull', fromTxId: 1, max: 100 });
    assert.deepEqual(parseDriverMessage({ type: 'tx_push', epoch: 3 }), { type: 'tx_push', epoch: 3 });
    assert.deepEqual(parseDriverMessage({ type: 'member_info', uris: ['ha://127.0.0.1:5001?serverId=1'] }), { type: 'member_info', uris: ['ha://127.0.0.1:5001?serverId=1'] });
    assert.deepEqual(parseTxReply({ type: 'tx_batch', count: 0, lastTxId: 4 }), { type: 'tx_batch', count: 0, lastTxId: 4 });
    assert.deepEqual(parseTxReply({ type: 'tx_refused', code: 'GLB_TX_LOG_PRUNED', message: 'm' }), { type: 'tx_refused', code: 'GLB_TX_LOG_PRUNED', message: 'm' });
  });

  it('rejects malformed ones and leaves the core\'s messages alone', () => {
    assert.equal(parseDriverMessage({ type: 'tx_pull', fromTxId: 0, max: 100 }), undefined);
    assert.equal(parseDriverMessage({ type: 'tx_pull', fromTxId: 1, max: -1 }), undefined);
    assert.equal(parseDriverMessage({ type: 'member_info', uris: [1] }), undefined);
    assert.equal(parseDriverMessage({ type: 'heartbeat', epoch: 1 }), undefined);
    assert.equal(parseDriverMessage(null), undefined);
    assert.equal(parseTxReply({ type: 'tx_refused', code: 'WHATEVER', message: 'm' }), undefined);
    assert.equal(parseTxReply({ type: 'tx_push_ack', lastTxId: 1.5 }), undefined);
  });
});
