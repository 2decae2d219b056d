import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameDecoder, FrameError } from '../../../../engine/ha/channel/frame-decoder.js';
import { FrameKind, encodeFrame } from '../../../../engine/ha/channel/frame-format.js';
import { Random } from '../../../support/random.js';

function bytesOf(kind: FrameKind, correlationId: number, json: object, binary?: Buffer): Buffer {
  const frame = encodeFrame(kind, correlationId, json, binary);
  return Buffer.concat([frame.head, frame.binary]);
}

function rejects(decoder: FrameDecoder, bytes: Buffer, reason: string): void {
  assert.throws(() => decoder.push(bytes), (error: unknown) => error instanceof FrameError && error.reason === reason);
}

describe('the frame decoder', () => {
  it('lays a frame out as length, kind, correlation id, json length, json, binary, little-endian', () => {
    const bytes = bytesOf(FrameKind.request, 0x01020304, { a: 1 }, Buffer.from([9, 8]));
    const json = Buffer.from('{"a":1}');
    assert.equal(bytes.readUInt32LE(0), 1 + 4 + 4 + json.length + 2);
    assert.equal(bytes[4], 5);
    assert.deepEqual([...bytes.subarray(5, 9)], [4, 3, 2, 1]);
    assert.equal(bytes.readUInt32LE(9), json.length);
    assert.ok(bytes.subarray(13, 13 + json.length).equals(json));
    assert.deepEqual([...bytes.subarray(13 + json.length)], [9, 8]);
  });

  it('reassembles frames however the stream is cut', () => {
    const random = new Random(99);
    const frames = Array.from({ length: 20 }, (_, i) => ({
      kind: random.pick([FrameKind.message, FrameKind.request, FrameKind.reply]),
      correlationId: random.int(0x7fffffff),
      json: { i, text: random.string(30) },
      binary: Buffer.from(Array.from({ length: random.int(300) }, () => random.int(256))),
    }));
    const stream = Buffer.concat(frames.map((frame) => bytesOf(frame.kind, frame.correlationId, frame.json, frame.binary)));
    for (const maxPiece of [1, 2, 7, 64, stream.length]) {
      const decoder = new FrameDecoder(1024 * 1024);
      const decoded = [];
      for (let offset = 0; offset < stream.length;) {
        const size = 1 + random.int(maxPiece);
        decoded.push(...decoder.push(stream.subarray(offset, offset + size)));
        offset += size;
      }
      assert.equal(decoded.length, frames.length, `pieces of up to ${maxPiece} bytes`);
      decoded.forEach((frame, i) => {
        assert.equal(frame.kind, frames[i]!.kind);
        assert.equal(frame.correlationId, frames[i]!.correlationId);
        assert.deepEqual(frame.json, frames[i]!.json);
        assert.ok(frame.binary.equals(frames[i]!.binary));
        assert.equal(frame.bytes, 13 + Buffer.byteLength(JSON.stringify(frames[i]!.json)) + frames[i]!.binary.length);
      });
    }
  });

  it('rejects a length over the limit from the length field alone', () => {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(4097, 0);
    rejects(new FrameDecoder(4096), length, 'frame_too_large');
  });

  it('rejects frames that cannot be read', () => {
    const tooShort = Buffer.alloc(12);
    tooShort.writeUInt32LE(8, 0);
    rejects(new FrameDecoder(4096), tooShort, 'malformed_frame');

    const unknownKind = bytesOf(FrameKind.message, 0, {});
    unknownKind[4] = 42;
    rejects(new FrameDecoder(4096), unknownKind, 'malformed_frame');

    const jsonPastEnd = bytesOf(FrameKind.message, 0, {});
    jsonPastEnd.writeUInt32LE(1000, 9);
    rejects(new FrameDecoder(4096), jsonPastEnd, 'malformed_frame');

    const notJson = bytesOf(FrameKind.message, 0, {});
    notJson.write('{]', 13);
    rejects(new FrameDecoder(4096), notJson, 'malformed_frame');

    const head = Buffer.alloc(13);
    head.writeUInt32LE(9 + 4, 0);
    head[4] = FrameKind.message;
    head.writeUInt32LE(4, 9);
    rejects(new FrameDecoder(4096), Buffer.concat([head, Buffer.from('null')]), 'malformed_frame');
  });
});
