/**
 * Progress of a store copy on the receiving side, as pino events and a callback:
 * `{event: 'store_copy', phase, bytes, totalBytes, percent}` at the start, at most every
 * PROGRESS_INTERVAL_MS while files and transactions arrive, and at the end.
 *
 * bytes counts file bytes and transaction payload bytes received; totalBytes is the size
 * of the store files, known from the header; percent is the share of it received. The
 * transactions come on top: how many there will be is only known at the end (commits go
 * on during the copy), so that phase reports the last tx id received instead.
 */
import type { Logger } from 'pino';

export type StoreCopyPhase = 'start' | 'files' | 'transactions' | 'done';

export interface StoreCopyProgress {
  readonly phase: StoreCopyPhase;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly percent: number;
  /** The last transaction received (the checkpoint's before the first). */
  readonly txId: number;
}

const PROGRESS_INTERVAL_MS = 500;

export class StoreCopyProgressReporter {
  readonly #logger: Logger;
  readonly #onProgress: ((progress: StoreCopyProgress) => void) | undefined;
  readonly #totalBytes: number;
  #fileBytes = 0;
  #txBytes = 0;
  #txId: number;
  #lastReportMs = Number.NEGATIVE_INFINITY;

  constructor(
    logger: Logger,
    onProgress: ((progress: StoreCopyProgress) => void) | undefined,
    header: { readonly totalBytes: number; readonly checkpointTxId: number },
  ) {
    this.#logger = logger;
    this.#onProgress = onProgress;
    this.#totalBytes = header.totalBytes;
    this.#txId = header.checkpointTxId;
  }

  get bytes(): number {
    return this.#fileBytes + this.#txBytes;
  }

  start(): void {
    this.#report('start');
  }

  fileBytes(count: number): void {
    this.#fileBytes += count;
    this.#reportIfDue('files');
  }

  transaction(txId: number, payloadBytes: number): void {
    this.#txId = txId;
    this.#txBytes += payloadBytes;
    this.#reportIfDue('transactions');
  }

  done(): void {
    this.#report('done');
  }

  #reportIfDue(phase: StoreCopyPhase): void {
    if (performance.now() - this.#lastReportMs >= PROGRESS_INTERVAL_MS) this.#report(phase);
  }

  #report(phase: StoreCopyPhase): void {
    this.#lastReportMs = performance.now();
    const progress: StoreCopyProgress = { phase, bytes: this.bytes, totalBytes: this.#totalBytes, percent: this.#percent(), txId: this.#txId };
    this.#logger.info({ event: 'store_copy', ...progress }, `store copy ${phase}: ${progress.bytes} bytes, ${progress.percent}%`);
    this.#onProgress?.(progress);
  }

  #percent(): number {
    const share = this.#totalBytes === 0 ? 1 : this.#fileBytes / this.#totalBytes;
    return Math.round(share * 1000) / 10;
  }
}
