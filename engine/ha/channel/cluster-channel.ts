/**
 * The cluster channel: one authenticated TCP connection per pair of members, carrying
 * heartbeats and election messages, transaction batches and store copies
 * (frame-format.ts for the bytes, peer-connection.ts for the handshake).
 *
 * Which connection of a pair is live:
 * - Every member listens on ha.host.coordination and dials every initial host that is
 *   not itself, so a pair can end up with two connections. Of two connections of the
 *   same incarnation the one dialled by the lower server id is kept on both sides (then
 *   the one whose dialler's nonce sorts first, when one member dialled twice), the other
 *   is retired: ended gracefully, so frames under way still arrive.
 * - A connection claiming a server id that is live under another incarnation is refused
 *   as `duplicate_server_id`: two processes share an id, or a restarted member came back
 *   before its old connection was seen to close (its dialer retries and gets in once it is).
 * - When the live connection of a peer closes while another connection of the same
 *   incarnation is mid-handshake, the peer is not reported down: that one takes over.
 *
 * Log events: channel_listening, peer_connected, peer_disconnected, peer_refused (warn:
 * address, reason, detail; never the secret or proofs), channel_backpressure (warn, once
 * until the queue drains), channel_handler_failed (error), channel_closed; at debug
 * peer_connection_retired, peer_is_self, peer_dial_failed.
 */
