/**
 * Shared by the page cache tests: a temporary directory per test, a byte pattern that
 * differs per file and page, and a file system that counts what reaches the disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreChannel } from '../../../engine/io/file-system.js';
import { ForwardingFileSystem } from '../../support/forwarding-file-system.js';

/** Runs `body` with a fresh directory that is removed afterwards, whatever happens. */
export function withTempDir(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-pagecache-'));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The byte expected at `index` of page `pageId` of the file tagged `tag`. */
export function patternByte(tag: number, pageId: number, index: number): number {
  return (tag * 131 + pageId * 31 + index * 7 + (index >> 8)) & 0xff;
}

export function writePattern(buffer: Buffer, offset: number, pageSize: number, tag: number, pageId: number): void {
  for (let i = 0; i < pageSize; i++) buffer[offset + i] = patternByte(tag, pageId, i);
}

/** The first index where the page differs from its pattern, -1 when it matches. */
export function patternMismatch(buffer: Buffer, offset: number, pageSize: number, tag: number, pageId: number): number {
  for (let i = 0; i < pageSize; i++) if (buffer[offset + i] !== patternByte(tag, pageId, i)) return i;
  return -1;
}

/** The operating system's file system, counting writes and forces per file name. */
export class CountingFileSystem extends ForwardingFileSystem {
  readonly writes = new Map<string, number>();
  /** Every write, in order: the file's name and the byte position written at. */
  readonly writeLog: { readonly file: string; readonly position: number }[] = [];
  readonly forces = new Map<string, number>();

  override open(file: string): StoreChannel {
    const inner = this.inner.open(file);
    const name = path.basename(file);
    const bump = (counts: Map<string, number>): void => {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    };
    return {
      path: inner.path,
      read: (target, targetOffset, length, position) => inner.read(target, targetOffset, length, position),
      write: (source, sourceOffset, length, position) => {
        bump(this.writes);
        this.writeLog.push({ file: name, position });
        inner.write(source, sourceOffset, length, position);
      },
      writev: (sources, position) => {
        bump(this.writes);
        this.writeLog.push({ file: name, position });
        inner.writev(sources, position);
      },
      size: () => inner.size(),
      truncate: (size) => inner.truncate(size),
      forceSync: () => {
        bump(this.forces);
        inner.forceSync();
      },
      force: () => {
        bump(this.forces);
        return inner.force();
      },
      close: () => inner.close(),
    };
  }

}
