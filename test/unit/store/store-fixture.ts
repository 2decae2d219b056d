/**
 * A real store in a temporary directory for the store tests: real file system, real page
 * cache, real NeoStores. `commit` runs one change set and applies it the way the
 * transaction layer does; `reopen` is a clean shutdown and start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { PageCache } from '../../../engine/pagecache/page-cache.js';
import { NeoStores } from '../../../engine/store/neo-stores.js';
import { PendingRecords } from '../../../engine/store/pending-records.js';
import type { TransactionPayload } from '../../../engine/store/record-command.js';
import type { RecordChangeSet } from '../../../engine/store/record-change-set.js';

export class StoreFixture {
  readonly dir: string;
  readonly fileSystem = new NodeFileSystem();
  readonly memoryBytes: number;
  readonly pending = new PendingRecords();
  pageCache: PageCache;
  stores: NeoStores;

  constructor(memoryBytes = 1024 * 1024) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-store-'));
    this.memoryBytes = memoryBytes;
    this.pageCache = new PageCache(this.fileSystem, { memoryBytes });
    this.stores = NeoStores.open(this.fileSystem, this.pageCache, this.dir);
    this.stores.loadTokensAndRules();
  }

  /** Builds one change set with `build`, applies its payload and returns it. */
  commit(build: (changes: RecordChangeSet) => void): TransactionPayload {
    const changes = this.stores.newChangeSet(this.pending);
    build(changes);
    const payload = changes.payload();
    this.stores.apply(payload.commands);
    return payload;
  }

  /** A clean shutdown (flush pages, write .id files, close) and a fresh open; `between` runs while closed. */
  reopen(between?: () => void): void {
    this.shutdown();
    between?.();
    this.#open();
  }

  shutdown(): void {
    this.pageCache.flushAll();
    this.stores.flushIds();
    this.stores.close();
    this.pageCache.close();
  }

  /** Closes without writing .id files and deletes them, as after a crash. */
  reopenWithoutIdFiles(): void {
    this.pageCache.flushAll();
    this.stores.close();
    this.pageCache.close();
    for (const name of fs.readdirSync(this.dir)) if (name.endsWith('.id')) fs.rmSync(path.join(this.dir, name));
    this.#open();
  }

  #open(): void {
    this.pageCache = new PageCache(this.fileSystem, { memoryBytes: this.memoryBytes });
    this.stores = NeoStores.open(this.fileSystem, this.pageCache, this.dir);
    this.stores.loadTokensAndRules();
  }

  dispose(): void {
    try {
      this.stores.close();
      this.pageCache.close();
    } catch {
      // already closed by the test
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A deterministic pseudo-random generator (mulberry32), so failures replay. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
