import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CHANNEL_PEER_UNAVAILABLE, CHANNEL_REQUEST_TIMEOUT, ChannelError } from '../../../../engine/ha/channel/channel-error.js';
import { Random } from '../../../support/random.js';
import { bounded, startMember, WAIT_MS, type TestMember } from './channel-fixture.js';

describe('three cluster channels', () => {
  const members: TestMember[] = [];

  before(async () => {
    const first = await startMember(1, []);
    const second = await startMember(2, [first.channel.address]);
    const third = await startMember(3, [first.channel.address, second.channel.address]);
    members.push(first, second, third);
    await Promise.all([first.peerEvents.until([2, 3]), second.peerEvents.until([1, 3]), third.peerEvents.until([1, 2])]);
  });

  after(async () => {
    await Promise.all(members.map((member) => member.channel.close()));
  });

  it('find each other through the initial hosts and exchange messages both ways', async () => {
    for (const sender of members) {
      for (const receiver of members) {
        if (sender === receiver) continue;
        assert.equal(sender.channel.send(receiver.channel.serverId, { type: 'hello', from: sender.channel.serverId }), true);
      }
    }
    for (const receiver of members) {
      for (const sender of members) {
        if (sender === receiver) continue;
        const id = sender.channel.serverId;
        const got = await receiver.inbox.waitFor((item) => item.message.type === 'hello' && item.from === id, `hello from ${id}`);
        assert.deepEqual(got.message, { type: 'hello', from: id });
        assert.equal(got.binary.length, 0);
      }
    }
    for (const member of members) {
      assert.deepEqual(member.peerEvents.events.map((event) => event.up), [true, true], 'each peer came up once and stayed up');
    }
  });

  it('broadcast reaches every other member', async () => {
    members[1]!.channel.broadcast({ type: 'heartbeat', epoch: 7 });
    const fromTwo = (item: { from: number; message: Record<string, unknown> }): boolean => item.from === 2 && item.message.type === 'heartbeat';
    assert.deepEqual((await members[0]!.inbox.waitFor(fromTwo, 'heartbeat on 1')).message, { type: 'heartbeat', epoch: 7 });
    assert.deepEqual((await members[2]!.inbox.waitFor(fromTwo, 'heartbeat on 3')).message, { type: 'heartbeat', epoch: 7 });
    assert.equal(members[1]!.inbox.received.some((item) => item.message.type === 'heartbeat'), false, 'a broadcast does not loop back');
  });

  it('matches replies to requests by correlation id, even when answered out of order', async () => {
    const [first, second] = members as [TestMember, TestMember];
    const waiting: (() => void)[] = [];
    second.channel.onMessage((_from, message, binary, reply) => {
      const request = message as { type?: string; n?: number };
      if (request.type !== 'pull') return;
      waiting.push(() => reply({ type: 'batch', n: request.n }, Buffer.concat([binary, Buffer.from([request.n!])])));
      // Answer the last request first.
      if (waiting.length === 3) for (const answer of waiting.reverse()) answer();
    });
    const replies = await Promise.all([1, 2, 3].map((n) => first.channel.request(2, { type: 'pull', n }, Buffer.from([0xa0 + n]), WAIT_MS)));
    replies.forEach((answer, index) => {
      const n = index + 1;
      assert.deepEqual(answer.message, { type: 'batch', n });
      assert.deepEqual([...answer.binary], [0xa0 + n, n]);
    });
  });

  it('rejects a request nobody answers with a timeout, and one to an unknown member at once', async () => {
    const started = Date.now();
    await assert.rejects(
      members[0]!.channel.request(3, { type: 'unanswered' }, undefined, 150),
      (error: unknown) => error instanceof ChannelError && error.code === CHANNEL_REQUEST_TIMEOUT,
    );
    assert.ok(Date.now() - started >= 140, 'the timeout was honoured');
    await assert.rejects(
      members[0]!.channel.request(42, { type: 'anyone' }, undefined, WAIT_MS),
      (error: unknown) => error instanceof ChannelError && error.code === CHANNEL_PEER_UNAVAILABLE,
    );
    assert.equal(members[0]!.channel.send(42, { type: 'anyone' }), false);
  });

  it('delivers a 10 MB binary payload intact and counts its bytes', async () => {
    const random = new Random(20240604);
    const payload = Buffer.allocUnsafe(10 * 1024 * 1024);
    for (let i = 0; i < payload.length; i += 4) payload.writeUInt32LE(Math.floor(random.next() * 0x100000000), i);
    const sentBefore = members[2]!.channel.stats().peers.find((peer) => peer.serverId === 1)!.bytesSent;
    assert.equal(members[2]!.channel.send(1, { type: 'store_chunk', file: 'neostore.nodestore.db' }, payload), true);
    const got = await members[0]!.inbox.waitFor((item) => item.message.type === 'store_chunk', 'the 10 MB chunk', 20_000);
    assert.equal(got.from, 3);
    assert.equal(got.binary.length, payload.length);
    assert.ok(got.binary.equals(payload), 'the payload arrived byte for byte');
    const sent = members[2]!.channel.stats().peers.find((peer) => peer.serverId === 1)!;
    assert.ok(sent.bytesSent - sentBefore > payload.length, 'the sender counted the frame');
    const received = members[0]!.channel.stats().peers.find((peer) => peer.serverId === 3)!;
    assert.ok(received.bytesReceived > payload.length, 'the receiver counted the frame');
    assert.equal(received.connected, true);
  });
});

