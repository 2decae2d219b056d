/**
 * u64 little-endian fields that hold JS safe integers (tx ids, epochs, times in ms).
 * Two u32 halves instead of readBigUInt64LE: no bigint is allocated per entry on the
 * append and scan paths.
 */
const TWO_TO_32 = 0x1_0000_0000;

export function writeU64(target: Buffer, value: number, offset: number): void {
  target.writeUInt32LE(value % TWO_TO_32, offset);
  target.writeUInt32LE(Math.floor(value / TWO_TO_32), offset + 4);
}

export function readU64(source: Buffer, offset: number): number {
  return source.readUInt32LE(offset + 4) * TWO_TO_32 + source.readUInt32LE(offset);
}
