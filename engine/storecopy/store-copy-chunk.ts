/**
 * What a store copy consists of, in stream order. Transport-agnostic: the HA channel
 * (and later online backup) maps each chunk to one frame; in-process they pass as is.
 *
 *   header        once, first: the store's identity, where its checkpoint stands and the
 *                 store files with their sizes at that checkpoint
 *   file ...      every listed file, each in order of offset, back to back, exactly `size`
 *                 bytes in all (a file of 0 bytes sends no chunk)
 *   tx ...        every committed transaction after the checkpoint, in tx id order, up to
 *                 the source's last one when it began reading its log
 *   end           once, last: the last tx id sent (the checkpoint's when none was)
 *
 * The store files alone may be torn (commits went on while they were read); the files
 * plus the transactions after the checkpoint always recover to a consistent store.
 */
import type { ChainLink } from '../txlog/chain-link.js';
import type { CommittedTransaction } from '../txlog/transaction-log.js';

export interface StoreCopyFile {
  /** A store file's name inside the store directory, one of storeFileNames(). */
  readonly name: string;
  readonly size: number;
}

export interface StoreCopyHeader {
  readonly kind: 'header';
  readonly storeId: string;
  /**
   * The chain after the checkpoint's transaction: the log of the copy continues from it.
   * timeMs is the checkpoint's time (the store does not record the transaction's), a later
   * and so, for time-based log retention, a conservative stand-in.
   */
  readonly checkpoint: ChainLink;
  readonly files: readonly StoreCopyFile[];
}

export interface StoreCopyFileChunk {
  readonly kind: 'file';
  readonly name: string;
  readonly offset: number;
  readonly bytes: Buffer;
}

export interface StoreCopyTransaction {
  readonly kind: 'tx';
  readonly transaction: CommittedTransaction;
}

export interface StoreCopyEnd {
  readonly kind: 'end';
  readonly lastTxId: number;
}

export type StoreCopyChunk = StoreCopyHeader | StoreCopyFileChunk | StoreCopyTransaction | StoreCopyEnd;
