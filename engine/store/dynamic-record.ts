/**
 * Dynamic records: the chained fixed-size records that hold values too long for their
 * owner's record (long strings, arrays, node label arrays, token names, schema rules).
 * One value is one chain; the chain's first record is the one its owner points at.
 *
 *   offset  size  field
 *   0       1     flags: bit 0 in use; bit 1 first record of a chain
 *   1       4     next record of the chain (u32, NO_ID in the last)
 *   5       2     bytes of data in this record (u16)
 *   7       ...   data, recordSize - 7 bytes; only the first `length` bytes count
 *
 * Every record but the last of a chain is full. A record not in use is all zeros.
 */
import { NO_ID } from './record-id.js';

export const DYNAMIC_HEADER_SIZE = 7;

const IN_USE = 0x01;
const FIRST_IN_CHAIN = 0x02;

export interface DynamicRecord {
  readonly id: number;
  inUse: boolean;
  first: boolean;
  next: number;
  /** The data bytes of this record (a private copy). */
  data: Buffer;
}

const NO_DATA = Buffer.alloc(0);

export function dataSizeOf(recordSize: number): number {
  return recordSize - DYNAMIC_HEADER_SIZE;
}

export function emptyDynamicRecord(id: number): DynamicRecord {
  return { id, inUse: false, first: false, next: NO_ID, data: NO_DATA };
}

/** Throws when the length field exceeds the record's data area. */
export function decodeDynamic(buffer: Buffer, offset: number, id: number, recordSize: number): DynamicRecord {
  const flags = buffer[offset]!;
  if ((flags & IN_USE) === 0) return emptyDynamicRecord(id);
  const length = buffer.readUInt16LE(offset + 5);
  if (length > dataSizeOf(recordSize)) {
    throw new Error(
      `dynamic record ${id} claims ${length} bytes of data but holds at most ${dataSizeOf(recordSize)}; ` +
        'the store is damaged, run graphlb check',
    );
  }
  const data = Buffer.allocUnsafe(length);
  buffer.copy(data, 0, offset + DYNAMIC_HEADER_SIZE, offset + DYNAMIC_HEADER_SIZE + length);
  return { id, inUse: true, first: (flags & FIRST_IN_CHAIN) !== 0, next: buffer.readUInt32LE(offset + 1), data };
}

/** Writes `recordSize` bytes at `offset`. */
export function encodeDynamic(record: DynamicRecord, target: Buffer, offset: number, recordSize: number): void {
  target.fill(0, offset, offset + recordSize);
  if (!record.inUse) return;
  if (record.data.length > dataSizeOf(recordSize)) {
    throw new Error(`dynamic record ${record.id}: ${record.data.length} bytes do not fit in ${dataSizeOf(recordSize)}`);
  }
  target[offset] = IN_USE | (record.first ? FIRST_IN_CHAIN : 0);
  target.writeUInt32LE(record.next, offset + 1);
  target.writeUInt16LE(record.data.length, offset + 5);
  record.data.copy(target, offset + DYNAMIC_HEADER_SIZE);
}
