/**
 * The frames of the page cache, the page tables of the mapped files, and eviction.
 *
 * Every frame is a `pageSize` slice of one buffer; its state lives in typed arrays
 * indexed by frame number, so that the cache holds no object per frame and a pin on a
 * resident page is a Map lookup and a few array increments (see PagedFile.pin).
 *
 * A frame's life (the function behind each transition in brackets):
 *
 *          [fault] the page is read, or zero-filled past the end of its file
 *   FREE ------------------------------------------------+
 *    ^  ^                                                v
 *    |  |                                       [pin]  +--------+ --+ [pin] / [unpin],
 *    |  |                              +-------------> | PINNED |   |  count stays >= 1
 *    |  |                              |     a hit     +--------+ <-+
 *    |  |                              |                   |
 *    |  |  [release] its file   +----------+               | [unpin] to count 0
 *    |  +---------------------- | UNPINNED | <-------------+
 *    |      is closed           +----------+
 *    |                               |
 *    +-------------------------------+
 *      [evictVictim] the clock hand finds usage 0; a dirty page is written back
 *      first, and [fault] takes the emptied frame at once for the page it brings in
 *
 * Dirty is orthogonal to the above: pin(forWrite) and markDirty() set it, a write-back
 * clears it. A page pinned while it is flushed is written but stays dirty, because its
 * holder may still be changing it; it is written again at the next flush or eviction.
 *
 * Eviction policy, GCLOCK: each frame has a usage counter, set to 1 when a page is
 * faulted in and raised by one on every hit, capped at MAX_USAGE. Free frames are used
 * first. When none is left, a clock hand sweeps the frames in order: it skips pinned
 * frames, lowers a non-zero counter by one and moves on, and evicts the first unpinned
 * frame whose counter is zero. A page touched often keeps a high counter and survives
 * several sweeps; a page read once by a scan has a counter of 1 and leaves on the next
 * pass, so a large scan does not push the hot set out. Since each full turn lowers every
 * unpinned counter, MAX_USAGE + 1 turns without a victim mean every frame is pinned.
 */
import { PAGE_CACHE_FULL, PageCacheError } from './page-cache-error.js';
import type { PageSwapper } from './page-swapper.js';

/** The cap of a frame's usage counter: how many sweeps an idle hot page survives. */
export const MAX_USAGE = 4;
/** The largest page id a frame can hold (page ids live in an Int32Array). */
export const MAX_PAGE_ID = 0x7fffffff;

const NONE = -1;

interface MappedFile {
  /** pageId -> frame for this file's resident pages. */
  readonly table: Map<number, number>;
  readonly swapper: PageSwapper;
}

export class FramePool {
  readonly pageSize: number;
  readonly maxPages: number;
  /** Frame f is buffer[f * pageSize, (f + 1) * pageSize). */
  readonly buffer: Buffer;
  readonly pinCounts: Int32Array;
  readonly pageIds: Int32Array;
  /** The id of the file a frame's page belongs to, NONE when the frame is free. */
  readonly fileIds: Int32Array;
  readonly usage: Uint8Array;
  readonly dirty: Uint8Array;

  hits = 0;
  faults = 0;
  evictions = 0;
  flushes = 0;

  readonly #freeList: Int32Array;
  #freeCount: number;
  #hand = 0;
  /** File ids are never reused, so a stale handle cannot reach another file's frames. */
  #nextFileId = 0;
  readonly #files = new Map<number, MappedFile>();

  constructor(pageSize: number, maxPages: number) {
    this.pageSize = pageSize;
    this.maxPages = maxPages;
    this.buffer = Buffer.alloc(maxPages * pageSize);
    this.pinCounts = new Int32Array(maxPages);
    this.pageIds = new Int32Array(maxPages).fill(NONE);
    this.fileIds = new Int32Array(maxPages).fill(NONE);
    this.usage = new Uint8Array(maxPages);
    this.dirty = new Uint8Array(maxPages);
    this.#freeList = new Int32Array(maxPages);
    // Stacked in reverse so that frames are handed out 0, 1, 2, ...
    for (let i = 0; i < maxPages; i++) this.#freeList[i] = maxPages - 1 - i;
    this.#freeCount = maxPages;
  }

  get usedPages(): number {
    return this.maxPages - this.#freeCount;
  }

