/**
 * Writes one store copy stream into an empty directory, checking it as it goes.
 *
 *   AWAIT_HEADER ──accept(header): files created, log started after the checkpoint──> FILES
 *   FILES ──accept(file): bytes written at the next offset; a complete file is forced──> FILES
 *   FILES ──accept(tx): every file complete──> TRANSACTIONS
 *   FILES | TRANSACTIONS ──accept(tx): appended to the log with its own id, epoch and checksum──> TRANSACTIONS
 *   FILES | TRANSACTIONS ──accept(end): files complete, lastTxId matches, log durable──> ENDED
 *   any ──a chunk out of place, or I/O fails: abort()──> ABORTED (directory left for the caller to delete)
 *
 * Appends are not awaited one by one (that would be one fdatasync per transaction): the
 * log's group commit forces them in batches, and the writer waits for durability every
 * DURABLE_EVERY_BYTES and at the end.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { FileSystem, StoreChannel } from '../io/file-system.js';
import { decodeMetaData, META_DATA_FILE } from '../store/meta-data-store.js';
import { TransactionLog } from '../txlog/transaction-log.js';
import type { StoreCopyChunk, StoreCopyFileChunk, StoreCopyHeader, StoreCopyTransaction } from './store-copy-chunk.js';
import { StoreCopyError } from './store-copy-error.js';
import type { StoreCopyProgressReporter } from './store-copy-progress.js';
import { isStoreFileName } from './store-files.js';

type WriterState = 'await_header' | 'files' | 'transactions' | 'ended' | 'aborted';

interface FileBeingWritten {
  readonly size: number;
  readonly channel: StoreChannel;
  written: number;
}

export interface StoreCopyWriterOptions {
  readonly fileSystem: FileSystem;
  /** Empty; becomes the copied store. */
  readonly dir: string;
  readonly logger: Logger;
  /** dbms.tx_log.rotation.size of the copy's log. */
  readonly txLogRotationBytes: number;
  readonly progress: (header: StoreCopyHeader) => StoreCopyProgressReporter;
}

const DURABLE_EVERY_BYTES = 8 * 1024 * 1024;

export class StoreCopyWriter {
  readonly #options: StoreCopyWriterOptions;
  #state: WriterState = 'await_header';
  #header: StoreCopyHeader | undefined;
  #progress: StoreCopyProgressReporter | undefined;
  readonly #files = new Map<string, FileBeingWritten>();
  #log: TransactionLog | undefined;
  #lastTxId = 0;
  #undurableBytes = 0;
  #durable: Promise<void> = Promise.resolve();
  #appendFailure: unknown;

  constructor(options: StoreCopyWriterOptions) {
    this.#options = options;
  }

  get ended(): boolean {
    return this.#state === 'ended';
  }

  get lastTxId(): number {
    return this.#lastTxId;
  }

  get bytes(): number {
    return this.#progress?.bytes ?? 0;
  }

