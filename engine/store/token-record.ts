/**
 * Token records: neostore.labeltokenstore.db, neostore.relationshiptypestore.db and
 * neostore.propertystore.db.index, 5 bytes each, record id = token id.
 *
 *   offset  size  field
 *   0       1     flags: bit 0 in use
 *   1       4     first record of the name (UTF-8) in the kind's names store (u32)
 *
 * A record not in use is all zeros. Tokens are never deleted.
 */
import { NO_ID } from './record-id.js';

export const TOKEN_RECORD_SIZE = 5;

const IN_USE = 0x01;

export interface TokenRecord {
  readonly id: number;
  inUse: boolean;
  nameRecord: number;
}

export function decodeToken(buffer: Buffer, offset: number, id: number): TokenRecord {
  if ((buffer[offset]! & IN_USE) === 0) return { id, inUse: false, nameRecord: NO_ID };
  return { id, inUse: true, nameRecord: buffer.readUInt32LE(offset + 1) };
}

/** Writes TOKEN_RECORD_SIZE bytes at `offset`. */
export function encodeToken(record: TokenRecord, target: Buffer, offset: number): void {
  target.fill(0, offset, offset + TOKEN_RECORD_SIZE);
  if (!record.inUse) return;
  target[offset] = IN_USE;
  target.writeUInt32LE(record.nameRecord, offset + 1);
}
