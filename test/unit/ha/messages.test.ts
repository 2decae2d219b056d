import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHaMessage, type HaMessage } from '../../../engine/ha/messages.js';

describe('parseHaMessage', () => {
  const messages: HaMessage[] = [
    { type: 'heartbeat', epoch: 3, role: 'slave', master: 1, lastTxId: 10, slaveOnly: false, suspects: [4], stamp: 7, echo: 5 },
    { type: 'heartbeat', epoch: 0, role: 'pending', master: null, lastTxId: 0, slaveOnly: true, suspects: [], stamp: 0, echo: null },
    { type: 'vote', epoch: 4, candidate: 2 },
    { type: 'master_elected', epoch: 4, master: 2, stamp: 90 },
  ];

  it('accepts every message the core sends, after a JSON round trip', () => {
    for (const message of messages) assert.deepEqual(parseHaMessage(JSON.parse(JSON.stringify(message))), message);
  });

  it('rejects malformed messages', () => {
    for (const bad of [null, 'vote', {}, { type: 'vote', epoch: -1, candidate: 2 }, { type: 'vote', epoch: 1 }, { type: 'heartbeat', epoch: 1 }, { type: 'nope' }]) {
      assert.equal(parseHaMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