  async accept(chunk: StoreCopyChunk): Promise<void> {
    switch (chunk.kind) {
      case 'header':
        this.#expect(chunk, this.#state === 'await_header');
        return this.#begin(chunk);
      case 'file':
        this.#expect(chunk, this.#state === 'files');
        return this.#writeFile(chunk);
      case 'tx':
        this.#expect(chunk, this.#state === 'files' || this.#state === 'transactions');
        if (this.#state === 'files') this.#filesComplete();
        this.#state = 'transactions';
        return this.#append(chunk);
      case 'end':
        this.#expect(chunk, this.#state === 'files' || this.#state === 'transactions');
        if (this.#state === 'files') this.#filesComplete();
        if (chunk.lastTxId !== this.#lastTxId) {
          throw invalid(`the end chunk says the copy goes up to tx ${chunk.lastTxId}, but the last transaction received was ${this.#lastTxId}`);
        }
        await this.#waitDurable();
        await this.#log!.close();
        this.#options.fileSystem.forceDirectory(this.#options.dir);
        this.#state = 'ended';
        this.#progress!.done();
        return;
    }
  }

  /** Releases files and log after a failure; the caller deletes the directory. */
  async abort(): Promise<void> {
    this.#state = 'aborted';
    for (const file of this.#files.values()) file.channel.close();
    this.#files.clear();
    if (this.#log !== undefined) await this.#log.close();
  }

  #expect(chunk: StoreCopyChunk, allowed: boolean): void {
    if (!allowed) throw invalid(`a '${chunk.kind}' chunk arrived while the copy was in state ${this.#state}`);
  }

  #begin(header: StoreCopyHeader): void {
    const { fileSystem, dir, logger, txLogRotationBytes } = this.#options;
    const names = new Set<string>();
    for (const file of header.files) {
      if (!isStoreFileName(file.name) || names.has(file.name)) {
        throw invalid(`the header lists ${JSON.stringify(file.name)}, which is not a store file name or is listed twice`);
      }
      if (!Number.isSafeInteger(file.size) || file.size < 0) throw invalid(`the header gives ${file.name} a size of ${file.size} bytes`);
      names.add(file.name);
    }
    if (!names.has(META_DATA_FILE)) throw invalid(`the header does not list ${META_DATA_FILE}, the store's metadata`);
    this.#header = header;
    this.#lastTxId = header.checkpoint.txId;
    for (const file of header.files) {
      this.#files.set(file.name, { size: file.size, channel: fileSystem.open(path.join(dir, file.name)), written: 0 });
    }
    this.#log = TransactionLog.createStartingAfter(
      fileSystem,
      { dir, rotationSizeBytes: txLogRotationBytes, retention: { kind: 'all' }, logger },
      header.checkpoint,
    );
    this.#progress = this.#options.progress(header);
    this.#state = 'files';
    this.#progress.start();
  }

  #writeFile(chunk: StoreCopyFileChunk): void {
    const file = this.#files.get(chunk.name);
    if (file === undefined) throw invalid(`a chunk of ${JSON.stringify(chunk.name)} arrived, which the header does not list`);
    if (chunk.offset !== file.written || file.written + chunk.bytes.length > file.size) {
      throw invalid(
        `a chunk of ${chunk.name} covers bytes ${chunk.offset}..${chunk.offset + chunk.bytes.length} but ${file.written} of its ` +
          `${file.size} bytes were written: chunks must come in order and add up to the size`,
      );
    }
    file.channel.write(chunk.bytes, 0, chunk.bytes.length, chunk.offset);
    file.written += chunk.bytes.length;
    if (file.written === file.size) file.channel.forceSync();
    this.#progress!.fileBytes(chunk.bytes.length);
  }

  /** Every file is whole; `neostore` describes the header's checkpoint. Closes the files. */
  #filesComplete(): void {
    for (const [name, file] of this.#files) {
      if (file.written !== file.size) throw invalid(`${name} has ${file.written} of its ${file.size} bytes when the transactions began`);
      if (file.size === 0) file.channel.forceSync();
      file.channel.close();
    }
    this.#files.clear();
    const header = this.#header!;
    const metaFile = path.join(this.#options.dir, META_DATA_FILE);
    const meta = decodeMetaData(metaFile, this.#options.fileSystem.readFile(metaFile));
    if (meta.storeId !== header.storeId || meta.checkpointTxId !== header.checkpoint.txId || meta.checkpointChecksum !== header.checkpoint.checksum) {
      throw invalid(
        `${META_DATA_FILE} describes store ${meta.storeId} checkpointed at tx ${meta.checkpointTxId} (checksum ${meta.checkpointChecksum}), ` +
          `the header store ${header.storeId} at tx ${header.checkpoint.txId} (checksum ${header.checkpoint.checksum})`,
      );
    }
  }

  async #append(chunk: StoreCopyTransaction): Promise<void> {
    const { txId, epoch, timeMs, payload, checksum } = chunk.transaction;
    // Throws at once for a gap or a checksum that does not continue the chain.
    const appended = this.#log!.append(txId, epoch, timeMs, payload, checksum);
    this.#durable = appended.then(
      () => undefined,
      (error: unknown) => {
        this.#appendFailure ??= error;
      },
    );
    this.#lastTxId = txId;
    this.#progress!.transaction(txId, payload.length);
    this.#undurableBytes += payload.length;
    if (this.#undurableBytes >= DURABLE_EVERY_BYTES) await this.#waitDurable();
  }

  async #waitDurable(): Promise<void> {
    this.#undurableBytes = 0;
    await this.#durable;
    if (this.#appendFailure !== undefined) throw this.#appendFailure;
  }
}

function invalid(detail: string): StoreCopyError {
  return new StoreCopyError(
    'GLB_STORE_COPY_INVALID_STREAM',
    `the store copy stream is invalid: ${detail}. Expected header, file chunks, transactions, end (engine/storecopy/store-copy-chunk.ts); ` +
      'start the copy again, and if it recurs, the source and this member run incompatible versions.',
  );
}
