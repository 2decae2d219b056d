/**
 * Cuts a TCP byte stream into frames (frame-format.ts). Chunks are kept as they arrive
 * and joined once per frame, so a 10 MB batch read in 64 KiB pieces costs one copy, not
 * one per piece. A length over the limit is rejected from its first four bytes, before
 * anything is buffered for it.
 */
import {
  FRAME_FIXED_BYTES,
  FRAME_HEADER_BYTES,
  FRAME_LENGTH_BYTES,
  isFrameKind,
  type Frame,
} from './frame-format.js';

export type FrameErrorReason = 'frame_too_large' | 'malformed_frame';

/** The stream cannot be read as frames; the connection must be closed. */
export class FrameError extends Error {
  readonly reason: FrameErrorReason;

  constructor(reason: FrameErrorReason, message: string) {
    super(message);
    this.name = 'FrameError';
    this.reason = reason;
  }
}

export class FrameDecoder {
  /** Largest `length` accepted; raised after the handshake, kept small before it. */
  maxFrameBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;

  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Adds bytes read from the socket and returns every frame they complete; throws FrameError. */
  push(chunk: Buffer): Frame[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const frames: Frame[] = [];
    while (this.#buffered >= FRAME_LENGTH_BYTES) {
      const length = this.#peekLength();
      if (length > this.maxFrameBytes) {
        throw new FrameError(
          'frame_too_large',
          `A frame announced ${length} bytes, more than the limit of ${this.maxFrameBytes}; ` +
            'the peer is not a graphlb member or sends batches larger than maxFrameBytes (split them).',
        );
      }
      if (length < FRAME_FIXED_BYTES) {
        throw new FrameError('malformed_frame', `A frame announced ${length} bytes; every frame has at least ${FRAME_FIXED_BYTES}.`);
      }
      if (this.#buffered < FRAME_LENGTH_BYTES + length) break;
      frames.push(parseFrame(this.#take(FRAME_LENGTH_BYTES + length)));
    }
    return frames;
  }

  #peekLength(): number {
    const first = this.#chunks[0]!;
    if (first.length >= FRAME_LENGTH_BYTES) return first.readUInt32LE(0);
    const joined = Buffer.concat(this.#chunks);
    this.#chunks = [joined];
    return joined.readUInt32LE(0);
  }

  #take(size: number): Buffer {
    const first = this.#chunks[0]!;
    let taken: Buffer;
    if (first.length >= size) {
      taken = first.subarray(0, size);
      if (first.length === size) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(size);
    } else {
      const joined = Buffer.concat(this.#chunks);
      taken = joined.subarray(0, size);
      this.#chunks = joined.length > size ? [joined.subarray(size)] : [];
    }
    this.#buffered -= size;
    return taken;
  }
}

function parseFrame(bytes: Buffer): Frame {
  const length = bytes.length - FRAME_LENGTH_BYTES;
  const kind = bytes.readUInt8(4);
  const correlationId = bytes.readUInt32LE(5);
  const jsonLength = bytes.readUInt32LE(9);
  if (!isFrameKind(kind)) throw new FrameError('malformed_frame', `A frame has kind ${kind}; the known kinds are 1 to 6.`);
  if (jsonLength > length - FRAME_FIXED_BYTES) {
    throw new FrameError('malformed_frame', `A frame's JSON length ${jsonLength} runs past its ${length}-byte frame.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8', FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + jsonLength));
  } catch {
    throw new FrameError('malformed_frame', 'A frame\'s JSON part does not parse; every frame carries one JSON object.');
  }
  if (typeof json !== 'object' || json === null) {
    throw new FrameError('malformed_frame', 'A frame\'s JSON part is not an object; every frame carries one JSON object.');
  }
  return { kind, correlationId, json, binary: bytes.subarray(FRAME_HEADER_BYTES + jsonLength), bytes: bytes.length };
}
