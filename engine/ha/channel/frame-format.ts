/**
 * The cluster channel's frames. Every byte a member sends to a peer is one of these,
 * little-endian throughout:
 *
 *   offset  size  field
 *   0       4     length          u32: bytes that follow this field (9 + jsonLength + binary)
 *   4       1     kind            u8:  a FrameKind below
 *   5       4     correlation id  u32: 0 for a frame that expects no reply; a request's id,
 *                                      echoed by its reply
 *   9       4     json length     u32: bytes of JSON that follow
 *   13      n     json            UTF-8 JSON text of one object
 *   13+n    rest  binary          opaque payload (transaction batches, store file chunks); may be empty
 *
 * A frame is valid when length >= 9, length <= the receiver's maximum, json length <=
 * length - 9, the kind is known and the JSON parses to an object. Anything else closes
 * the connection: there is no resynchronising inside a TCP stream.
 *
 * Kinds and when they may appear (see peer-connection.ts for the handshake):
 *   1 HELLO   {serverId, nonce, version, incarnation}   first frame each way
 *   2 PROOF   {proof}                                   answer to the peer's HELLO
 *   3 REFUSE  {reason}                                  sent before closing a refused handshake
 *   4 MESSAGE any object; correlation id 0              only after the handshake
 *   5 REQUEST any object; correlation id != 0           only after the handshake
 *   6 REPLY   any object; the request's correlation id  only after the handshake
 */

export const FRAME_LENGTH_BYTES = 4;
/** kind (1) + correlation id (4) + json length (4): the part of `length` that is always there. */
export const FRAME_FIXED_BYTES = 9;
export const FRAME_HEADER_BYTES = FRAME_LENGTH_BYTES + FRAME_FIXED_BYTES;

export const FrameKind = {
  hello: 1,
  proof: 2,
  refuse: 3,
  message: 4,
  request: 5,
  reply: 6,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

const knownKinds = new Set<number>(Object.values(FrameKind));

export function isFrameKind(value: number): value is FrameKind {
  return knownKinds.has(value);
}

export interface Frame {
  readonly kind: FrameKind;
  readonly correlationId: number;
  readonly json: object;
  readonly binary: Buffer;
  /** The whole frame's size on the wire, length field included. */
  readonly bytes: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * A frame as buffers to write in order: the header with the JSON, then the binary payload
 * untouched, so that a many-MB batch is never copied. `bytes` is the frame's full size.
 */
export interface EncodedFrame {
  readonly head: Buffer;
  readonly binary: Buffer;
  readonly bytes: number;
}

export function encodeFrame(kind: FrameKind, correlationId: number, json: object, binary: Buffer = EMPTY): EncodedFrame {
  const text = Buffer.from(JSON.stringify(json), 'utf8');
  const head = Buffer.allocUnsafe(FRAME_HEADER_BYTES + text.length);
  head.writeUInt32LE(FRAME_FIXED_BYTES + text.length + binary.length, 0);
  head.writeUInt8(kind, 4);
  head.writeUInt32LE(correlationId, 5);
  head.writeUInt32LE(text.length, 9);
  text.copy(head, FRAME_HEADER_BYTES);
  return { head, binary, bytes: head.length + binary.length };
}
