/**
 * Shared pieces of the transaction log tests: temporary directories, a logger whose
 * lines the test can read, and a file system that puts faults and holds under the real
 * one (the OS seam the storage layers are built around).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { NodeFileSystem, type FileSystem, type StoreChannel } from '../../../engine/io/file-system.js';
import { ForwardingFileSystem } from '../../support/forwarding-file-system.js';
import { TransactionLog } from '../../../engine/txlog/transaction-log.js';
import type { TransactionLogOptions } from '../../../engine/txlog/transaction-log.js';

/** The format's fixed sizes, spelled out here so that a change to the format fails the tests. */
export const FILE_HEADER_BYTES = 56;
export const ENTRY_HEADER_BYTES = 32;

export function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-txlog-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CapturedLog {
  readonly logger: Logger;
  readonly lines: Record<string, unknown>[];
  events(name: string): Record<string, unknown>[];
}

export function captureLog(): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines, events: (name) => lines.filter((line) => line.event === name) };
}

export interface OpenedLog {
  readonly log: TransactionLog;
  readonly captured: CapturedLog;
}

/** Opens a log in `dir` (keep-all, 1 MiB rotation unless overridden) and closes it when the test ends. */
export function openLog(
  t: TestContext,
  dir: string,
  options: Partial<Omit<TransactionLogOptions, 'dir' | 'logger'>> = {},
  fileSystem: FileSystem = new NodeFileSystem(),
): OpenedLog {
  const captured = captureLog();
  const log = TransactionLog.open(fileSystem, {
    dir,
    rotationSizeBytes: options.rotationSizeBytes ?? 1024 * 1024,
    retention: options.retention ?? { kind: 'all' },
    logger: captured.logger,
  });
  t.after(() => log.close());
  return { log, captured };
}

/** Appends `payloads` one after another, each awaited, from tx `firstTxId` on, with time firstTime + i. */
export async function appendSequentially(log: TransactionLog, payloads: readonly Buffer[], firstTxId: number, epoch = 0, firstTimeMs = 1_000): Promise<void> {
  for (let i = 0; i < payloads.length; i++) await log.append(firstTxId + i, epoch, firstTimeMs + i, payloads[i]);
}

export function logFilePath(dir: string, version: number): string {
  return path.join(dir, `neostore.transaction.db.${version}`);
}

export function logFileNames(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith('neostore.transaction.db.'))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
}

/** File offset of each entry of a file whose entries have these payload sizes. */
export function entryOffsets(payloadSizes: readonly number[]): number[] {
  const offsets: number[] = [];
  let offset = FILE_HEADER_BYTES;
  for (const size of payloadSizes) {
    offsets.push(offset);
    offset += ENTRY_HEADER_BYTES + size;
  }
  return offsets;
}

/** Rejects when `promise` has not settled within `ms`: a broken implementation fails the test instead of hanging it. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The real file system with switches: writes that throw, fdatasyncs that fail, and
 * fdatasyncs held (after really syncing) until the test releases them.
 */
export class ControlledFileSystem extends ForwardingFileSystem {
  failWrites = false;
  failForces = false;
  holdForces = false;
  readonly #held: { release: () => void; fail: (error: Error) => void }[] = [];
  readonly #heldWatchers: { count: number; notify: () => void }[] = [];

  override open(file: string): StoreChannel {
    return new ControlledChannel(this.inner.open(file), this);
  }

  /** Resolves once `count` fdatasyncs are being held. */
  heldForces(count: number): Promise<void> {
    if (this.#held.length >= count) return Promise.resolve();
    return new Promise((notify) => this.#heldWatchers.push({ count, notify }));
  }

  /** Lets every held fdatasync complete, successfully or with `error`. */
  releaseForces(error?: Error): void {
    for (const held of this.#held.splice(0)) {
      if (error === undefined) held.release();
      else held.fail(error);
    }
  }

  async force(inner: StoreChannel): Promise<void> {
    if (this.failForces) throw new Error('EIO: i/o error, fdatasync (injected)');
    await inner.force();
    if (!this.holdForces) return;
    await new Promise<void>((release, fail) => {
      this.#held.push({ release, fail });
      for (const watcher of this.#heldWatchers.filter((w) => this.#held.length >= w.count)) {
        this.#heldWatchers.splice(this.#heldWatchers.indexOf(watcher), 1);
        watcher.notify();
      }
    });
  }
}

class ControlledChannel implements StoreChannel {
  readonly #inner: StoreChannel;
  readonly #fileSystem: ControlledFileSystem;

  constructor(inner: StoreChannel, fileSystem: ControlledFileSystem) {
    this.#inner = inner;
    this.#fileSystem = fileSystem;
  }
  get path(): string {
    return this.#inner.path;
  }
  read(target: Buffer, targetOffset: number, length: number, position: number): number {
    return this.#inner.read(target, targetOffset, length, position);
  }
  write(source: Buffer, sourceOffset: number, length: number, position: number): void {
    if (this.#fileSystem.failWrites) throw new Error('ENOSPC: no space left on device, write (injected)');
    this.#inner.write(source, sourceOffset, length, position);
  }
  writev(sources: readonly Buffer[], position: number): void {
    if (this.#fileSystem.failWrites) throw new Error('ENOSPC: no space left on device, write (injected)');
    this.#inner.writev(sources, position);
  }
  size(): number {
    return this.#inner.size();
  }
  truncate(size: number): void {
    this.#inner.truncate(size);
  }
  forceSync(): void {
    this.#inner.forceSync();
  }
  force(): Promise<void> {
    return this.#fileSystem.force(this.#inner);
  }
  close(): void {
    this.#inner.close();
  }
}