import net, { type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import {
  CHANNEL_BACKPRESSURE,
  CHANNEL_CLOSED,
  CHANNEL_FRAME_TOO_LARGE,
  CHANNEL_INVALID_OPTIONS,
  CHANNEL_PEER_LOST,
  CHANNEL_PEER_UNAVAILABLE,
  CHANNEL_REQUEST_TIMEOUT,
  ChannelError,
} from './channel-error.js';
import { FRAME_LENGTH_BYTES, FrameKind, encodeFrame, type EncodedFrame, type Frame } from './frame-format.js';
import { newIncarnation, type Hello } from './handshake.js';
import { PeerConnection, type AdmitVerdict, type ConnectionHost, type RefusalReason } from './peer-connection.js';
import { PeerDialer, type DialerHost } from './peer-dialer.js';

export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5000;
const MAX_U32 = 0xffffffff;

export interface ChannelAddress {
  readonly host: string;
  readonly port: number;
}

export interface ChannelOptions {
  /** ha.server_id. */
  readonly serverId: number;
  /** ha.host.coordination; port 0 binds a free port (see `address`). */
  readonly listen: ChannelAddress;
  /** ha.initial_hosts; this member's own address may be among them. */
  readonly peers: readonly ChannelAddress[];
  /** ha.cluster_secret. */
  readonly secret: string;
  readonly logger: Logger;
  /** Largest frame sent or accepted, header included; 64 MiB when absent. */
  readonly maxFrameBytes?: number;
  /** How long a handshake (and a connect attempt) may take; 5 s when absent. */
  readonly handshakeTimeoutMs?: number;
  /** Bytes queued for one peer beyond which send() returns false; maxFrameBytes when absent. */
  readonly maxQueuedBytes?: number;
}

export type MessageHandler = (
  from: number,
  message: object,
  binary: Buffer,
  reply: (message: object, binary?: Buffer) => void,
) => void;
export type PeerHandler = (peer: number, up: boolean) => void;

export interface ChannelReply {
  readonly message: object;
  readonly binary: Buffer;
}

/** Counters per peer server id; they survive reconnections. */
export interface PeerStats {
  readonly serverId: number;
  readonly connected: boolean;
  /** Bytes of frames sent to the peer after the handshake. */
  readonly bytesSent: number;
  /** Bytes of frames received from the peer after the handshake. */
  readonly bytesReceived: number;
  /** send() and request() calls turned down because the peer's queue was full. */
  readonly backpressureRefusals: number;
}

export interface ChannelStats {
  /** Connections refused during the handshake (peer_refused lines), since start. */
  readonly handshakesRefused: number;
  readonly peers: readonly PeerStats[];
}

interface PeerCounters {
  bytesSent: number;
  bytesReceived: number;
  backpressureRefusals: number;
  /** Set when channel_backpressure was logged; cleared when the queue drains. */
  backpressureLogged: boolean;
}

interface PendingRequest {
  readonly peer: number;
  readonly resolve: (reply: ChannelReply) => void;
  readonly reject: (error: ChannelError) => void;
  readonly timer: NodeJS.Timeout;
}

export class ClusterChannel {
  readonly serverId: number;
  /** Random per channel: tells a restarted member from the process it replaced. */
  readonly incarnation = newIncarnation();
  readonly maxFrameBytes: number;
  readonly handshakeTimeoutMs: number;
  /** What connections and dialers may call back; kept off the public surface. */
  readonly #connectionHost: ConnectionHost;
  readonly #dialerHost: DialerHost;
  readonly #maxQueuedBytes: number;
  readonly #logger: Logger;
  readonly #server: Server;
  readonly #dialers: PeerDialer[] = [];
  /** Every connection not yet closed, handshaking or not. */
  readonly #connections = new Set<PeerConnection>();
  /** The one connection used to send to each peer. */
  readonly #live = new Map<number, PeerConnection>();
  /** Peers (to their incarnation) whose live connection closed while a successor was mid-handshake: not reported down. */
  readonly #handingOver = new Map<number, string>();
  /** Connections made by a dialer, so that it hears how they ended. */
  readonly #dialledBy = new Map<PeerConnection, PeerDialer>();
  readonly #counters = new Map<number, PeerCounters>();
  readonly #pending = new Map<number, PendingRequest>();
  readonly #messageHandlers: MessageHandler[] = [];
  readonly #peerHandlers: PeerHandler[] = [];
  #nextCorrelationId = 1;
  #handshakesRefused = 0;
  #closed = false;

  private constructor(options: ChannelOptions, server: Server) {
    this.serverId = options.serverId;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    this.#maxQueuedBytes = options.maxQueuedBytes ?? this.maxFrameBytes;
    this.#logger = options.logger;
    this.#server = server;
    this.#connectionHost = {
      serverId: this.serverId,
      incarnation: this.incarnation,
      secret: options.secret,
      maxFrameBytes: this.maxFrameBytes,
      handshakeTimeoutMs: this.handshakeTimeoutMs,
      checkHello: (_connection, hello) => this.#checkHello(hello),
      admit: (connection) => this.#admit(connection),
      opened: (connection, verdict) => this.#opened(connection, verdict),
      frame: (connection, frame) => this.#frame(connection, frame),
      refused: (connection, reason, detail) => this.#refused(connection, reason, detail),
      closed: (connection) => this.#closedConnection(connection),
    };
    this.#dialerHost = {
      connectTimeoutMs: this.handshakeTimeoutMs,
      connected: (dialer, socket) => this.#dialled(dialer, socket),
      dialFailed: (dialer, error) => this.#dialFailed(dialer, error),
    };
  }

  /** Listens on `options.listen` and starts dialling the peers; resolves once listening. */
  static async start(options: ChannelOptions): Promise<ClusterChannel> {
    validateOptions(options);
    const server = net.createServer({ noDelay: true, keepAlive: true });
    const channel = new ClusterChannel(options, server);
    server.on('connection', (socket) => channel.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error): void => {
        reject(new ChannelError(
          CHANNEL_INVALID_OPTIONS,
          `The cluster channel cannot listen on ${options.listen.host}:${options.listen.port} (${error.message}); ` +
            'set ha.host.coordination to a free local address.',
        ));
      };
      server.once('error', failed);
      server.listen({ host: options.listen.host, port: options.listen.port }, () => {
        server.off('error', failed);
        resolve();
      });
    });
    const bound = channel.address;
    channel.#logger.info({ event: 'channel_listening', serverId: channel.serverId, address: `${bound.host}:${bound.port}` }, 'cluster channel listening');
    for (const peer of options.peers) {
      if (isOwnAddress(peer, options.listen, bound)) continue;
      const dialer = new PeerDialer(channel.#dialerHost, peer.host, peer.port);
      channel.#dialers.push(dialer);
      dialer.start();
    }
    return channel;
  }

  get address(): ChannelAddress {
    const bound = this.#server.address();
    if (bound === null || typeof bound === 'string') {
      throw new ChannelError(CHANNEL_CLOSED, 'The cluster channel is not listening (it was closed); start a new one.');
    }
    return { host: bound.address, port: bound.port };
  }

  /** Server ids of the peers with an authenticated connection, ascending. */
  connectedPeers(): number[] {
    return [...this.#live.keys()].sort((a, b) => a - b);
  }

  /**
   * Queues a message for `to`. False when there is no connection to it or its queue is
   * over the byte bound; the caller decides whether to retry, wait or go elsewhere.
   * Throws GLB_HA_CHANNEL_FRAME_TOO_LARGE when the frame would exceed maxFrameBytes.
   */
  send(to: number, message: object, binary?: Buffer): boolean {
    if (this.#closed) return false;
    return this.#sendFrame(to, this.#encode(FrameKind.message, 0, message, binary)) === 'sent';
  }

  /** Sends to every connected peer; a peer that cannot take it now is skipped. */
  broadcast(message: object): void {
    if (this.#closed) return;
    const frame = this.#encode(FrameKind.message, 0, message, undefined);
    for (const peer of this.#live.keys()) this.#sendFrame(peer, frame);
  }

  /** Sends a request and resolves with the peer's reply; rejects with a ChannelError (match on `code`). */
  request(to: number, message: object, binary: Buffer | undefined, timeoutMs: number): Promise<ChannelReply> {
    if (this.#closed) return Promise.reject(new ChannelError(CHANNEL_CLOSED, 'The cluster channel is closed; no request can be sent.'));
    const correlationId = this.#takeCorrelationId();
    let frame: EncodedFrame;
    try {
      frame = this.#encode(FrameKind.request, correlationId, message, binary);
    } catch (error) {
      return Promise.reject(error);
    }
    const outcome = this.#sendFrame(to, frame);
    if (outcome === 'not_connected') {
      return Promise.reject(new ChannelError(CHANNEL_PEER_UNAVAILABLE, `Member ${to} is not connected; retry once it is (see onPeer).`));
    }
    if (outcome === 'backpressure') {
      return Promise.reject(new ChannelError(CHANNEL_BACKPRESSURE, `Member ${to} is not reading fast enough (its queue is full); retry later.`));
    }
    return new Promise<ChannelReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(correlationId);
        reject(new ChannelError(CHANNEL_REQUEST_TIMEOUT, `Member ${to} did not reply within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.#pending.set(correlationId, { peer: to, resolve, reject, timer });
    });
  }

  /**
   * Calls `handler` for every message and request. `reply` answers a request (the first
   * call counts); for a plain message it sends a message back to the sender.
   */
  onMessage(handler: MessageHandler): void {
    this.#messageHandlers.push(handler);
  }

  /** Calls `handler` when a peer's first connection opens (up) and its last one closes (down). */
  onPeer(handler: PeerHandler): void {
    this.#peerHandlers.push(handler);
  }

  stats(): ChannelStats {
    const peers = [...this.#counters.entries()]
      .sort(([a], [b]) => a - b)
      .map(([serverId, counters]) => ({
        serverId,
        connected: this.#live.has(serverId),
        bytesSent: counters.bytesSent,
        bytesReceived: counters.bytesReceived,
        backpressureRefusals: counters.backpressureRefusals,
      }));
    return { handshakesRefused: this.#handshakesRefused, peers };
  }

  /** Stops listening and dialling, closes every connection and fails pending requests. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const dialer of this.#dialers) dialer.stop();
    const serverClosed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const socketsClosed = [...this.#connections].map(
      (connection) => new Promise<void>((resolve) => {
        if (connection.socket.closed) resolve();
        else connection.socket.once('close', () => resolve());
        connection.close();
      }),
    );
    await Promise.all([serverClosed, ...socketsClosed]);
    for (const [correlationId, pending] of this.#pending) {
      clearTimeout(pending.timer);
      this.#pending.delete(correlationId);
      pending.reject(new ChannelError(CHANNEL_CLOSED, 'The cluster channel was closed before the reply came.'));
    }
    this.#logger.info({ event: 'channel_closed', serverId: this.serverId }, 'cluster channel closed');
  }

  // What connections call back (ConnectionHost).

  #checkHello(hello: Hello): RefusalReason | undefined {
    if (hello.incarnation === this.incarnation) return 'self';
    if (hello.serverId === this.serverId) return 'duplicate_server_id';
    const live = this.#live.get(hello.serverId);
    if (live !== undefined && live.peer!.incarnation !== hello.incarnation) return 'duplicate_server_id';
    return undefined;
  }

  #admit(connection: PeerConnection): AdmitVerdict {
    const live = this.#live.get(connection.peer!.serverId);
    if (live === undefined) return 'live';
    if (live.peer!.incarnation !== connection.peer!.incarnation) return 'duplicate_server_id';
    return this.#ranksBefore(connection, live) ? 'live' : 'spare';
  }

  #opened(connection: PeerConnection, verdict: 'live' | 'spare'): void {
    const hello = connection.peer!;
    const peerId = hello.serverId;
    const previous = this.#live.get(peerId);
    if (verdict === 'spare') {
      this.#logRetired(connection, previous!);
      return;
    }
    this.#install(connection);
    if (previous !== undefined) {
      this.#logRetired(previous, connection);
      previous.retire();
      return;
    }
    const handedOverFrom = this.#handingOver.get(peerId);
    this.#handingOver.delete(peerId);
    if (handedOverFrom === hello.incarnation) return;
    if (handedOverFrom !== undefined) this.#peerDown(peerId, connection);
    this.#logger.info(
      { event: 'peer_connected', serverId: this.serverId, peer: peerId, address: connection.address, outbound: connection.outbound },
      'peer connected',
    );
    this.#emitPeer(peerId, true);
  }

  #frame(connection: PeerConnection, frame: Frame): void {
    const peerId = connection.peer!.serverId;
    this.#countersOf(peerId).bytesReceived += frame.bytes;
    if (frame.kind === FrameKind.reply) {
      const pending = this.#pending.get(frame.correlationId);
      if (pending === undefined || pending.peer !== peerId) return;
      this.#pending.delete(frame.correlationId);
      clearTimeout(pending.timer);
      pending.resolve({ message: frame.json, binary: frame.binary });
      return;
    }
    let replied = false;
    const reply = (message: object, binary?: Buffer): void => {
      if (frame.kind !== FrameKind.request) {
        this.send(peerId, message, binary);
        return;
      }
      if (replied || this.#closed) return;
      replied = true;
      this.#sendFrame(peerId, this.#encode(FrameKind.reply, frame.correlationId, message, binary));
    };
    for (const handler of this.#messageHandlers) {
      try {
        handler(peerId, frame.json, frame.binary, reply);
      } catch (error) {
        this.#logger.error({ event: 'channel_handler_failed', serverId: this.serverId, peer: peerId, err: error }, 'a message handler threw');
      }
    }
  }

  #refused(connection: PeerConnection, reason: RefusalReason, detail: string): void {
    if (reason === 'self') {
      this.#logger.debug({ event: 'peer_is_self', serverId: this.serverId, address: connection.address }, 'an initial host is this member');
    } else {
      this.#handshakesRefused++;
      this.#logger.warn(
        { event: 'peer_refused', serverId: this.serverId, address: connection.address, peer: connection.peer?.serverId, reason, detail },
        'cluster peer refused',
      );
    }
    this.#settleHandover(connection);
  }

  #closedConnection(connection: PeerConnection): void {
    this.#connections.delete(connection);
    const hello = connection.peer;
    if (hello !== undefined && this.#live.get(hello.serverId) === connection) {
      this.#live.delete(hello.serverId);
      if (this.#successorOf(connection) !== undefined) this.#handingOver.set(hello.serverId, hello.incarnation);
      else this.#peerDown(hello.serverId, connection);
    } else {
      this.#settleHandover(connection);
    }
    const dialer = this.#dialledBy.get(connection);
    if (dialer === undefined) return;
    this.#dialledBy.delete(connection);
    dialer.connectionClosed({
      peerId: hello?.serverId,
      handshakeSucceeded: connection.opened,
      peerStillConnected: hello !== undefined && (this.#live.has(hello.serverId) || this.#handingOver.has(hello.serverId)),
      self: hello !== undefined && hello.incarnation === this.incarnation,
    });
  }

  // What dialers call back (DialerHost).

  #dialled(dialer: PeerDialer, socket: Socket): void {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    const connection = new PeerConnection(this.#connectionHost, socket, true);
    this.#connections.add(connection);
    this.#dialledBy.set(connection, dialer);
  }

  #dialFailed(dialer: PeerDialer, error: Error): void {
    this.#logger.debug({ event: 'peer_dial_failed', serverId: this.serverId, address: dialer.address, error: error.message }, 'dial failed');
  }

  #accept(socket: Socket): void {
    if (this.#closed) {
      socket.destroy();
      return;
    }
    this.#connections.add(new PeerConnection(this.#connectionHost, socket, false));
  }

  #install(connection: PeerConnection): void {
    const peerId = connection.peer!.serverId;
    this.#live.set(peerId, connection);
    const counters = this.#countersOf(peerId);
    counters.backpressureLogged = false;
    connection.socket.on('drain', () => {
      counters.backpressureLogged = false;
    });
  }

  #logRetired(retired: PeerConnection, kept: PeerConnection): void {
    this.#logger.debug(
      { event: 'peer_connection_retired', serverId: this.serverId, peer: retired.peer!.serverId, retired: retired.address, kept: kept.address },
      'a second connection to a peer was retired',
    );
  }

  /** A handshake that was to take over a peer's closed connection failed: the peer is down unless another one still can. */
  #settleHandover(connection: PeerConnection): void {
    const hello = connection.peer;
    if (hello === undefined || this.#handingOver.get(hello.serverId) !== hello.incarnation) return;
    if (this.#successorOf(connection) !== undefined) return;
    this.#handingOver.delete(hello.serverId);
    this.#peerDown(hello.serverId, connection);
  }

  /** A connection of the same peer incarnation still in its handshake, which will become live when it opens. */
  #successorOf(connection: PeerConnection): PeerConnection | undefined {
    const hello = connection.peer!;
    for (const candidate of this.#connections) {
      const other = candidate.peer;
      if (candidate === connection || candidate.state !== 'awaiting_proof' || other === undefined) continue;
      if (other.serverId === hello.serverId && other.incarnation === hello.incarnation) return candidate;
    }
    return undefined;
  }

  #peerDown(peerId: number, connection: PeerConnection): void {
    this.#logger.info(
      { event: 'peer_disconnected', serverId: this.serverId, peer: peerId, address: connection.address, reason: connection.disconnectReason },
      'peer disconnected',
    );
    for (const [correlationId, pending] of this.#pending) {
      if (pending.peer !== peerId) continue;
      clearTimeout(pending.timer);
      this.#pending.delete(correlationId);
      pending.reject(new ChannelError(CHANNEL_PEER_LOST, `The connection to member ${peerId} closed before it replied; retry once it is back.`));
    }
    for (const dialer of this.#dialers) dialer.peerDown(peerId);
    this.#emitPeer(peerId, false);
  }

  #emitPeer(peerId: number, up: boolean): void {
    for (const handler of this.#peerHandlers) {
      try {
        handler(peerId, up);
      } catch (error) {
        this.#logger.error({ event: 'channel_handler_failed', serverId: this.serverId, peer: peerId, err: error }, 'a peer handler threw');
      }
    }
  }

  /**
   * Of two connections of a pair, the one dialled by the lower server id wins, then the
   * one whose dialler's nonce is smaller: both sides see the same facts, so both keep the same one.
   */
  #ranksBefore(candidate: PeerConnection, incumbent: PeerConnection): boolean {
    const candidateByLower = this.#dialledByLowerId(candidate);
    const incumbentByLower = this.#dialledByLowerId(incumbent);
    if (candidateByLower !== incumbentByLower) return candidateByLower;
    return candidate.dialNonce < incumbent.dialNonce;
  }

  #dialledByLowerId(connection: PeerConnection): boolean {
    return connection.outbound === this.serverId < connection.peer!.serverId;
  }

  #encode(kind: FrameKind, correlationId: number, message: object, binary: Buffer | undefined): EncodedFrame {
    const frame = encodeFrame(kind, correlationId, message, binary);
    if (frame.bytes - FRAME_LENGTH_BYTES > this.maxFrameBytes) {
      throw new ChannelError(
        CHANNEL_FRAME_TOO_LARGE,
        `A frame of ${frame.bytes} bytes exceeds maxFrameBytes (${this.maxFrameBytes}); send the payload in smaller pieces.`,
      );
    }
    return frame;
  }

  #sendFrame(to: number, frame: EncodedFrame): 'sent' | 'not_connected' | 'backpressure' {
    const connection = this.#live.get(to);
    if (connection === undefined || !connection.writable) return 'not_connected';
    const counters = this.#countersOf(to);
    const queued = connection.queuedBytes;
    // An empty queue always takes one frame, so a frame up to maxFrameBytes can always be sent.
    if (queued > 0 && queued + frame.bytes > this.#maxQueuedBytes) {
      counters.backpressureRefusals++;
      if (!counters.backpressureLogged) {
        counters.backpressureLogged = true;
        this.#logger.warn(
          { event: 'channel_backpressure', serverId: this.serverId, peer: to, queuedBytes: queued, limitBytes: this.#maxQueuedBytes },
          'peer reads too slowly; sends refused until its queue drains',
        );
      }
      return 'backpressure';
    }
    connection.write(frame);
    counters.bytesSent += frame.bytes;
    return 'sent';
  }

  #countersOf(peerId: number): PeerCounters {
    let counters = this.#counters.get(peerId);
    if (counters === undefined) {
      counters = { bytesSent: 0, bytesReceived: 0, backpressureRefusals: 0, backpressureLogged: false };
      this.#counters.set(peerId, counters);
    }
    return counters;
  }

  #takeCorrelationId(): number {
    const id = this.#nextCorrelationId;
    this.#nextCorrelationId = id === MAX_U32 ? 1 : id + 1;
    return id;
  }
}

function isOwnAddress(peer: ChannelAddress, listen: ChannelAddress, bound: ChannelAddress): boolean {
  if (peer.port !== bound.port) return false;
  return peer.host === listen.host || peer.host === bound.host;
}

function validateOptions(options: ChannelOptions): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(options.serverId) || options.serverId < 1) problems.push(`serverId must be an integer >= 1 (ha.server_id), not ${options.serverId}`);
  if (options.secret.length === 0) problems.push('secret must not be empty (ha.cluster_secret)');
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (!Number.isSafeInteger(maxFrameBytes) || maxFrameBytes < 1024 || maxFrameBytes > MAX_U32) problems.push(`maxFrameBytes must be an integer in [1024, ${MAX_U32}], not ${maxFrameBytes}`);
  const timeout = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0) problems.push(`handshakeTimeoutMs must be > 0, not ${timeout}`);
  const queued = options.maxQueuedBytes ?? maxFrameBytes;
  if (!Number.isSafeInteger(queued) || queued < 1) problems.push(`maxQueuedBytes must be an integer >= 1, not ${queued}`);
  if (problems.length > 0) {
    throw new ChannelError(CHANNEL_INVALID_OPTIONS, `The cluster channel cannot start: ${problems.join('; ')}.`);
  }
}
