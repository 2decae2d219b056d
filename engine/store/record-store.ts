/**
 * One record file read and written through the page cache, with its id generator.
 *
 * Records never cross a page: a page holds floor(pageSize / recordSize) records and the
 * bytes left over at its end are unused. Record `id` lives on page
 * floor(id / recordsPerPage) at byte (id % recordsPerPage) * recordSize of that page.
 * Bit 0 of a record's first byte is its in-use flag, in every record format.
 *
 * Pins are held only while a record's bytes are copied or decoded, never across calls.
 */
import type { PagedFile } from '../pagecache/paged-file.js';
import type { IdGenerator } from './id-generator.js';
import type { StoreDescriptor } from './store-type.js';

/** Turns the bytes of record `id` at buffer[offset, offset + recordSize) into a record. */
export type RecordDecoder<R> = (buffer: Buffer, offset: number, id: number, recordSize: number) => R;

/** What a scan of a whole file found. */
export interface RecordScan {
  /** One past the highest record in use (0 when none is). */
  readonly highId: number;
  readonly inUse: number;
  /** Ids below highId whose records are not in use, ascending. */
  readonly free: number[];
}

// Reads above the high id find no record; they decode these zeros instead of faulting
// pages that do not exist.
const ZEROS = Buffer.alloc(256);

export class RecordStore {
  readonly descriptor: StoreDescriptor;
  readonly recordSize: number;
  readonly recordsPerPage: number;
  ids: IdGenerator;
  /** Records read (decoded or in-use checked) or scanned since the store opened: a diagnostic that proves index use in tests. */
  reads = 0;
  readonly #file: PagedFile;
  readonly #pageSize: number;

  constructor(descriptor: StoreDescriptor, file: PagedFile, ids: IdGenerator) {
    this.descriptor = descriptor;
    this.recordSize = descriptor.recordSize;
    this.#file = file;
    this.#pageSize = file.pageSize;
    this.recordsPerPage = Math.floor(file.pageSize / descriptor.recordSize);
    if (this.recordsPerPage === 0) {
      throw new Error(`page size ${file.pageSize} is smaller than a ${descriptor.fileName} record (${descriptor.recordSize} bytes)`);
    }
    this.ids = ids;
  }

  get file(): PagedFile {
    return this.#file;
  }

  read<R>(id: number, decode: RecordDecoder<R>): R {
    this.reads++;
    if (id >= this.ids.highId) return decode(ZEROS, 0, id, this.recordSize);
    const page = Math.floor(id / this.recordsPerPage);
    const file = this.#file;
    const frame = file.pin(page, false);
    try {
      return decode(file.buffer, frame * this.#pageSize + (id - page * this.recordsPerPage) * this.recordSize, id, this.recordSize);
    } finally {
      file.unpin(frame);
    }
  }

  inUse(id: number): boolean {
    this.reads++;
    if (id >= this.ids.highId) return false;
    const page = Math.floor(id / this.recordsPerPage);
    const file = this.#file;
    const frame = file.pin(page, false);
    const flags = file.buffer[frame * this.#pageSize + (id - page * this.recordsPerPage) * this.recordSize]!;
    file.unpin(frame);
    return (flags & 1) !== 0;
  }

  /** Writes a whole record; returns whether the record it replaced was in use. */
  write(id: number, source: Buffer): boolean {
    const page = Math.floor(id / this.recordsPerPage);
    const file = this.#file;
    const frame = file.pin(page, true);
    const offset = frame * this.#pageSize + (id - page * this.recordsPerPage) * this.recordSize;
    const buffer = file.buffer;
    const wasInUse = (buffer[offset]! & 1) !== 0;
    source.copy(buffer, offset, 0, this.recordSize);
    file.unpin(frame);
    return wasInUse;
  }

  /** Pages of the file, counting pages so far only in the cache. */
  pageCount(): number {
    return this.#file.pageCount();
  }

  /** Appends the ids of the in-use records on `page` to `into`, ascending. */
  collectInUse(page: number, into: number[]): void {
    this.reads += this.recordsPerPage;
    const file = this.#file;
    const frame = file.pin(page, false);
    const buffer = file.buffer;
    const base = frame * this.#pageSize;
    const firstId = page * this.recordsPerPage;
    for (let i = 0; i < this.recordsPerPage; i++) {
      if ((buffer[base + i * this.recordSize]! & 1) !== 0) into.push(firstId + i);
    }
    file.unpin(frame);
  }

  /** Reads every page of the file to find the records in use. */
  scan(): RecordScan {
    const file = this.#file;
    const free: number[] = [];
    let inUse = 0;
    let highId = 0;
    const pages = this.pageCount();
    for (let page = 0; page < pages; page++) {
      const frame = file.pin(page, false);
      const buffer = file.buffer;
      const base = frame * this.#pageSize;
      const firstId = page * this.recordsPerPage;
      for (let i = 0; i < this.recordsPerPage; i++) {
        if ((buffer[base + i * this.recordSize]! & 1) !== 0) {
          inUse++;
          highId = firstId + i + 1;
        } else {
          free.push(firstId + i);
        }
      }
      file.unpin(frame);
    }
    let kept = free.length;
    while (kept > 0 && free[kept - 1]! >= highId) kept--;
    free.length = kept;
    return { highId, inUse, free };
  }
}
