/**
 * The page cache (Neo4j's PageCache): `dbms.pagecache.memory` bytes of fixed-size frames
 * shared by every store file. Stores map their files, then pin pages and read or write
 * records in the shared buffer; a store larger than the cache works, with pages swapped
 * in on faults and out by the eviction policy described in frame-pool.ts.
 *
 * Lifecycle: map() files while open; flushAll() at checkpoints makes everything written
 * so far durable; close() flushes and closes every file, after which the cache refuses
 * map() and flushAll().
 */
import { constants as bufferConstants } from 'node:buffer';
import path from 'node:path';
import type { FileSystem } from '../io/file-system.js';
import { FramePool } from './frame-pool.js';
import { PAGE_CACHE_ALREADY_MAPPED, PAGE_CACHE_CLOSED, PAGE_CACHE_INVALID_OPTIONS, PageCacheError } from './page-cache-error.js';
import { PagedFile } from './paged-file.js';
import { PageSwapper } from './page-swapper.js';

export { PAGE_CACHE_FULL, PageCacheError } from './page-cache-error.js';

export const DEFAULT_PAGE_SIZE = 8192;
/** Fewer frames than this would leave a store operation that pins a few pages nowhere to go. */
export const MIN_PAGES = 8;

export interface PageCacheOptions {
  /** dbms.pagecache.memory in bytes; rounded down to whole pages; at least 8 pages. */
  readonly memoryBytes: number;
  /** Bytes per page; default 8192. */
  readonly pageSize?: number;
}

export interface PageCacheStats {
  /** pin() found the page resident. */
  readonly hits: number;
  /** pin() had to read the page from its file (or zero-fill past EOF). */
  readonly faults: number;
  /** Frames reclaimed for another page. */
  readonly evictions: number;
  /** Dirty pages written to their file (by eviction or flush). */
  readonly flushes: number;
  /** Frames holding a page. */
  readonly usedPages: number;
  /** Frames in the cache. */
  readonly maxPages: number;
  /** hits / (hits + faults), 0 when there were none. */
  readonly hitRatio: number;
  /** usedPages / maxPages. */
  readonly usageRatio: number;
}

export class PageCache {
  readonly pageSize: number;
  readonly maxPages: number;
  /** The one buffer holding every frame: frame f occupies bytes [f*pageSize, (f+1)*pageSize). */
  readonly buffer: Buffer;

  readonly #fileSystem: FileSystem;
  readonly #pool: FramePool;
  /** Mapped files by resolved path. */
  readonly #files = new Map<string, PagedFile>();
  #closed = false;

  constructor(fileSystem: FileSystem, options: PageCacheOptions) {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isSafeInteger(pageSize) || pageSize <= 0) {
      throw new PageCacheError(
        PAGE_CACHE_INVALID_OPTIONS,
        `The page size is ${pageSize}; expected a positive whole number of bytes (default ${DEFAULT_PAGE_SIZE}).`,
      );
    }
    const { memoryBytes } = options;
    const maxPages = Number.isFinite(memoryBytes) && memoryBytes > 0 ? Math.floor(memoryBytes / pageSize) : 0;
    if (maxPages < MIN_PAGES) {
      throw new PageCacheError(
        PAGE_CACHE_INVALID_OPTIONS,
        `dbms.pagecache.memory is ${memoryBytes} bytes, which holds ${maxPages} pages of ${pageSize} bytes; ` +
          `the page cache needs at least ${MIN_PAGES} pages (${MIN_PAGES * pageSize} bytes). Raise dbms.pagecache.memory.`,
      );
    }
    if (maxPages * pageSize > bufferConstants.MAX_LENGTH) {
      throw new PageCacheError(
        PAGE_CACHE_INVALID_OPTIONS,
        `dbms.pagecache.memory is ${memoryBytes} bytes, more than the ${bufferConstants.MAX_LENGTH} bytes ` +
          `this Node.js can hold in one buffer. Lower dbms.pagecache.memory to at most ${bufferConstants.MAX_LENGTH} bytes.`,
      );
    }
    this.#fileSystem = fileSystem;
    this.#pool = new FramePool(pageSize, maxPages);
    this.pageSize = pageSize;
    this.maxPages = maxPages;
    this.buffer = this.#pool.buffer;
  }

  /** Opens (creating when missing) a file and maps it into the cache. Mapping a path twice is an error. */
  map(file: string): PagedFile {
    this.#ensureOpen('map');
    const key = path.resolve(file);
    if (this.#files.has(key)) {
      throw new PageCacheError(
        PAGE_CACHE_ALREADY_MAPPED,
        `${file} is already mapped into the page cache. Expected each store file to be mapped once; ` +
          'use the PagedFile that map() returned the first time, or close it before mapping the file again.',
      );
    }
    const swapper = new PageSwapper(this.#fileSystem.open(file), this.pageSize);
    const pagedFile = new PagedFile(file, this.#pool, swapper, () => this.#files.delete(key));
    this.#files.set(key, pagedFile);
    return pagedFile;
  }

  /** Writes every dirty page of every mapped file, then forces (fdatasync) each file that was written. */
  flushAll(): void {
    this.#ensureOpen('flushAll');
    this.#pool.flushAll();
  }

  stats(): PageCacheStats {
    const { hits, faults, evictions, flushes, usedPages, maxPages } = this.#pool;
    const pins = hits + faults;
    return {
      hits,
      faults,
      evictions,
      flushes,
      usedPages,
      maxPages,
      hitRatio: pins === 0 ? 0 : hits / pins,
      usageRatio: usedPages / maxPages,
    };
  }

  /**
   * flushAll, then closes every mapped file. A file with pinned pages refuses (its data is
   * flushed all the same); the cache then stays open so that close() can be called again.
   */
  close(): void {
    if (this.#closed) return;
    this.flushAll();
    for (const file of [...this.#files.values()]) file.close();
    this.#closed = true;
  }

  #ensureOpen(operation: string): void {
    if (this.#closed) {
      throw new PageCacheError(PAGE_CACHE_CLOSED, `${operation}() on a page cache that was closed. Open a new PageCache.`);
    }
  }
}
