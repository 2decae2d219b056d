/**
 * Property blocks: how one property (key and value) is packed into the 32-byte block area
 * of a property record (see property-record.ts). The area holds 4 blocks of 8 bytes; a
 * property takes 1 or 2 consecutive blocks; properties are packed from block 0 and the
 * first block whose type is 0 ends the used part (everything after it is zero).
 *
 * First block of a property (little-endian):
 *
 *   offset  size  field
 *   0       3     property key token id (u24)
 *   3       1     low 4 bits: type (below); high 4 bits: byte length of a short string
 *   4       4     payload, by type
 *
 *   type              blocks  where the value is
 *   1 BOOL            1       payload byte 0: 0 or 1
 *   2 INT             1       payload: i32 (an INTEGER within the 32-bit range)
 *   3 LONG            2       second block: i64 (any other INTEGER)
 *   4 FLOAT           2       second block: f64, bit for bit
 *   5 SHORT_STRING    1 or 2  UTF-8 bytes from payload on (up to 12: 4 in the payload, 8 in
 *                             a second block used only when more than 4)
 *   6 STRING          1       payload: u32 id of the first neostore.propertystore.db.strings record
 *   7 ARRAY           1       payload: u32 id of the first neostore.propertystore.db.arrays record
 */
import type { PropertyValue } from './property-value.js';

export const BLOCK_SIZE = 8;
export const BLOCKS_PER_RECORD = 4;
export const BLOCK_AREA_SIZE = BLOCK_SIZE * BLOCKS_PER_RECORD;
/** Property key ids are 24 bits wide in a block. */
export const MAX_PROPERTY_KEY_ID = 0xffffff;

export const PropertyType = {
  bool: 1,
  int: 2,
  long: 3,
  float: 4,
  shortString: 5,
  string: 6,
  array: 7,
} as const;

const SHORT_STRING_MAX_BYTES = 12;
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

export function blockType(blocks: Buffer, offset: number): number {
  return blocks[offset + 3]! & 0x0f;
}

export function blockKeyId(blocks: Buffer, offset: number): number {
  return blocks.readUIntLE(offset, 3);
}

/** Blocks taken by the property starting at `offset`, or 0 when its type is not valid. */
export function blockCount(blocks: Buffer, offset: number): number {
  switch (blockType(blocks, offset)) {
    case PropertyType.bool:
    case PropertyType.int:
    case PropertyType.string:
    case PropertyType.array:
      return 1;
    case PropertyType.long:
    case PropertyType.float:
      return 2;
    case PropertyType.shortString:
      return blocks[offset + 3]! >> 4 > 4 ? 2 : 1;
    default:
      return 0;
  }
}

/** Bytes of the block area in use; throws when the area is malformed. */
export function usedBlockBytes(blocks: Buffer): number {
  let offset = 0;
  while (offset < BLOCK_AREA_SIZE && blockType(blocks, offset) !== 0) {
    const count = blockCount(blocks, offset);
    if (count === 0 || offset + count * BLOCK_SIZE > BLOCK_AREA_SIZE) {
      throw new Error(`malformed property block at byte ${offset}: type ${blockType(blocks, offset)}`);
    }
    offset += count * BLOCK_SIZE;
  }
  return offset;
}

/** Offset of the property with `keyId` in the block area, or -1. */
export function findBlock(blocks: Buffer, keyId: number): number {
  const used = usedBlockBytes(blocks);
  for (let offset = 0; offset < used; offset += blockCount(blocks, offset) * BLOCK_SIZE) {
    if (blockKeyId(blocks, offset) === keyId) return offset;
  }
  return -1;
}

/** Removes the property at `offset`, moving the ones after it down and zeroing the freed tail. */
export function removeBlocks(blocks: Buffer, offset: number): void {
  const used = usedBlockBytes(blocks);
  const size = blockCount(blocks, offset) * BLOCK_SIZE;
  blocks.copy(blocks, offset, offset + size, used);
  blocks.fill(0, used - size, used);
}

/** Blocks `value` takes when stored inline, or 0 when it goes to a dynamic store (one pointer block). */
export function inlineBlocks(value: PropertyValue): number {
  switch (typeof value) {
    case 'boolean':
      return 1;
    case 'bigint':
      return value >= INT32_MIN && value <= INT32_MAX ? 1 : 2;
    case 'number':
      return 2;
    case 'string': {
      // A string of more than 12 UTF-16 units has more than 12 UTF-8 bytes: skip the count.
      if (value.length > SHORT_STRING_MAX_BYTES) return 0;
      const bytes = Buffer.byteLength(value, 'utf8');
      return bytes > SHORT_STRING_MAX_BYTES ? 0 : bytes > 4 ? 2 : 1;
    }
    default:
      return 0;
  }
}

/** Writes a value that inlineBlocks() accepted (> 0) at `offset`. */
export function writeInlineProperty(blocks: Buffer, offset: number, keyId: number, value: PropertyValue): void {
  const count = inlineBlocks(value);
  blocks.fill(0, offset, offset + count * BLOCK_SIZE);
  blocks.writeUIntLE(keyId, offset, 3);
  switch (typeof value) {
    case 'boolean':
      blocks[offset + 3] = PropertyType.bool;
      blocks[offset + 4] = value ? 1 : 0;
      return;
    case 'bigint':
      if (count === 1) {
        blocks[offset + 3] = PropertyType.int;
        blocks.writeInt32LE(Number(value), offset + 4);
      } else {
        blocks[offset + 3] = PropertyType.long;
        blocks.writeBigInt64LE(value, offset + BLOCK_SIZE);
      }
      return;
    case 'number':
      blocks[offset + 3] = PropertyType.float;
      blocks.writeDoubleLE(value, offset + BLOCK_SIZE);
      return;
    case 'string': {
      const length = blocks.write(value, offset + 4, 'utf8');
      blocks[offset + 3] = PropertyType.shortString | (length << 4);
      return;
    }
    default:
      throw new Error('arrays are never stored inline');
  }
}

/** Writes a pointer to a dynamic chain holding a long string or an array. */
export function writeDynamicProperty(blocks: Buffer, offset: number, keyId: number, type: 6 | 7, firstRecord: number): void {
  blocks.fill(0, offset, offset + BLOCK_SIZE);
  blocks.writeUIntLE(keyId, offset, 3);
  blocks[offset + 3] = type;
  blocks.writeUInt32LE(firstRecord, offset + 4);
}

/** The value of an inline property (any type but STRING and ARRAY). */
export function readInlineValue(blocks: Buffer, offset: number): PropertyValue {
  const type = blockType(blocks, offset);
  switch (type) {
    case PropertyType.bool:
      return blocks[offset + 4] !== 0;
    case PropertyType.int:
      return BigInt(blocks.readInt32LE(offset + 4));
    case PropertyType.long:
      return blocks.readBigInt64LE(offset + BLOCK_SIZE);
    case PropertyType.float:
      return blocks.readDoubleLE(offset + BLOCK_SIZE);
    case PropertyType.shortString: {
      const length = blocks[offset + 3]! >> 4;
      if (length > SHORT_STRING_MAX_BYTES) throw new Error(`malformed short string property: ${length} bytes`);
      return blocks.toString('utf8', offset + 4, offset + 4 + length);
    }
    default:
      throw new Error(`property block type ${type} is not an inline value`);
  }
}

/** The first dynamic record of a STRING or ARRAY block. */
export function blockPointer(blocks: Buffer, offset: number): number {
  return blocks.readUInt32LE(offset + 4);
}
