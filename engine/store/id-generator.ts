/**
 * Id allocation for one record file: the high id (one past the highest id ever handed
 * out or seen in use), the free list (ids below it that no record uses and nobody holds),
 * and the count of records in use. Freed ids are handed out again before the high id
 * grows, most recently freed first.
 *
 * `<store file>.id` holds a snapshot, written atomically by checkpoints
 * (little-endian):
 *
 *   offset   size  field
 *   0        4     magic "GLBI"
 *   4        2     format version (1)
 *   6        2     zero
 *   8        8     high id (u64)
 *   16       8     records in use (u64)
 *   24       4     number of free ids, n (u32)
 *   28       4n    free ids (u32 each, ascending)
 *   28+4n    4     CRC-32 of every byte before it
 *
 * A snapshot is only as current as the checkpoint that wrote it; after a crash the store
 * rebuilds these by scanning (NeoStores.rebuildIdGenerators).
 */
import { crc32 } from 'node:zlib';
import { MAX_ID } from './record-id.js';

const MAGIC = 0x49424c47; // "GLBI" read as a little-endian u32
const VERSION = 1;
const HEADER = 28;

export class IdGenerator {
  readonly #name: string;
  #highId: number;
  #inUse: number;
  /** Free ids, most recently freed on top; may also hold ids no longer free (lazily skipped). */
  readonly #stack: number[] = [];
  readonly #free = new Set<number>();

  /** `name` names the store in errors. Free ids at or above `highId` are ignored. */
  constructor(name: string, highId: number, inUse: number, freeIds: readonly number[]) {
    this.#name = name;
    this.#highId = highId;
    this.#inUse = inUse;
    // Pushed highest first so that the lowest ids are handed out first.
    for (let i = freeIds.length - 1; i >= 0; i--) this.release(freeIds[i]!);
  }

  get highId(): number {
    return this.#highId;
  }

  /** Records in use, as kept by putInUse/takeOutOfUse. */
  get inUse(): number {
    return this.#inUse;
  }

  get freeCount(): number {
    return this.#free.size;
  }

  allocate(): number {
    const stack = this.#stack;
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (this.#free.delete(id)) return id;
    }
    if (this.#highId > MAX_ID) {
      throw new Error(`the ${this.#name} store is full: all ${MAX_ID + 1} record ids are in use; delete data or split the graph`);
    }
    return this.#highId++;
  }

  /** Gives an id back. Ids at or above the high id were never handed out and stay out; repeats are ignored. */
  release(id: number): void {
    if (id >= this.#highId || this.#free.has(id)) return;
    this.#free.add(id);
    this.#stack.push(id);
  }

  /** Notes that record `id` is in use: it leaves the free list and the high id covers it. */
  markUsed(id: number): void {
    if (this.#free.delete(id) && this.#stack.length > 2 * this.#free.size + 64) this.#compact();
    if (id >= this.#highId) this.#highId = id + 1;
  }

  /** A record was written in use; `wasInUse` tells whether it already was. */
  putInUse(id: number, wasInUse: boolean): void {
    this.markUsed(id);
    if (!wasInUse) this.#inUse++;
  }

  /** A record was written out of use; `wasInUse` tells whether it was in use before. */
  takeOutOfUse(id: number, wasInUse: boolean): void {
    this.release(id);
    if (wasInUse) this.#inUse--;
  }

  isFree(id: number): boolean {
    return this.#free.has(id);
  }

  /** The free ids, ascending. */
  freeIds(): number[] {
    return [...this.#free].sort((a, b) => a - b);
  }

  encode(): Buffer {
    const free = this.freeIds();
    const bytes = Buffer.alloc(HEADER + free.length * 4 + 4);
    bytes.writeUInt32LE(MAGIC, 0);
    bytes.writeUInt16LE(VERSION, 4);
    bytes.writeBigUInt64LE(BigInt(this.#highId), 8);
    bytes.writeBigUInt64LE(BigInt(this.#inUse), 16);
    bytes.writeUInt32LE(free.length, 24);
    for (let i = 0; i < free.length; i++) bytes.writeUInt32LE(free[i]!, HEADER + i * 4);
    const end = HEADER + free.length * 4;
    bytes.writeUInt32LE(crc32(bytes.subarray(0, end)), end);
    return bytes;
  }

  /** Decodes a .id file; throws an Error saying what is wrong with it. */
  static decode(name: string, bytes: Buffer): IdGenerator {
    if (bytes.length < HEADER + 4) throw new Error(`${bytes.length} bytes is too short for an id file`);
    if (bytes.readUInt32LE(0) !== MAGIC) throw new Error('not an id file (bad magic)');
    const version = bytes.readUInt16LE(4);
    if (version !== VERSION) throw new Error(`id file format version ${version} is not supported (expected ${VERSION})`);
    const count = bytes.readUInt32LE(24);
    const end = HEADER + count * 4;
    if (bytes.length !== end + 4) throw new Error(`id file of ${bytes.length} bytes cannot hold ${count} free ids`);
    if (crc32(bytes.subarray(0, end)) !== bytes.readUInt32LE(end)) throw new Error('id file checksum mismatch');
    const highId = Number(bytes.readBigUInt64LE(8));
    const inUse = Number(bytes.readBigUInt64LE(16));
    if (highId > MAX_ID + 1 || inUse > highId) throw new Error(`id file holds an impossible high id ${highId} or count ${inUse}`);
    const free = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      free[i] = bytes.readUInt32LE(HEADER + i * 4);
      if (free[i]! >= highId || (i > 0 && free[i]! <= free[i - 1]!)) throw new Error('id file free list is not ascending below the high id');
    }
    return new IdGenerator(name, highId, inUse, free);
  }

  #compact(): void {
    const stack = this.#stack;
    let kept = 0;
    for (let i = 0; i < stack.length; i++) {
      const id = stack[i]!;
      if (this.#free.has(id)) stack[kept++] = id;
    }
    stack.length = kept;
  }
}
