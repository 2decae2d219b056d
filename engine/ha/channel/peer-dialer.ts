/**
 * Keeps one initial host dialled: connects, hands the socket to the channel, and after a
 * failure or a close tries again with a capped exponential backoff (redial-backoff.ts).
 *
 *   waiting ──timer: #dial()──> connecting ──'connect': host.connected()──> connected
 *      ^                            │                                         │
 *      │  connect error or timeout  │           connectionClosed(): the peer  │
 *      ├────────────────────────────┘           is reachable by no other      │
 *      ├──────────────────────────────────────  connection ───────────────────┤
 *      │                                                                      │
 *      └── peerDown(id) ── parked <── connectionClosed(): the peer is still ──┤
 *                                     connected another way (the pair kept    │
 *                                     the connection it dialled)              │
 *                                                                             │
 *                              self <── connectionClosed(): the address is ───┘
 *                                       this member (it answered with our own incarnation)
 *   any state ──stop()──> stopped
 *
 * Parking is what keeps a pair from redialling forever: when the peer dialled us too and
 * the pair kept that connection, this dialer rests until the peer goes down.
 */
import net, { type Socket } from 'node:net';
import { RedialBackoff } from './redial-backoff.js';

export type DialerState = 'waiting' | 'connecting' | 'connected' | 'parked' | 'self' | 'stopped';

export interface DialerHost {
  readonly connectTimeoutMs: number;
  /** A socket to the host is up: the host starts the handshake on it. */
  connected(dialer: PeerDialer, socket: Socket): void;
  /** A connect attempt failed; for a debug log line. */
  dialFailed(dialer: PeerDialer, error: Error): void;
}

/** How the connection this dialer made ended, as the channel saw it. */
export interface DialledConnectionEnd {
  /** The peer's server id, when its HELLO arrived. */
  readonly peerId: number | undefined;
  readonly handshakeSucceeded: boolean;
  /** The peer is still connected through another connection. */
  readonly peerStillConnected: boolean;
  /** The address is this member itself. */
  readonly self: boolean;
}

export class PeerDialer {
  readonly host: string;
  readonly port: number;
  #state: DialerState = 'waiting';
  #parkedOn: number | undefined;
  #socket: Socket | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #backoff = new RedialBackoff();
  readonly #owner: DialerHost;

  constructor(owner: DialerHost, host: string, port: number) {
    this.#owner = owner;
    this.host = host;
    this.port = port;
  }

  get state(): DialerState {
    return this.#state;
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  start(): void {
    this.#dial();
  }

  connectionClosed(end: DialledConnectionEnd): void {
    if (this.#state !== 'connected') return;
    this.#socket = undefined;
    if (end.handshakeSucceeded) this.#backoff.reset();
    if (end.self) {
      this.#state = 'self';
    } else if (end.peerStillConnected && end.peerId !== undefined) {
      this.#state = 'parked';
      this.#parkedOn = end.peerId;
    } else {
      this.#wait();
    }
  }

  /** The channel lost its last connection to `peerId`: a dialer parked on it dials again. */
  peerDown(peerId: number): void {
    if (this.#state !== 'parked' || this.#parkedOn !== peerId) return;
    this.#parkedOn = undefined;
    this.#wait();
  }

  stop(): void {
    this.#state = 'stopped';
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // A connected socket belongs to a PeerConnection by now; the channel closes those.
    if (this.#socket !== undefined && this.#socket.connecting) this.#socket.destroy();
    this.#socket = undefined;
  }

  #wait(): void {
    this.#state = 'waiting';
    this.#timer = setTimeout(() => this.#dial(), this.#backoff.nextDelayMs());
  }

  #dial(): void {
    if (this.#state === 'stopped') return;
    this.#state = 'connecting';
    this.#timer = undefined;
    const socket = net.connect({ host: this.host, port: this.port });
    this.#socket = socket;
    const timeout = setTimeout(
      () => socket.destroy(new Error(`No connection to ${this.address} within ${this.#owner.connectTimeoutMs} ms.`)),
      this.#owner.connectTimeoutMs,
    );
    const failed = (error: Error): void => {
      clearTimeout(timeout);
      if (this.#state !== 'connecting' || this.#socket !== socket) return;
      this.#socket = undefined;
      this.#owner.dialFailed(this, error);
      this.#wait();
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      clearTimeout(timeout);
      socket.off('error', failed);
      if (this.#state !== 'connecting') {
        socket.destroy();
        return;
      }
      this.#state = 'connected';
      this.#owner.connected(this, socket);
    });
  }
}
