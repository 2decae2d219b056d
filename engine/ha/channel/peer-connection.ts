/**
 * One TCP connection between two members: the handshake, then frames both ways. The
 * ClusterChannel decides what a connection is for (which one of a pair is live, what a
 * message means); this file only knows the connection's own lifecycle.
 *
 *   awaiting_hello ──#onHello──> awaiting_proof ──#onProof + host.admit()──> open
 *        │                            │                                       │
 *        │   bad HELLO, wrong proof, duplicate server id, version mismatch,   │ retire()
 *        │   bad frame, handshake timeout, REFUSE received: #refuse()         v
 *        └────────────────────────────┴──> refused                         retiring
 *                                             │                               │
 *            socket closed, or the grace timer after end(): #onSocketClosed  │
 *                                             v                               v
 *                                           closed <───── close() / bad frame / socket closed (from open)
 *
 * Both sides send HELLO at once and PROOF as soon as the peer's HELLO arrived, so neither
 * waits for the other's verdict and both check a proof (a wrong secret is refused and
 * logged on both sides). Before `open` frames are capped at HANDSHAKE_MAX_FRAME_BYTES, so
 * an unauthenticated peer cannot make a member buffer megabytes, and nothing but HELLO
 * and PROOF is accepted. `refused` and `retiring` end the socket rather than destroy it,
 * so that the REFUSE frame, or frames already under way, still arrive; a retiring
 * connection still delivers what it reads until the peer closes it.
 */
import type { Socket } from 'node:net';
import { FrameDecoder, FrameError } from './frame-decoder.js';
import { FrameKind, encodeFrame, type EncodedFrame, type Frame } from './frame-format.js';
import { PROTOCOL_VERSION, computeProof, newNonce, readHello, verifyProof, type Hello } from './handshake.js';

const HANDSHAKE_MAX_FRAME_BYTES = 4096;
/** Keep-alive probes start after this much silence, so a vanished host is noticed without traffic. */
const KEEP_ALIVE_DELAY_MS = 1000;

export type ConnectionState = 'awaiting_hello' | 'awaiting_proof' | 'open' | 'retiring' | 'refused' | 'closed';

/**
 * Why a handshake did not end in an open connection. `self` is a member that dialled its
 * own address (not a refusal worth a warning); `refused_by_peer` is the other side's verdict.
 */
export type RefusalReason =
  | 'bad_hello'
  | 'bad_proof'
  | 'version_mismatch'
  | 'duplicate_server_id'
  | 'handshake_timeout'
  | 'malformed_frame'
  | 'frame_too_large'
  | 'unexpected_frame'
  | 'refused_by_peer'
  | 'self';

/** Why an open connection ended. */
export type DisconnectReason =
  | 'peer_closed'
  | 'refused_by_peer'
  | 'malformed_frame'
  | 'frame_too_large'
  | 'unexpected_frame'
  | 'socket_error'
  | 'local_close'
  | 'retired';

export type AdmitVerdict = 'live' | 'spare' | RefusalReason;

/** What a connection asks of the channel that owns it. */
export interface ConnectionHost {
  readonly serverId: number;
  readonly incarnation: string;
  readonly secret: string;
  readonly maxFrameBytes: number;
  readonly handshakeTimeoutMs: number;
  /** After a well-formed HELLO: why the peer is refused, or undefined to go on. */
  checkHello(connection: PeerConnection, hello: Hello): RefusalReason | undefined;
  /**
   * After a verified proof: `live` when the connection now carries the pair's traffic,
   * `spare` when the pair already has a better one (this one opens and is retired at once,
   * so the peer sees a clean end), or why the peer is refused.
   */
  admit(connection: PeerConnection): AdmitVerdict;
  /** The connection is open; it takes the verdict admit() gave. */
  opened(connection: PeerConnection, verdict: 'live' | 'spare'): void;
  frame(connection: PeerConnection, frame: Frame): void;
  refused(connection: PeerConnection, reason: RefusalReason, detail: string): void;
  closed(connection: PeerConnection): void;
}

