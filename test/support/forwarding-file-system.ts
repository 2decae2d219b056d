import { NodeFileSystem, type FileSystem, type StoreChannel } from '../../engine/io/file-system.js';

/**
 * The operating system's file system, passed through. Tests that put something under
 * the storage layers (counting, failing or holding I/O) extend it and override open().
 */
export class ForwardingFileSystem implements FileSystem {
  protected readonly inner = new NodeFileSystem();

  open(file: string): StoreChannel {
    return this.inner.open(file);
  }
  exists(file: string): boolean {
    return this.inner.exists(file);
  }
  mkdirs(dir: string): void {
    this.inner.mkdirs(dir);
  }
  list(dir: string): string[] {
    return this.inner.list(dir);
  }
  fileSize(file: string): number {
    return this.inner.fileSize(file);
  }
  rename(from: string, to: string): void {
    this.inner.rename(from, to);
  }
  delete(file: string): void {
    this.inner.delete(file);
  }
  deleteRecursively(dir: string): void {
    this.inner.deleteRecursively(dir);
  }
  readFile(file: string): Buffer {
    return this.inner.readFile(file);
  }
  writeFileAtomic(file: string, data: Buffer): void {
    this.inner.writeFileAtomic(file, data);
  }
  forceDirectory(dir: string): void {
    this.inner.forceDirectory(dir);
  }
}
