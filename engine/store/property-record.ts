/**
 * Property records: neostore.propertystore.db, 41 bytes each. An entity's properties are
 * a doubly linked chain of these records starting at the entity's first property.
 *
 *   offset  size  field
 *   0       1     flags: bit 0 in use
 *   1       4     previous property record of the chain (u32, NO_ID at the head)
 *   5       4     next property record of the chain (u32, NO_ID at the tail)
 *   9       32    4 property blocks of 8 bytes (property-block.ts); up to 4 properties
 *
 * A record in use holds at least one property; a record not in use is all zeros.
 */
import { BLOCK_AREA_SIZE } from './property-block.js';
import { NO_ID } from './record-id.js';

export const PROPERTY_RECORD_SIZE = 41;

const IN_USE = 0x01;
const BLOCKS_OFFSET = 9;

export interface PropertyRecord {
  readonly id: number;
  inUse: boolean;
  prevProp: number;
  nextProp: number;
  /** The 32-byte block area, owned by this record object. */
  readonly blocks: Buffer;
}

export function emptyPropertyRecord(id: number): PropertyRecord {
  return { id, inUse: false, prevProp: NO_ID, nextProp: NO_ID, blocks: Buffer.alloc(BLOCK_AREA_SIZE) };
}

export function decodeProperty(buffer: Buffer, offset: number, id: number): PropertyRecord {
  if ((buffer[offset]! & IN_USE) === 0) return emptyPropertyRecord(id);
  const blocks = Buffer.allocUnsafe(BLOCK_AREA_SIZE);
  buffer.copy(blocks, 0, offset + BLOCKS_OFFSET, offset + BLOCKS_OFFSET + BLOCK_AREA_SIZE);
  return {
    id,
    inUse: true,
    prevProp: buffer.readUInt32LE(offset + 1),
    nextProp: buffer.readUInt32LE(offset + 5),
    blocks,
  };
}

/** Writes PROPERTY_RECORD_SIZE bytes at `offset`. */
export function encodeProperty(record: PropertyRecord, target: Buffer, offset: number): void {
  if (!record.inUse) {
    target.fill(0, offset, offset + PROPERTY_RECORD_SIZE);
    return;
  }
  target[offset] = IN_USE;
  target.writeUInt32LE(record.prevProp, offset + 1);
  target.writeUInt32LE(record.nextProp, offset + 5);
  record.blocks.copy(target, offset + BLOCKS_OFFSET, 0, BLOCK_AREA_SIZE);
}