export class PeerConnection {
  readonly socket: Socket;
  /** Whether this member dialled the connection (outbound) or accepted it. */
  readonly outbound: boolean;
  /** The peer's host:port as seen on the socket. */
  readonly address: string;
  #state: ConnectionState = 'awaiting_hello';
  #peerHello: Hello | undefined;
  #opened = false;
  #disconnectReason: DisconnectReason | undefined;
  readonly #host: ConnectionHost;
  readonly #nonce = newNonce();
  readonly #decoder = new FrameDecoder(HANDSHAKE_MAX_FRAME_BYTES);
  #timer: NodeJS.Timeout | undefined;

  constructor(host: ConnectionHost, socket: Socket, outbound: boolean) {
    this.#host = host;
    this.socket = socket;
    this.outbound = outbound;
    this.address = `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => this.#noteDisconnect('socket_error'));
    socket.on('end', () => this.#noteDisconnect('peer_closed'));
    socket.on('close', () => this.#onSocketClosed());
    this.#timer = setTimeout(() => this.#refuse('handshake_timeout', `The handshake did not finish within ${host.handshakeTimeoutMs} ms.`), host.handshakeTimeoutMs);
    this.write(encodeFrame(FrameKind.hello, 0, {
      serverId: host.serverId,
      nonce: this.#nonce,
      version: PROTOCOL_VERSION,
      incarnation: host.incarnation,
    }));
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The peer's HELLO, once it has arrived. */
  get peer(): Hello | undefined {
    return this.#peerHello;
  }

  /** Whether the handshake succeeded at some point. */
  get opened(): boolean {
    return this.#opened;
  }

  /**
   * The nonce of the side that dialled: both sides know it, so both rank two connections
   * of a pair the same way.
   */
  get dialNonce(): string {
    return this.outbound ? this.#nonce : this.#peerHello!.nonce;
  }

  get disconnectReason(): DisconnectReason | undefined {
    return this.#disconnectReason;
  }

  /** Bytes handed to the socket and not yet sent. */
  get queuedBytes(): number {
    return this.socket.writableLength;
  }

  get writable(): boolean {
    return this.#state === 'open' && this.socket.writable;
  }

  write(frame: EncodedFrame): void {
    this.socket.cork();
    this.socket.write(frame.head);
    if (frame.binary.length > 0) this.socket.write(frame.binary);
    this.socket.uncork();
  }

  /** Stops using an open connection that lost to a better one; what is under way still arrives. */
  retire(): void {
    if (this.#state !== 'open') return;
    this.#state = 'retiring';
    this.#disconnectReason = 'retired';
    this.#endGracefully();
  }

  /** Refuses a peer whose handshake is still going, for a reason the channel found. */
  refuse(reason: RefusalReason, detail: string): void {
    this.#refuse(reason, detail);
  }

  close(): void {
    this.#noteDisconnect('local_close');
    this.socket.destroy();
  }

  #onData(chunk: Buffer): void {
    if (this.#ignoresInput()) return;
    let frames: Frame[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.#fail(error.reason, error.message);
      return;
    }
    for (const frame of frames) {
      // A frame can end the connection; the ones after it are not for anyone.
      if (this.#ignoresInput()) return;
      this.#onFrame(frame);
    }
  }

  #ignoresInput(): boolean {
    return this.#state === 'refused' || this.#state === 'closed';
  }

  #onFrame(frame: Frame): void {
    if (frame.kind === FrameKind.refuse) {
      const { reason } = frame.json as Record<string, unknown>;
      this.#refuse('refused_by_peer', `The peer refused this member: ${typeof reason === 'string' ? reason : 'no reason given'}.`, false);
      return;
    }
    switch (this.#state) {
      case 'awaiting_hello':
        if (frame.kind === FrameKind.hello) this.#onHello(frame);
        else this.#refuse('unexpected_frame', `Frame kind ${frame.kind} arrived before the peer's HELLO.`);
        return;
      case 'awaiting_proof':
        if (frame.kind === FrameKind.proof) this.#onProof(frame);
        else this.#refuse('unexpected_frame', `Frame kind ${frame.kind} arrived before the peer's PROOF.`);
        return;
      default:
        if (frame.kind === FrameKind.hello || frame.kind === FrameKind.proof) {
          this.#fail('unexpected_frame', `Frame kind ${frame.kind} arrived after the handshake.`);
          return;
        }
        this.#host.frame(this, frame);
    }
  }

  #onHello(frame: Frame): void {
    const hello = readHello(frame.json);
    if (hello === undefined) {
      this.#refuse('bad_hello', 'The HELLO does not carry {serverId >= 1, nonce (64 hex), version, incarnation (32 hex)}.');
      return;
    }
    this.#peerHello = hello;
    if (hello.version !== PROTOCOL_VERSION) {
      this.#refuse('version_mismatch', `The peer speaks protocol version ${hello.version}; this member speaks ${PROTOCOL_VERSION}. Run the same graphlb version on every member.`);
      return;
    }
    const refusal = this.#host.checkHello(this, hello);
    if (refusal !== undefined) {
      this.#refuse(refusal, `The peer says it is ha.server_id=${hello.serverId}, which this member cannot accept; give every member its own ha.server_id.`);
      return;
    }
    this.#state = 'awaiting_proof';
    this.write(encodeFrame(FrameKind.proof, 0, { proof: computeProof(this.#host.secret, this.#host.serverId, this.#nonce, hello.nonce) }));
  }

  #onProof(frame: Frame): void {
    const hello = this.#peerHello!;
    if (!verifyProof(this.#host.secret, frame.json, hello, this.#nonce)) {
      this.#refuse('bad_proof', 'The peer\'s proof does not match ha.cluster_secret; set the same secret on every member.');
      return;
    }
    const verdict = this.#host.admit(this);
    if (verdict !== 'live' && verdict !== 'spare') {
      this.#refuse(verdict, `Another member is already connected as ha.server_id=${hello.serverId}; give every member its own ha.server_id.`);
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#state = 'open';
    this.#opened = true;
    this.#decoder.maxFrameBytes = this.#host.maxFrameBytes;
    this.#host.opened(this, verdict);
    if (verdict === 'spare') this.retire();
  }

  #refuse(reason: RefusalReason, detail: string, tellPeer = true): void {
    if (this.#state === 'refused' || this.#state === 'closed') return;
    if (this.#state === 'open' || this.#state === 'retiring') {
      // The peer turned this connection down after both proofs (it found a duplicate): a disconnect.
      this.#noteDisconnect('refused_by_peer');
      this.socket.destroy();
      return;
    }
    this.#state = 'refused';
    if (tellPeer && reason !== 'self' && this.socket.writable) this.write(encodeFrame(FrameKind.refuse, 0, { reason }));
    this.#host.refused(this, reason, detail);
    this.#endGracefully();
  }

  /** An open connection that broke the protocol: nothing it sends can be trusted any more. */
  #fail(reason: RefusalReason & DisconnectReason, detail: string): void {
    if (this.#state === 'open' || this.#state === 'retiring') {
      this.#noteDisconnect(reason);
      this.socket.destroy();
      return;
    }
    this.#refuse(reason, detail);
  }

  #endGracefully(): void {
    clearTimeout(this.#timer);
    this.socket.end();
    this.#timer = setTimeout(() => this.socket.destroy(), this.#host.handshakeTimeoutMs);
  }

  #noteDisconnect(reason: DisconnectReason): void {
    this.#disconnectReason ??= reason;
  }

  #onSocketClosed(): void {
    if (this.#state === 'closed') return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#noteDisconnect('peer_closed');
    this.#state = 'closed';
    this.#host.closed(this);
  }
}
