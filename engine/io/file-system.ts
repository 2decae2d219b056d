/**
 * The only module of the storage layers that touches the operating system's files.
 *
 * Everything above it (page cache, stores, transaction log, checkpoints, recovery) sees
 * files through {@link FileSystem} and {@link StoreChannel}, so a test can put a
 * crash-simulating file system underneath without touching the layers themselves.
 *
 * Reads and writes are positional and synchronous: page faults and log appends are
 * small and hit the OS cache; the one operation that waits on the device, fsync, also
 * exists in an asynchronous form so that group commit can keep the event loop free
 * while the device flushes.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface StoreChannel {
  readonly path: string;
  /** Reads up to `length` bytes at `position`; returns how many were read (fewer at end of file). */
  read(target: Buffer, targetOffset: number, length: number, position: number): number;
  /** Writes all `length` bytes at `position`. */
  write(source: Buffer, sourceOffset: number, length: number, position: number): void;
  /** Writes several buffers back to back starting at `position`. */
  writev(sources: readonly Buffer[], position: number): void;
  size(): number;
  truncate(size: number): void;
  /** Makes written data durable (fdatasync), blocking the caller. */
  forceSync(): void;
  /** Makes written data durable (fdatasync) on libuv's thread pool. */
  force(): Promise<void>;
  close(): void;
}

export interface FileSystem {
  /** Opens for reading and writing, creating the file when it does not exist. */
  open(file: string): StoreChannel;
  exists(file: string): boolean;
  mkdirs(dir: string): void;
  /** Names (not paths) of the entries of `dir`, sorted; empty when `dir` does not exist. */
  list(dir: string): string[];
  fileSize(file: string): number;
  rename(from: string, to: string): void;
  delete(file: string): void;
  deleteRecursively(dir: string): void;
  readFile(file: string): Buffer;
  /** Replaces `file` atomically: writes a temporary sibling, fsyncs it, renames it over, fsyncs the directory. */
  writeFileAtomic(file: string, data: Buffer): void;
  /** Makes a directory's entries (created, renamed, deleted files) durable. */
  forceDirectory(dir: string): void;
}

class NodeStoreChannel implements StoreChannel {
  readonly path: string;
  #fd: number;

  constructor(file: string) {
    this.path = file;
    this.#fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
  }

  read(target: Buffer, targetOffset: number, length: number, position: number): number {
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.#fd, target, targetOffset + done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  write(source: Buffer, sourceOffset: number, length: number, position: number): void {
    let done = 0;
    while (done < length) {
      done += fs.writeSync(this.#fd, source, sourceOffset + done, length - done, position + done);
    }
  }

  writev(sources: readonly Buffer[], position: number): void {
    const total = sources.reduce((sum, source) => sum + source.length, 0);
    const written = fs.writevSync(this.#fd, sources as Buffer[], position);
    if (written === total) return;
    // A short vectored write is rare (signals, full disk): finish buffer by buffer.
    let offset = 0;
    for (const source of sources) {
      const end = offset + source.length;
      if (end > written) {
        const from = Math.max(0, written - offset);
        this.write(source, from, source.length - from, position + offset + from);
      }
      offset = end;
    }
  }

  size(): number {
    return fs.fstatSync(this.#fd).size;
  }

  truncate(size: number): void {
    fs.ftruncateSync(this.#fd, size);
  }

  forceSync(): void {
    fs.fdatasyncSync(this.#fd);
  }

  force(): Promise<void> {
    return new Promise((resolve, reject) => {
      fs.fdatasync(this.#fd, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    if (this.#fd >= 0) {
      fs.closeSync(this.#fd);
      this.#fd = -1;
    }
  }
}

export class NodeFileSystem implements FileSystem {
  open(file: string): StoreChannel {
    return new NodeStoreChannel(file);
  }

  exists(file: string): boolean {
    return fs.existsSync(file);
  }

  mkdirs(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
  }

  list(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).sort();
  }

  fileSize(file: string): number {
    return fs.statSync(file).size;
  }

  rename(from: string, to: string): void {
    fs.renameSync(from, to);
  }

  delete(file: string): void {
    fs.rmSync(file, { force: true });
  }

  deleteRecursively(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  readFile(file: string): Buffer {
    return fs.readFileSync(file);
  }

  writeFileAtomic(file: string, data: Buffer): void {
    const temporary = `${file}.tmp`;
    const fd = fs.openSync(temporary, 'w', 0o644);
    try {
      fs.writeSync(fd, data, 0, data.length, 0);
      fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    this.forceDirectory(path.dirname(file));
  }

  forceDirectory(dir: string): void {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}
