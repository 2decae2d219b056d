/**
 * The store's identity and its last checkpoint: the `neostore` file, small and always
 * replaced whole (write to a temporary sibling, fsync, rename, fsync the directory), so a
 * crash leaves either the old or the new contents.
 *
 * Layout (little-endian):
 *
 *   offset  size  field
 *   0       4     magic "GLBN"
 *   4       2     store format version
 *   6       2     zero
 *   8       16    store id (random, shown as 32 hex digits)
 *   24      8     creation time, ms since the epoch (u64)
 *   32      8     checkpoint: last transaction id in the store files (u64)
 *   40      4     checkpoint: that transaction's chained checksum (u32)
 *   44      4     zero
 *   48      8     checkpoint: epoch of the master that wrote that transaction (u64)
 *   56      8     checkpoint: time of the checkpoint, ms since the epoch (u64)
 *   64      4     CRC-32 of bytes 0..63
 */
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { FileSystem } from '../io/file-system.js';

export interface StoreMetaData {
  readonly storeId: string;
  readonly creationTimeMs: number;
  readonly formatVersion: number;
  readonly checkpointTxId: number;
  readonly checkpointChecksum: number;
  readonly checkpointEpoch: number;
  readonly checkpointTimeMs: number;
}

export const META_DATA_FILE = 'neostore';
/** The store format this code reads and writes. */
export const STORE_FORMAT_VERSION = 1;

const MAGIC = 0x4e424c47; // "GLBN" read as a little-endian u32
const SIZE = 68;
const STORE_ID = /^[0-9a-f]{32}$/;

export class MetaDataStore {
  readonly #fileSystem: FileSystem;
  readonly #file: string;
  #current: StoreMetaData;

  private constructor(fileSystem: FileSystem, file: string, current: StoreMetaData) {
    this.#fileSystem = fileSystem;
    this.#file = file;
    this.#current = current;
  }

  /** Reads `file`; throws an Error saying what is wrong when it is damaged or from another format. */
  static open(fileSystem: FileSystem, file: string): MetaDataStore {
    return new MetaDataStore(fileSystem, file, decodeMetaData(file, fileSystem.readFile(file)));
  }

  /** Writes a new `file` for an empty store: a random store id, no checkpoint yet. */
  static create(fileSystem: FileSystem, file: string, nowMs: number): MetaDataStore {
    const store = new MetaDataStore(fileSystem, file, {
      storeId: randomBytes(16).toString('hex'),
      creationTimeMs: nowMs,
      formatVersion: STORE_FORMAT_VERSION,
      checkpointTxId: 0,
      checkpointChecksum: 0,
      checkpointEpoch: 0,
      checkpointTimeMs: nowMs,
    });
    store.write(store.#current);
    return store;
  }

  read(): StoreMetaData {
    return this.#current;
  }

  /** Replaces the file atomically and durably, then serves the new contents. */
  write(metaData: StoreMetaData): void {
    const bytes = encodeMetaData(metaData);
    this.#fileSystem.writeFileAtomic(this.#file, bytes);
    this.#current = { ...metaData };
  }
}

export function encodeMetaData(m: StoreMetaData): Buffer {
  if (!STORE_ID.test(m.storeId)) throw new Error(`store id ${JSON.stringify(m.storeId)} is not 32 lowercase hex digits`);
  checkU64('creationTimeMs', m.creationTimeMs);
  checkU64('checkpointTxId', m.checkpointTxId);
  checkU64('checkpointEpoch', m.checkpointEpoch);
  checkU64('checkpointTimeMs', m.checkpointTimeMs);
  checkU64('formatVersion', m.formatVersion);
  if (m.formatVersion > 0xffff) throw new Error(`format version ${m.formatVersion} does not fit in 16 bits`);
  if (!Number.isInteger(m.checkpointChecksum) || m.checkpointChecksum < 0 || m.checkpointChecksum > 0xffffffff) {
    throw new Error(`checkpoint checksum ${m.checkpointChecksum} is not a u32`);
  }
  const bytes = Buffer.alloc(SIZE);
  bytes.writeUInt32LE(MAGIC, 0);
  bytes.writeUInt16LE(m.formatVersion, 4);
  bytes.write(m.storeId, 8, 'hex');
  bytes.writeBigUInt64LE(BigInt(m.creationTimeMs), 24);
  bytes.writeBigUInt64LE(BigInt(m.checkpointTxId), 32);
  bytes.writeUInt32LE(m.checkpointChecksum, 40);
  bytes.writeBigUInt64LE(BigInt(m.checkpointEpoch), 48);
  bytes.writeBigUInt64LE(BigInt(m.checkpointTimeMs), 56);
  bytes.writeUInt32LE(crc32(bytes.subarray(0, 64)), 64);
  return bytes;
}

export function decodeMetaData(file: string, bytes: Buffer): StoreMetaData {
  const damaged = (detail: string): Error =>
    new Error(`${file} is damaged: ${detail}; expected a graphlb store metadata file. Restore the store from a backup or copy it from another cluster member`);
  if (bytes.length !== SIZE) throw damaged(`it has ${bytes.length} bytes instead of ${SIZE}`);
  if (bytes.readUInt32LE(0) !== MAGIC) throw damaged('it does not start with the GLBN magic');
  if (crc32(bytes.subarray(0, 64)) !== bytes.readUInt32LE(64)) throw damaged('its checksum does not match');
  const formatVersion = bytes.readUInt16LE(4);
  if (formatVersion !== STORE_FORMAT_VERSION) {
    throw new Error(
      `${file} has store format version ${formatVersion}, but this graphlb reads version ${STORE_FORMAT_VERSION}: ` +
        'open it with the graphlb version that wrote it',
    );
  }
  return {
    storeId: bytes.toString('hex', 8, 24),
    creationTimeMs: Number(bytes.readBigUInt64LE(24)),
    formatVersion,
    checkpointTxId: Number(bytes.readBigUInt64LE(32)),
    checkpointChecksum: bytes.readUInt32LE(40),
    checkpointEpoch: Number(bytes.readBigUInt64LE(48)),
    checkpointTimeMs: Number(bytes.readBigUInt64LE(56)),
  };
}

function checkU64(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${field} ${value} is not a non-negative safe integer`);
}
