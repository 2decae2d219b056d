/**
 * The transaction log's on-disk format.
 *
 * Files `neostore.transaction.db.<N>` (N = 0, 1, 2, ..., the log version) in the store
 * directory. A file is one header followed by entries back to back, nothing else. Every
 * integer is little-endian; u64 fields hold safe integers (< 2^53).
 *
 * File header, 56 bytes:
 *
 *   offset  size  field
 *        0     8  magic, ASCII "GLBTXLOG"
 *        8     4  format version, u32 = 1
 *       12     4  header checksum, u32: crc32 of bytes 16..55 (seed 0)
 *       16     8  log version N, u64: equal to the file name's suffix
 *       24     8  previous tx id, u64: the tx id of the last entry before this file (0: none)
 *       32     8  previous epoch, u64: that entry's epoch
 *       40     8  previous time, u64: that entry's time, ms since 1970
 *       48     4  previous checksum, u32: that entry's chained checksum (0: none)
 *       52     4  reserved, zero
 *
 * The header carries where the chain stands when the file begins, so a file without
 * entries (just rotated, or the survivor of pruning) still tells the next tx id and the
 * checksum to continue from; and the first tx id of file N is its previous tx id + 1,
 * which is how a reader finds the file holding a tx without scanning.
 *
 * Entry, 32 bytes + payload:
 *
 *   offset  size  field
 *        0     4  payload length n, u32
 *        4     4  checksum, u32
 *        8     8  tx id, u64
 *       16     8  epoch, u64: the term of the master that wrote the transaction
 *       24     8  time, u64: commit time, ms since 1970
 *       32     n  payload: the record after-images, opaque here (engine/store/ encodes them)
 *
 *   checksum = crc32(bytes 0..3 ++ bytes 8..31 ++ payload), seeded with the previous
 *   entry's checksum (for a file's first entry, the header's previous checksum; 0 for tx 1).
 *
 * An entry is valid when it lies wholly inside the file, its checksum matches and its tx
 * id is the previous one + 1. Because every member computes the chain over the same
 * fields in the same order, replicated logs end up with identical checksums. The first
 * invalid entry of the newest file marks a torn tail: everything from it on is cut.
 */
import { crc32 } from 'node:zlib';
import type { ChainLink } from './chain-link.js';
import { readU64, writeU64 } from './u64.js';

export const LOG_FORMAT_VERSION = 1;
export const LOG_HEADER_SIZE = 56;
export const LOG_ENTRY_HEADER_SIZE = 32;
export const MAX_PAYLOAD_BYTES = 0xffff_ffff;

const MAGIC = Buffer.from('GLBTXLOG', 'ascii');

export interface LogFileHeader {
  readonly logVersion: number;
  /** The last entry before this file; the empty chain for the first file of a new log. */
  readonly previous: ChainLink;
}

export type DecodedLogFileHeader =
  | { readonly ok: true; readonly header: LogFileHeader }
  | { readonly ok: false; readonly reason: string };

export function encodeLogFileHeader(header: LogFileHeader): Buffer {
  const target = Buffer.alloc(LOG_HEADER_SIZE);
  MAGIC.copy(target, 0);
  target.writeUInt32LE(LOG_FORMAT_VERSION, 8);
  writeU64(target, header.logVersion, 16);
  writeU64(target, header.previous.txId, 24);
  writeU64(target, header.previous.epoch, 32);
  writeU64(target, header.previous.timeMs, 40);
  target.writeUInt32LE(header.previous.checksum, 48);
  target.writeUInt32LE(crc32(target.subarray(16, LOG_HEADER_SIZE)), 12);
  return target;
}

/** Decodes the first `length` bytes of `source` (fewer than a header's worth: a torn header). */
export function decodeLogFileHeader(source: Buffer, length: number): DecodedLogFileHeader {
  if (length < LOG_HEADER_SIZE) {
    return { ok: false, reason: `the file holds ${length} bytes, fewer than the ${LOG_HEADER_SIZE} of a log file header` };
  }
  if (!source.subarray(0, 8).equals(MAGIC)) {
    return { ok: false, reason: 'the file does not start with the magic "GLBTXLOG" of a graphlb transaction log' };
  }
  const formatVersion = source.readUInt32LE(8);
  if (formatVersion !== LOG_FORMAT_VERSION) {
    return { ok: false, reason: `the header has format version ${formatVersion}; this graphlb reads version ${LOG_FORMAT_VERSION}` };
  }
  if (source.readUInt32LE(12) !== crc32(source.subarray(16, LOG_HEADER_SIZE))) {
    return { ok: false, reason: 'the header checksum does not match its contents' };
  }
  return {
    ok: true,
    header: {
      logVersion: readU64(source, 16),
      previous: {
        txId: readU64(source, 24),
        epoch: readU64(source, 32),
        timeMs: readU64(source, 40),
        checksum: source.readUInt32LE(48),
      },
    },
  };
}

/**
 * Fills the 32-byte entry header at `target[0..32)` and returns the entry's chained
 * checksum (also written into it).
 */
export function writeEntryHeader(
  target: Buffer,
  txId: number,
  epoch: number,
  timeMs: number,
  payload: Buffer,
  previousChecksum: number,
): number {
  target.writeUInt32LE(payload.length, 0);
  writeU64(target, txId, 8);
  writeU64(target, epoch, 16);
  writeU64(target, timeMs, 24);
  const checksum = entryChecksum(target, 0, payload, previousChecksum);
  target.writeUInt32LE(checksum, 4);
  return checksum;
}

/** The chained checksum of the entry whose 32-byte header starts at `header[offset]`. */
export function entryChecksum(header: Buffer, offset: number, payload: Buffer, previousChecksum: number): number {
  const fields = crc32(header.subarray(offset + 8, offset + LOG_ENTRY_HEADER_SIZE), crc32(header.subarray(offset, offset + 4), previousChecksum));
  // zlib's crc32 answers 0, not the seed, for an empty buffer without memory behind it
  // (crypto.randomBytes(0) is one), which would break the chain at every empty payload.
  return payload.length === 0 ? fields : crc32(payload, fields);
}
