/**
 * Moves whole pages between one file and the cache's frames (Neo4j's PageSwapper).
 *
 * File layout: the cache adds nothing of its own. Page p of a file is the byte range
 * [p * pageSize, (p + 1) * pageSize); what the bytes mean is the store's business.
 * A file whose size is not a multiple of the page size ends in a partial page, which
 * reads as the bytes that exist followed by zeros and is written back whole.
 *
 * The swapper remembers the file's size instead of asking the operating system on every
 * fault, so that faulting a page past the end of the file costs no system call, and it
 * remembers whether it wrote since the last force, so that a flush also makes durable
 * the pages that eviction wrote earlier: a checkpoint relies on that.
 */
import type { StoreChannel } from '../io/file-system.js';

export class PageSwapper {
  readonly channel: StoreChannel;
  readonly pageSize: number;
  #fileBytes: number;
  #unforced = false;

  constructor(channel: StoreChannel, pageSize: number) {
    this.channel = channel;
    this.pageSize = pageSize;
    this.#fileBytes = channel.size();
  }

  /** Pages the file holds on disk, a trailing partial page included. */
  filePages(): number {
    return Math.ceil(this.#fileBytes / this.pageSize);
  }

  /** Fills `target[offset, offset + pageSize)` with page `pageId`, zeros past the end of the file. */
  read(pageId: number, target: Buffer, offset: number): void {
    const pageSize = this.pageSize;
    const position = pageId * pageSize;
    let read = 0;
    if (position < this.#fileBytes) {
      const wanted = Math.min(pageSize, this.#fileBytes - position);
      read = this.channel.read(target, offset, wanted, position);
    }
    if (read < pageSize) target.fill(0, offset + read, offset + pageSize);
  }

  /** Writes page `pageId` from `source[offset, offset + pageSize)`; not durable until force(). */
  write(pageId: number, source: Buffer, offset: number): void {
    const end = (pageId + 1) * this.pageSize;
    this.channel.write(source, offset, this.pageSize, pageId * this.pageSize);
    if (end > this.#fileBytes) this.#fileBytes = end;
    this.#unforced = true;
  }

  /** Makes every write since the last force durable; does nothing when there was none. */
  force(): void {
    if (!this.#unforced) return;
    this.channel.forceSync();
    this.#unforced = false;
  }
}
