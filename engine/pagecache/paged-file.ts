/**
 * One file mapped into the page cache (Neo4j's PagedFile): the handle the stores pin
 * pages through. A store finds record `id` at page floor(id / recordsPerPage), offset
 * (id % recordsPerPage) * recordSize, and reads or writes it in
 * `buffer[frame * pageSize + offset ...]` between pin() and unpin().
 */
import { MAX_PAGE_ID, MAX_USAGE } from './frame-pool.js';
import type { FramePool } from './frame-pool.js';
import {
  PAGE_CACHE_CLOSED,
  PAGE_CACHE_INVALID_PAGE_ID,
  PAGE_CACHE_NOT_PINNED,
  PAGE_CACHE_PAGES_PINNED,
  PageCacheError,
} from './page-cache-error.js';
import type { PageSwapper } from './page-swapper.js';

export class PagedFile {
  readonly path: string;
  readonly pageSize: number;
  /** The cache's buffer (same object as PageCache.buffer). */
  readonly buffer: Buffer;

  readonly #pool: FramePool;
  readonly #swapper: PageSwapper;
  readonly #table = new Map<number, number>();
  readonly #fileId: number;
  readonly #onClose: (file: PagedFile) => void;
  // The pool's arrays, held here so that a hit does not go through the pool.
  readonly #pinCounts: Int32Array;
  readonly #usage: Uint8Array;
  readonly #dirty: Uint8Array;
  readonly #fileIds: Int32Array;
  readonly #pageIds: Int32Array;
  #pageCount: number;
  #closed = false;

  /** Made by PageCache.map(); `onClose` lets the cache forget the mapping. */
  constructor(path: string, pool: FramePool, swapper: PageSwapper, onClose: (file: PagedFile) => void) {
    this.path = path;
    this.pageSize = pool.pageSize;
    this.buffer = pool.buffer;
    this.#pool = pool;
    this.#swapper = swapper;
    this.#onClose = onClose;
    this.#pinCounts = pool.pinCounts;
    this.#usage = pool.usage;
    this.#dirty = pool.dirty;
    this.#fileIds = pool.fileIds;
    this.#pageIds = pool.pageIds;
    this.#pageCount = swapper.filePages();
    this.#fileId = pool.attach(this.#table, swapper);
  }

  /**
   * Pins page `pageId` of this file and returns its frame index; the page's bytes are
   * buffer[frame*pageSize ...]. A pinned page is never evicted. `forWrite` marks the page dirty.
   * A page at or past the end of the file is zero-filled (a fault) and extends the file when
   * written back. Throws a clear Error (code 'GLB_PAGE_CACHE_FULL') when every frame is pinned.
   */
  pin(pageId: number, forWrite: boolean): number {
    const frame = this.#table.get(pageId);
    if (frame === undefined) return this.#fault(pageId, forWrite);
    this.#pinCounts[frame]++;
    if (this.#usage[frame] < MAX_USAGE) this.#usage[frame]++;
    if (forWrite) {
      this.#dirty[frame] = 1;
      if (pageId >= this.#pageCount) this.#pageCount = pageId + 1;
    }
    this.#pool.hits++;
    return frame;
  }

  /** Releases one pin taken by pin(). */
  unpin(frame: number): void {
    if (this.#fileIds[frame] !== this.#fileId || this.#pinCounts[frame] <= 0) this.#notPinned(frame, 'unpin');
    this.#pinCounts[frame]--;
  }

  /** Marks a pinned frame dirty (for a reader that decides to write after pinning for read). */
  markDirty(frame: number): void {
    if (this.#fileIds[frame] !== this.#fileId || this.#pinCounts[frame] <= 0) this.#notPinned(frame, 'markDirty');
    this.#dirty[frame] = 1;
    const pageId = this.#pageIds[frame];
    if (pageId >= this.#pageCount) this.#pageCount = pageId + 1;
  }

  /** Pages in the file, counting pages that so far exist only in the cache. */
  pageCount(): number {
    return this.#pageCount;
  }

  /** Writes this file's dirty pages and forces the file. */
  flush(): void {
    this.#ensureOpen('flush');
    this.#pool.writeDirty(this.#fileId);
    this.#swapper.force();
  }

  /** Flushes, drops this file's pages from the cache and closes the file. */
  close(): void {
    if (this.#closed) return;
    const pinned = this.#pool.pinnedPages(this.#fileId);
    if (pinned.length > 0) {
      const shown = pinned.slice(0, 10).join(', ') + (pinned.length > 10 ? ', ...' : '');
      throw new PageCacheError(
        PAGE_CACHE_PAGES_PINNED,
        `Cannot close ${this.path}: ${pinned.length} of its pages (${shown}) are still pinned. ` +
          'Every pin() is expected to be released with unpin() before the file is closed; unpin them first.',
      );
    }
    this.flush();
    this.#pool.release(this.#fileId);
    this.#swapper.channel.close();
    this.#closed = true;
    this.#onClose(this);
  }

  #fault(pageId: number, forWrite: boolean): number {
    this.#ensureOpen('pin');
    if (!Number.isInteger(pageId) || pageId < 0 || pageId > MAX_PAGE_ID) {
      throw new PageCacheError(
        PAGE_CACHE_INVALID_PAGE_ID,
        `Cannot pin page ${pageId} of ${this.path}: a page id is an integer from 0 to ${MAX_PAGE_ID}. ` +
          'Check the record id the page was computed from.',
      );
    }
    const frame = this.#pool.fault(this.#fileId, pageId, forWrite);
    if (forWrite && pageId >= this.#pageCount) this.#pageCount = pageId + 1;
    return frame;
  }

  #notPinned(frame: number, operation: string): never {
    this.#ensureOpen(operation);
    throw new PageCacheError(
      PAGE_CACHE_NOT_PINNED,
      `${operation}(${frame}) on ${this.path}: frame ${frame} holds no page of this file pinned. ` +
        `Expected a frame returned by pin() on this file and not yet unpinned; ` +
        'check that every pin() is released exactly once, through the file it was taken from.',
    );
  }

  #ensureOpen(operation: string): void {
    if (this.#closed) {
      throw new PageCacheError(
        PAGE_CACHE_CLOSED,
        `${operation}() on ${this.path} after the file was closed. Map the file again to use it.`,
      );
    }
  }
}
