/**
 * Shared pieces of the cluster channel tests: a logger that keeps its lines, channels on
 * 127.0.0.1 port 0, bounded waits driven by events, and a raw TCP peer that speaks the
 * wire format by hand (to send what a well-behaved member never would).
 */
import net, { type Socket } from 'node:net';
import { pino, type Logger } from 'pino';
import { ClusterChannel, type ChannelAddress, type ChannelOptions } from '../../../../engine/ha/channel/cluster-channel.js';
import { FrameDecoder } from '../../../../engine/ha/channel/frame-decoder.js';
import { FrameKind, encodeFrame, type Frame } from '../../../../engine/ha/channel/frame-format.js';
import { PROTOCOL_VERSION, computeProof, newIncarnation, newNonce, readHello } from '../../../../engine/ha/channel/handshake.js';

export const SECRET = 'correct horse battery staple';
export const WAIT_MS = 5000;

export type LogLine = Record<string, unknown>;

export class CapturedLog {
  readonly lines: LogLine[] = [];
  readonly raw: string[] = [];
  readonly logger: Logger;
  readonly #waiters: { predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];

  constructor() {
    this.logger = pino({ level: 'debug' }, {
      write: (text: string) => {
        this.raw.push(text);
        const line = JSON.parse(text) as LogLine;
        this.lines.push(line);
        for (const waiter of [...this.#waiters]) {
          if (!waiter.predicate(line)) continue;
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      },
    });
  }

  events(event: string): LogLine[] {
    return this.lines.filter((line) => line.event === event);
  }

  /** The first line, logged already or later, that matches; rejects after `timeoutMs`. */
  waitFor(predicate: (line: LogLine) => boolean, what: string, timeoutMs = WAIT_MS): Promise<LogLine> {
    const seen = this.lines.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return bounded(new Promise<LogLine>((resolve) => this.#waiters.push({ predicate, resolve })), timeoutMs, `no log line: ${what}`);
  }
}

export function bounded<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms: ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface Received {
  readonly from: number;
  readonly message: Record<string, unknown>;
  readonly binary: Buffer;
}

/** Everything a channel received, with bounded waits for what is still to come. */
export class Inbox {
  readonly received: Received[] = [];
  readonly #waiters: { predicate: (item: Received) => boolean; resolve: (item: Received) => void }[] = [];

  constructor(channel: ClusterChannel) {
    channel.onMessage((from, message, binary) => {
      const item = { from, message: message as Record<string, unknown>, binary };
      this.received.push(item);
      for (const waiter of [...this.#waiters]) {
        if (!waiter.predicate(item)) continue;
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    });
  }

  waitFor(predicate: (item: Received) => boolean, what: string, timeoutMs = WAIT_MS): Promise<Received> {
    const seen = this.received.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return bounded(new Promise<Received>((resolve) => this.#waiters.push({ predicate, resolve })), timeoutMs, `no message: ${what}`);
  }
}

/** Every onPeer event of a channel, in order. */
export class PeerEvents {
  readonly events: { peer: number; up: boolean }[] = [];
  readonly #channel: ClusterChannel;
  #wake: (() => void)[] = [];

  constructor(channel: ClusterChannel) {
    this.#channel = channel;
    channel.onPeer((peer, up) => {
      this.events.push({ peer, up });
      const wake = this.#wake;
      this.#wake = [];
      for (const resolve of wake) resolve();
    });
  }

  /** Resolves once the channel's connected peers are exactly `peers`. */
  async until(peers: readonly number[], timeoutMs = WAIT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const wanted = [...peers].sort((a, b) => a - b).join(',');
    while (this.#channel.connectedPeers().join(',') !== wanted) {
      const left = deadline - Date.now();
      const now = this.#channel.connectedPeers().join(',');
      await bounded(new Promise<void>((resolve) => this.#wake.push(resolve)), Math.max(left, 1), `peers [${now}] never became [${wanted}]`);
    }
  }
}

export interface TestMember {
  readonly channel: ClusterChannel;
  readonly log: CapturedLog;
  readonly inbox: Inbox;
  readonly peerEvents: PeerEvents;
}

export async function startMember(
  serverId: number,
  peers: readonly ChannelAddress[],
  options: Partial<Omit<ChannelOptions, 'serverId' | 'peers' | 'logger'>> = {},
): Promise<TestMember> {
  const log = new CapturedLog();
  const channel = await ClusterChannel.start({
    serverId,
    listen: { host: '127.0.0.1', port: 0 },
    peers,
    secret: SECRET,
    logger: log.logger,
    ...options,
  });
  return { channel, log, inbox: new Inbox(channel), peerEvents: new PeerEvents(channel) };
}

/** A TCP client that speaks frames by hand: real bytes on a real socket, no channel behind it. */
export class RawPeer {
  readonly socket: Socket;
  readonly frames: Frame[] = [];
  readonly closed: Promise<void>;
  readonly #decoder = new FrameDecoder(1024 * 1024 * 1024);
  #wake: (() => void)[] = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      this.frames.push(...this.#decoder.push(chunk));
      const wake = this.#wake;
      this.#wake = [];
      for (const resolve of wake) resolve();
    });
  }

  static connect(address: ChannelAddress): Promise<RawPeer> {
    return bounded(new Promise((resolve, reject) => {
      const socket = net.connect(address, () => resolve(new RawPeer(socket)));
      socket.once('error', reject);
    }), WAIT_MS, `connect to ${address.host}:${address.port}`);
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  send(kind: FrameKind, correlationId: number, json: object, binary?: Buffer): void {
    const frame = encodeFrame(kind, correlationId, json, binary);
    this.socket.write(Buffer.concat([frame.head, frame.binary]));
  }

  async nextFrame(kind: FrameKind, timeoutMs = WAIT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex((frame) => frame.kind === kind);
      if (index >= 0) return this.frames.splice(index, 1)[0]!;
      await bounded(new Promise<void>((resolve) => this.#wake.push(resolve)), Math.max(deadline - Date.now(), 1), `no frame of kind ${kind}`);
    }
  }

  /** Completes the handshake as member `serverId` knowing `secret`. */
  async handshake(serverId: number, secret: string): Promise<void> {
    const nonce = newNonce();
    this.send(FrameKind.hello, 0, { serverId, nonce, version: PROTOCOL_VERSION, incarnation: newIncarnation() });
    const hello = readHello((await this.nextFrame(FrameKind.hello)).json);
    if (hello === undefined) throw new Error('The channel sent a HELLO this test cannot read.');
    this.send(FrameKind.proof, 0, { proof: computeProof(secret, serverId, nonce, hello.nonce) });
    await this.nextFrame(FrameKind.proof);
  }

  async close(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}