describe('cluster channels that all list every member, themselves included', () => {
  it('keep exactly one connection per pair and never refuse or flap', async () => {
    const ports = await freePorts(3);
    const addresses = ports.map((port) => ({ host: '127.0.0.1', port }));
    const members = await Promise.all(ports.map(async (port, index) => {
      const member = await startMember(index + 1, addresses, { listen: { host: '127.0.0.1', port } });
      member.channel.onMessage((_from, message, _binary, reply) => {
        if ((message as { type?: string }).type === 'ping') reply({ type: 'pong' });
      });
      return member;
    }));
    try {
      await Promise.all(members.map((member, index) => member.peerEvents.until([1, 2, 3].filter((id) => id !== index + 1))));
      // A round trip on every pair, after which any duplicate connection has been retired.
      for (const member of members) {
        for (const other of member.channel.connectedPeers()) {
          const reply = await member.channel.request(other, { type: 'ping' }, undefined, WAIT_MS);
          assert.deepEqual(reply.message, { type: 'pong' });
        }
      }
      for (const member of members) {
        assert.deepEqual(member.peerEvents.events.map((event) => event.up), [true, true], 'each peer came up once');
        assert.equal(member.log.events('peer_refused').length, 0, 'no refusals among members that share the secret');
      }
    } finally {
      await Promise.all(members.map((member) => member.channel.close()));
    }
  });
});

describe('a cluster channel listed among its own initial hosts under another address', () => {
  it('recognises itself and neither connects to nor refuses itself', async () => {
    const member = await startMember(1, [], { listen: { host: '0.0.0.0', port: 0 } });
    const port = member.channel.address.port;
    await member.channel.close();
    const self = await startMember(1, [{ host: '127.0.0.1', port }], { listen: { host: '0.0.0.0', port } });
    try {
      await self.log.waitFor((line) => line.event === 'peer_is_self', 'the member notices it dialled itself');
      assert.deepEqual(self.channel.connectedPeers(), []);
      assert.equal(self.log.events('peer_refused').length, 0);
      assert.equal(self.channel.stats().handshakesRefused, 0);
    } finally {
      await self.channel.close();
    }
  });
});

/** Ports that were free a moment ago, for members that must know each other's address before they start. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => bounded(new Promise<net.Server>((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  }), WAIT_MS, 'a free port')));
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
