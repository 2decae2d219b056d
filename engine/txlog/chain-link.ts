/**
 * Where the checksum chain stands after one entry: the next entry continues from it and
 * a new log file's header records it. A {@link CommittedTransaction} is one.
 */
export interface ChainLink {
  readonly txId: number;
  readonly checksum: number;
  readonly epoch: number;
  readonly timeMs: number;
}

/** The chain of a log that has never held an entry: the first entry is tx 1, seeded with checksum 0. */
export const EMPTY_CHAIN: ChainLink = Object.freeze({ txId: 0, checksum: 0, epoch: 0, timeMs: 0 });
