/**
 * The bytes of an array property value, stored in a chain of
 * neostore.propertystore.db.arrays records (see dynamic-record.ts for the chain).
 *
 * Layout (little-endian):
 *
 *   offset  size  field
 *   0       1     element type: 0 empty, 1 boolean, 2 INTEGER, 3 FLOAT, 4 string
 *   1       4     element count (u32)
 *   5       ...   elements, back to back:
 *                   boolean  1 byte (0 or 1)
 *                   INTEGER  8 bytes, i64
 *                   FLOAT    8 bytes, f64 (NaN, infinities and -0 kept bit for bit)
 *                   string   u32 byte length, then that many bytes of UTF-8
 *
 * An empty array has type 0 and count 0: JavaScript cannot tell the element type of an
 * empty array, so none is kept.
 */
import type { PropertyValue } from './property-value.js';

const EMPTY = 0;
const BOOLEAN = 1;
const INTEGER = 2;
const FLOAT = 3;
const STRING = 4;
const HEADER = 5;

/** Encodes an array already accepted by checkPropertyValue. */
export function encodeArray(values: readonly boolean[] | readonly bigint[] | readonly number[] | readonly string[]): Buffer {
  const count = values.length;
  if (count === 0) {
    const bytes = Buffer.alloc(HEADER);
    bytes[0] = EMPTY;
    return bytes;
  }
  switch (typeof values[0]) {
    case 'boolean': {
      const bytes = Buffer.allocUnsafe(HEADER + count);
      writeHeader(bytes, BOOLEAN, count);
      for (let i = 0; i < count; i++) bytes[HEADER + i] = values[i] ? 1 : 0;
      return bytes;
    }
    case 'bigint': {
      const bytes = Buffer.allocUnsafe(HEADER + count * 8);
      writeHeader(bytes, INTEGER, count);
      for (let i = 0; i < count; i++) bytes.writeBigInt64LE(values[i] as bigint, HEADER + i * 8);
      return bytes;
    }
    case 'number': {
      const bytes = Buffer.allocUnsafe(HEADER + count * 8);
      writeHeader(bytes, FLOAT, count);
      for (let i = 0; i < count; i++) bytes.writeDoubleLE(values[i] as number, HEADER + i * 8);
      return bytes;
    }
    default: {
      const encoded = (values as readonly string[]).map((value) => Buffer.from(value, 'utf8'));
      let length = HEADER;
      for (const element of encoded) length += 4 + element.length;
      const bytes = Buffer.allocUnsafe(length);
      writeHeader(bytes, STRING, count);
      let offset = HEADER;
      for (const element of encoded) {
        bytes.writeUInt32LE(element.length, offset);
        element.copy(bytes, offset + 4);
        offset += 4 + element.length;
      }
      return bytes;
    }
  }
}

/** Decodes bytes written by encodeArray; throws on anything else. */
export function decodeArray(bytes: Buffer): PropertyValue {
  if (bytes.length < HEADER) throw malformed(`${bytes.length} bytes is shorter than the ${HEADER}-byte header`);
  const type = bytes[0]!;
  const count = bytes.readUInt32LE(1);
  switch (type) {
    case EMPTY:
      expectLength(bytes, HEADER, count === 0);
      return [];
    case BOOLEAN: {
      expectLength(bytes, HEADER + count, true);
      const values = new Array<boolean>(count);
      for (let i = 0; i < count; i++) values[i] = bytes[HEADER + i] !== 0;
      return values;
    }
    case INTEGER: {
      expectLength(bytes, HEADER + count * 8, true);
      const values = new Array<bigint>(count);
      for (let i = 0; i < count; i++) values[i] = bytes.readBigInt64LE(HEADER + i * 8);
      return values;
    }
    case FLOAT: {
      expectLength(bytes, HEADER + count * 8, true);
      const values = new Array<number>(count);
      for (let i = 0; i < count; i++) values[i] = bytes.readDoubleLE(HEADER + i * 8);
      return values;
    }
    case STRING: {
      const values = new Array<string>(count);
      let offset = HEADER;
      for (let i = 0; i < count; i++) {
        if (offset + 4 > bytes.length) throw malformed(`string element ${i} starts past the end`);
        const length = bytes.readUInt32LE(offset);
        offset += 4;
        if (offset + length > bytes.length) throw malformed(`string element ${i} runs past the end`);
        values[i] = bytes.toString('utf8', offset, offset + length);
        offset += length;
      }
      expectLength(bytes, offset, true);
      return values;
    }
    default:
      throw malformed(`unknown element type ${type}`);
  }
}

function writeHeader(bytes: Buffer, type: number, count: number): void {
  bytes[0] = type;
  bytes.writeUInt32LE(count, 1);
}

function expectLength(bytes: Buffer, expected: number, valid: boolean): void {
  if (!valid || bytes.length !== expected) {
    throw malformed(`expected ${expected} bytes, found ${bytes.length}`);
  }
}

function malformed(detail: string): Error {
  return new Error(`malformed array property value: ${detail}; the store is damaged, run graphlb check`);
}
