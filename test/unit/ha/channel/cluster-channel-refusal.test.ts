import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FrameKind } from '../../../../engine/ha/channel/frame-format.js';
import { PROTOCOL_VERSION, newIncarnation, newNonce } from '../../../../engine/ha/channel/handshake.js';
import { Random } from '../../../support/random.js';
import { RawPeer, SECRET, startMember, WAIT_MS, type LogLine, type TestMember } from './channel-fixture.js';

const refusedFor = (reason: string) => (line: LogLine): boolean => line.event === 'peer_refused' && line.reason === reason;

describe('a cluster channel facing peers it must not trust', () => {
  let first: TestMember;
  let second: TestMember;

  before(async () => {
    first = await startMember(1, [], { handshakeTimeoutMs: 300, maxFrameBytes: 1024 * 1024 });
    second = await startMember(2, [first.channel.address]);
    await Promise.all([first.peerEvents.until([2]), second.peerEvents.until([1])]);
  });

  after(async () => {
    await Promise.all([first.channel.close(), second.channel.close()]);
  });

  /** The members that share the secret still talk after whatever the test did. */
  async function stillServing(tag: string): Promise<void> {
    assert.equal(second.channel.send(1, { type: 'still-here', tag }), true);
    await first.inbox.waitFor((item) => item.message.tag === tag, `message ${tag} after the bad peer`);
    assert.deepEqual(first.channel.connectedPeers(), [2]);
  }

  it('refuses a member with the wrong secret on both sides, logs why, and delivers nothing it sends', async () => {
    const wrongSecret = 'not the cluster secret';
    const intruder = await startMember(9, [first.channel.address], { secret: wrongSecret });
    try {
      intruder.channel.onPeer(() => {
        // A send the instant it believed itself connected would be the leak; there must be no such instant.
        intruder.channel.send(1, { type: 'intrusion' });
      });
      const onFirst = await first.log.waitFor(refusedFor('bad_proof'), 'the member refuses the intruder');
      const onIntruder = await intruder.log.waitFor(refusedFor('bad_proof'), 'the intruder refuses the member');
      assert.equal(onFirst.level, 40, 'logged at warn');
      assert.equal(onFirst.peer, 9);
      assert.match(String(onFirst.address), /^127\.0\.0\.1:\d+$/);
      assert.equal(onIntruder.peer, 1);
      assert.deepEqual(intruder.channel.connectedPeers(), []);
      assert.equal(intruder.channel.send(1, { type: 'intrusion' }), false);
      assert.equal(intruder.peerEvents.events.length, 0);
      assert.ok(first.channel.stats().handshakesRefused >= 1);
      for (const text of [...first.log.raw, ...intruder.log.raw]) {
        assert.equal(text.includes(SECRET), false, 'the secret is never logged');
        assert.equal(text.includes(wrongSecret), false, 'the wrong secret is never logged');
        assert.equal(/proof"\s*:\s*"[0-9a-f]{64}/.test(text), false, 'no proof is logged');
      }
      await stillServing('after-intruder');
      assert.equal(first.inbox.received.some((item) => item.message.type === 'intrusion'), false);
    } finally {
      await intruder.channel.close();
    }
  });

  it('drops a raw socket that sends garbage and keeps serving the others', async () => {
    const raw = await RawPeer.connect(first.channel.address);
    const random = new Random(7);
    const garbage = Buffer.alloc(4096);
    // A small length first, so the garbage is read as a frame, not refused for its size.
    garbage.writeUInt32LE(200, 0);
    for (let i = 4; i < garbage.length; i++) garbage[i] = random.int(256);
    raw.write(garbage);
    await raw.closed;
    await first.log.waitFor((line) => line.event === 'peer_refused' && (line.reason === 'malformed_frame' || line.reason === 'unexpected_frame'), 'garbage refused');
    await stillServing('after-garbage');
  });

  it('drops a socket announcing a frame over the limit without waiting for its bytes', async () => {
    const raw = await RawPeer.connect(first.channel.address);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(512 * 1024 * 1024, 0);
    raw.write(length);
    await raw.closed;
    const line = await first.log.waitFor(refusedFor('frame_too_large'), 'oversized frame refused');
    assert.match(String(line.detail), /536870912 bytes/);
    await stillServing('after-oversize');
  });

  it('closes an authenticated peer that sends a frame over maxFrameBytes', async () => {
    const raw = await RawPeer.connect(first.channel.address);
    await raw.handshake(7, SECRET);
    await first.peerEvents.until([2, 7]);
    raw.send(FrameKind.message, 0, { type: 'batch' }, Buffer.alloc(2 * 1024 * 1024));
    await raw.closed;
    const line = await first.log.waitFor((candidate) => candidate.event === 'peer_disconnected' && candidate.peer === 7, 'oversized peer dropped');
    assert.equal(line.reason, 'frame_too_large');
    assert.equal(first.inbox.received.some((item) => item.message.type === 'batch'), false);
    await stillServing('after-authenticated-oversize');
  });

  it('refuses a message sent before the handshake, and delivers none of it', async () => {
    const raw = await RawPeer.connect(first.channel.address);
    raw.send(FrameKind.message, 0, { type: 'sneaky' });
    const refuse = await raw.nextFrame(FrameKind.refuse);
    assert.deepEqual(refuse.json, { reason: 'unexpected_frame' });
    await raw.closed;
    await first.log.waitFor(refusedFor('unexpected_frame'), 'early message refused');
    assert.equal(first.inbox.received.some((item) => item.message.type === 'sneaky'), false);
  });

  it('refuses a peer that speaks another protocol version', async () => {
    const raw = await RawPeer.connect(first.channel.address);
    raw.send(FrameKind.hello, 0, { serverId: 5, nonce: newNonce(), version: PROTOCOL_VERSION + 1, incarnation: newIncarnation() });
    await raw.closed;
    const line = await first.log.waitFor(refusedFor('version_mismatch'), 'version mismatch refused');
    assert.equal(line.peer, 5);
  });

  it('refuses a second member claiming a server id that is already connected', async () => {
    const impostor = await startMember(2, [first.channel.address]);
    try {
      await first.log.waitFor(refusedFor('duplicate_server_id'), 'duplicate id refused');
      await impostor.log.waitFor((line) => line.event === 'peer_refused', 'the impostor hears it was refused');
      assert.deepEqual(impostor.channel.connectedPeers(), []);
      await stillServing('after-impostor');
    } finally {
      await impostor.channel.close();
    }
  });

  it('refuses a handshake that stalls past the timeout', async () => {
    const raw = await RawPeer.connect(first.channel.address);
    const started = Date.now();
    // The channel's HELLO arrives; this peer never answers.
    await raw.nextFrame(FrameKind.hello);
    await raw.closed;
    const line = await first.log.waitFor(refusedFor('handshake_timeout'), 'stalled handshake refused', WAIT_MS);
    assert.ok(Date.now() - started >= 250, 'not before the timeout');
    assert.match(String(line.address), /^127\.0\.0\.1:\d+$/);
    await stillServing('after-stall');
  });
});
