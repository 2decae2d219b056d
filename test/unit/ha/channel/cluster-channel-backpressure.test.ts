import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHANNEL_BACKPRESSURE, ChannelError } from '../../../../engine/ha/channel/channel-error.js';
import { FrameKind } from '../../../../engine/ha/channel/frame-format.js';
import { RawPeer, SECRET, startMember, WAIT_MS } from './channel-fixture.js';

const QUEUE_LIMIT = 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 0x5a);
/** Far more than loopback socket buffers hold, so the queue must fill before this many sends. */
const MAX_SENDS = 2000;

describe('a cluster channel sending to a peer that stops reading', () => {
  it('refuses sends over the queue bound, logs it once, and sends again once the peer catches up', async () => {
    const member = await startMember(1, [], { maxQueuedBytes: QUEUE_LIMIT });
    const raw = await RawPeer.connect(member.channel.address);
    try {
      await raw.handshake(7, SECRET);
      await member.peerEvents.until([7]);
      raw.socket.pause();

      let accepted = 0;
      while (accepted < MAX_SENDS && member.channel.send(7, { type: 'chunk', n: accepted }, CHUNK)) accepted++;
      assert.ok(accepted < MAX_SENDS, `send() never returned false after ${accepted} sends`);
      assert.equal(member.channel.send(7, { type: 'chunk', n: -1 }, CHUNK), false, 'still refused while the peer is stalled');
      await assert.rejects(
        member.channel.request(7, { type: 'pull' }, CHUNK, WAIT_MS),
        (error: unknown) => error instanceof ChannelError && error.code === CHANNEL_BACKPRESSURE,
      );
      const lines = member.log.events('channel_backpressure');
      assert.equal(lines.length, 1, 'logged once, not once per refused send');
      assert.equal(lines[0]!.peer, 7);
      assert.equal(lines[0]!.limitBytes, QUEUE_LIMIT);
      assert.equal(member.channel.stats().peers.find((peer) => peer.serverId === 7)!.backpressureRefusals, 3);

      raw.socket.resume();
      for (let n = 0; n < accepted; n++) {
        const frame = await raw.nextFrame(FrameKind.message);
        assert.equal((frame.json as { n: number }).n, n, 'every accepted chunk arrives, in order');
      }
      assert.equal(member.channel.send(7, { type: 'chunk', n: accepted }, CHUNK), true, 'accepted again once drained');
    } finally {
      await raw.close();
      await member.channel.close();
    }
  });
});
