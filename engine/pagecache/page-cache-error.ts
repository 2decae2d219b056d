/**
 * The page cache's failures. Callers match on `code`, never on the message.
 *
 * GLB_PAGE_CACHE_FULL is the one a healthy engine can meet (too many pages pinned at
 * once for the configured memory); the others mean a caller broke the cache's contract.
 */

/** Every frame is pinned, so no page can be brought in. */
export const PAGE_CACHE_FULL = 'GLB_PAGE_CACHE_FULL';
/** dbms.pagecache.memory or the page size cannot make a cache. */
export const PAGE_CACHE_INVALID_OPTIONS = 'GLB_PAGE_CACHE_INVALID_OPTIONS';
/** map() was called for a path that is already mapped. */
export const PAGE_CACHE_ALREADY_MAPPED = 'GLB_PAGE_CACHE_ALREADY_MAPPED';
/** The cache or the file was used after close(). */
export const PAGE_CACHE_CLOSED = 'GLB_PAGE_CACHE_CLOSED';
/** unpin() or markDirty() named a frame this file does not hold pinned. */
export const PAGE_CACHE_NOT_PINNED = 'GLB_PAGE_CACHE_NOT_PINNED';
/** A file was closed while some of its pages were still pinned. */
export const PAGE_CACHE_PAGES_PINNED = 'GLB_PAGE_CACHE_PAGES_PINNED';
/** A page id that is not an integer in [0, 2^31). */
export const PAGE_CACHE_INVALID_PAGE_ID = 'GLB_PAGE_CACHE_INVALID_PAGE_ID';

export type PageCacheErrorCode =
  | typeof PAGE_CACHE_FULL
  | typeof PAGE_CACHE_INVALID_OPTIONS
  | typeof PAGE_CACHE_ALREADY_MAPPED
  | typeof PAGE_CACHE_CLOSED
  | typeof PAGE_CACHE_NOT_PINNED
  | typeof PAGE_CACHE_PAGES_PINNED
  | typeof PAGE_CACHE_INVALID_PAGE_ID;

export class PageCacheError extends Error {
  readonly code: PageCacheErrorCode;

  constructor(code: PageCacheErrorCode, message: string) {
    super(message);
    this.name = 'PageCacheError';
    this.code = code;
  }
}
