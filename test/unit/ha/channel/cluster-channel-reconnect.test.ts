import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANNEL_PEER_LOST, ChannelError } from '../../../../engine/ha/channel/channel-error.js';
import { startMember, WAIT_MS } from './channel-fixture.js';

describe('a cluster channel whose peer goes away', () => {
  it('redials a peer that closes and comes back under the same id, and messages flow again', async () => {
    const first = await startMember(1, []);
    const address = first.channel.address;
    const second = await startMember(2, [address]);
    let restarted: Awaited<ReturnType<typeof startMember>> | undefined;
    try {
      await second.peerEvents.until([1]);
      await first.channel.close();
      await second.peerEvents.until([]);
      const down = await second.log.waitFor((line) => line.event === 'peer_disconnected' && line.peer === 1, 'peer 1 reported down');
      assert.equal(down.reason, 'peer_closed');

      // The same member comes back on the same address, as a restarted process would.
      restarted = await startMember(1, [], { listen: address });
      await Promise.all([second.peerEvents.until([1]), restarted.peerEvents.until([2])]);
      assert.deepEqual(second.peerEvents.events, [
        { peer: 1, up: true },
        { peer: 1, up: false },
        { peer: 1, up: true },
      ]);
      assert.equal(second.channel.send(1, { type: 'after-restart' }), true);
      await restarted.inbox.waitFor((item) => item.message.type === 'after-restart' && item.from === 2, 'message to the restarted member');
      assert.equal(restarted.channel.send(2, { type: 'back-again' }), true);
      await second.inbox.waitFor((item) => item.message.type === 'back-again' && item.from === 1, 'message from the restarted member');
    } finally {
      await Promise.all([second.channel.close(), first.channel.close(), restarted?.channel.close()]);
    }
  });

  it('fails a pending request when the connection closes, without waiting for its timeout', async () => {
    const first = await startMember(1, []);
    const second = await startMember(2, [first.channel.address]);
    try {
      await second.peerEvents.until([1]);
      first.channel.onMessage((_from, message) => {
        if ((message as { type?: string }).type === 'slow') void first.channel.close();
      });
      const started = Date.now();
      await assert.rejects(
        second.channel.request(1, { type: 'slow' }, undefined, 60_000),
        (error: unknown) => error instanceof ChannelError && error.code === CHANNEL_PEER_LOST,
      );
      assert.ok(Date.now() - started < WAIT_MS);
    } finally {
      await Promise.all([first.channel.close(), second.channel.close()]);
    }
  });
});
