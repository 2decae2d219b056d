/**
 * The transaction log's own failures, each with a stable code: callers match on `code`,
 * never on the message. The transaction layer turns GLB_TX_LOG_FAILED into
 * Neo.DatabaseError.Transaction.TransactionLogError for clients.
 */
export const transactionLogErrorCodes = {
  /** read() asked for transactions that pruning has deleted; a replica or backup needs a full store copy. */
  GLB_TX_LOG_PRUNED: 'The requested transactions are older than the oldest retained log file.',
  /** A write or fsync failed: durability of the unacknowledged entries is unknown, so the log takes no more. */
  GLB_TX_LOG_FAILED: 'The transaction log failed an I/O operation and refuses further appends.',
  /** A retained log file is damaged in a way that cutting a torn tail cannot repair. */
  GLB_TX_LOG_CORRUPT: 'A transaction log file is corrupt.',
  /** append() with a tx id other than the last appended + 1. */
  GLB_TX_LOG_OUT_OF_ORDER: 'Transaction ids must be appended gap-free and in order.',
  GLB_TX_LOG_DIVERGED: 'A transaction from another member does not continue this log\'s checksum chain: the two histories have diverged (a branch).',
  /** An argument outside what the log format can hold. */
  GLB_TX_LOG_INVALID_ARGUMENT: 'An argument is outside the range the transaction log accepts.',
  /** append() after close(). */
  GLB_TX_LOG_CLOSED: 'The transaction log is closed.',
} as const;

export type TransactionLogErrorCode = keyof typeof transactionLogErrorCodes;

export class TransactionLogError extends Error {
  readonly code: TransactionLogErrorCode;

  constructor(code: TransactionLogErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransactionLogError';
    this.code = code;
  }
}