  /** Registers a file's page table and swapper; returns the file's id. */
  attach(table: Map<number, number>, swapper: PageSwapper): number {
    const fileId = this.#nextFileId++;
    this.#files.set(fileId, { table, swapper });
    return fileId;
  }

  /** Brings page `pageId` of file `fileId` into a frame, pinned once; the caller checked it is not resident. */
  fault(fileId: number, pageId: number, forWrite: boolean): number {
    const file = this.#files.get(fileId) as MappedFile;
    const frame = this.#freeCount > 0 ? this.#freeList[--this.#freeCount] : this.#evictVictim(file, pageId);
    try {
      file.swapper.read(pageId, this.buffer, frame * this.pageSize);
    } catch (error) {
      this.#freeList[this.#freeCount++] = frame;
      throw error;
    }
    this.pageIds[frame] = pageId;
    this.fileIds[frame] = fileId;
    this.pinCounts[frame] = 1;
    this.usage[frame] = 1;
    this.dirty[frame] = forWrite ? 1 : 0;
    file.table.set(pageId, frame);
    this.faults++;
    return frame;
  }

  /** Writes the file's dirty pages in page order, without forcing. */
  writeDirty(fileId: number): void {
    const { table, swapper } = this.#files.get(fileId) as MappedFile;
    const { dirty, pageIds, pinCounts } = this;
    const frames: number[] = [];
    for (const frame of table.values()) if (dirty[frame] === 1) frames.push(frame);
    frames.sort((a, b) => pageIds[a] - pageIds[b]);
    for (const frame of frames) {
      swapper.write(pageIds[frame], this.buffer, frame * this.pageSize);
      if (pinCounts[frame] === 0) dirty[frame] = 0;
      this.flushes++;
    }
  }

  /** Writes the dirty pages of every attached file, then forces each file written since its last force. */
  flushAll(): void {
    for (const fileId of this.#files.keys()) this.writeDirty(fileId);
    for (const file of this.#files.values()) file.swapper.force();
  }

  /** Page ids of the file's pinned pages, in page order. */
  pinnedPages(fileId: number): number[] {
    const { table } = this.#files.get(fileId) as MappedFile;
    const pages: number[] = [];
    for (const [pageId, frame] of table) if (this.pinCounts[frame] > 0) pages.push(pageId);
    return pages.sort((a, b) => a - b);
  }

  /** Forgets the file and frees its frames without writing them; the caller flushed and checked pins. */
  release(fileId: number): void {
    const { table } = this.#files.get(fileId) as MappedFile;
    for (const frame of table.values()) {
      this.pageIds[frame] = NONE;
      this.fileIds[frame] = NONE;
      this.pinCounts[frame] = 0;
      this.usage[frame] = 0;
      this.dirty[frame] = 0;
      this.#freeList[this.#freeCount++] = frame;
    }
    table.clear();
    this.#files.delete(fileId);
  }

  /** Runs the clock until it finds an unpinned frame with usage 0, and empties it. */
  #evictVictim(faulting: MappedFile, faultingPage: number): number {
    const { pinCounts, usage, maxPages } = this;
    let hand = this.#hand;
    for (let steps = maxPages * (MAX_USAGE + 1); steps > 0; steps--) {
      const frame = hand;
      hand = hand + 1 === maxPages ? 0 : hand + 1;
      if (pinCounts[frame] !== 0) continue;
      if (usage[frame] !== 0) {
        usage[frame]--;
        continue;
      }
      this.#hand = hand;
      const victim = this.#files.get(this.fileIds[frame]) as MappedFile;
      const pageId = this.pageIds[frame];
      if (this.dirty[frame] === 1) {
        // Written before the frame is emptied: if the write fails, the page stays resident and dirty.
        victim.swapper.write(pageId, this.buffer, frame * this.pageSize);
        this.dirty[frame] = 0;
        this.flushes++;
      }
      victim.table.delete(pageId);
      this.pageIds[frame] = NONE;
      this.fileIds[frame] = NONE;
      this.evictions++;
      return frame;
    }
    this.#hand = hand;
    throw new PageCacheError(
      PAGE_CACHE_FULL,
      `The page cache is full: all ${maxPages} frames (${maxPages * this.pageSize} bytes) are pinned, ` +
        `so page ${faultingPage} of ${faulting.swapper.channel.path} cannot be brought in. ` +
        'Every pin() is expected to be released with unpin() once its record is read or written; ' +
        'release pinned pages, or raise dbms.pagecache.memory if this many pages must be pinned at once.',
    );
  }
}
