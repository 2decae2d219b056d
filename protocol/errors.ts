/**
 * Neo4j status codes: one table, one error class. Callers match on `code`, never on
 * the message. Every code a part of graphlb can answer with is listed here with its
 * classification and whether a client may retry the same work.
 *
 * Source of the codes: Neo4j's status code reference (Neo.<Classification>.<Category>.<Title>).
 */

export type Classification = 'ClientError' | 'ClientNotification' | 'TransientError' | 'DatabaseError';

export interface StatusDefinition {
  readonly classification: Classification;
  /** A transient error may succeed when the same work is tried again. */
  readonly retryable: boolean;
  readonly description: string;
}

const definitions = {
  'Neo.ClientError.General.InvalidArguments': { classification: 'ClientError', retryable: false, description: 'The request contained fields that were empty or are not allowed.' },
  'Neo.ClientError.Request.Invalid': { classification: 'ClientError', retryable: false, description: 'The client provided an invalid request.' },
  'Neo.ClientError.Request.InvalidFormat': { classification: 'ClientError', retryable: false, description: 'The client provided a request that was missing required fields, or had values that are not allowed.' },
  'Neo.ClientError.Schema.ConstraintValidationFailed': { classification: 'ClientError', retryable: false, description: 'A constraint imposed by the database was violated.' },
  'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists': { classification: 'ClientError', retryable: false, description: 'Unable to perform operation because it would clash with a pre-existing index or constraint.' },
  'Neo.ClientError.Schema.IndexNotFound': { classification: 'ClientError', retryable: false, description: 'The request (directly or indirectly) referred to an index that does not exist.' },
  'Neo.ClientError.Schema.ConstraintNotFound': { classification: 'ClientError', retryable: false, description: 'The request (directly or indirectly) referred to a constraint that does not exist.' },
  'Neo.ClientError.Statement.TypeError': { classification: 'ClientError', retryable: false, description: 'The statement is attempting to perform operations on values with types that are not supported by the operation.' },
  'Neo.ClientError.Statement.EntityNotFound': { classification: 'ClientError', retryable: false, description: 'The statement refers to a non-existent entity.' },
  'Neo.ClientError.Transaction.TransactionNotFound': { classification: 'ClientError', retryable: false, description: 'The request referred to a transaction that does not exist.' },
  'Neo.ClientError.Transaction.InvalidBookmark': { classification: 'ClientError', retryable: false, description: 'Supplied bookmark cannot be interpreted.' },
  'Neo.ClientError.Transaction.ForbiddenDueToTransactionType': { classification: 'ClientError', retryable: false, description: 'The transaction is of the wrong type to service the request.' },
  'Neo.ClientError.Statement.AccessMode': { classification: 'ClientError', retryable: false, description: 'The request could not be completed due to an access mode violation.' },
  'Neo.ClientError.Cluster.NotALeader': { classification: 'ClientError', retryable: false, description: 'The request cannot be processed by this server. Write requests can only be processed by the leader.' },
  'Neo.TransientError.Transaction.DeadlockDetected': { classification: 'TransientError', retryable: true, description: 'This transaction, and at least one more transaction, has acquired locks in a way that it will wait indefinitely, and the database has aborted it. Retrying this transaction will most likely be successful.' },
  'Neo.TransientError.Transaction.LockClientStopped': { classification: 'TransientError', retryable: true, description: 'The transaction has been terminated, so no more locks can be acquired.' },
  'Neo.TransientError.Transaction.Terminated': { classification: 'TransientError', retryable: true, description: 'Explicitly terminated by the user.' },
  'Neo.TransientError.Transaction.BookmarkTimeout': { classification: 'TransientError', retryable: true, description: 'Bookmark wait timed out.' },
  'Neo.TransientError.Cluster.NoLeaderAvailable': { classification: 'TransientError', retryable: true, description: 'No leader available at the moment. Retrying your request at a later time may be successful.' },
  'Neo.TransientError.General.DatabaseUnavailable': { classification: 'TransientError', retryable: true, description: 'The database is not currently available to serve your request, refer to the database logs for more details. Retrying your request at a later time may succeed.' },
  'Neo.DatabaseError.General.UnknownError': { classification: 'DatabaseError', retryable: false, description: 'An unknown error occurred.' },
  'Neo.DatabaseError.Transaction.TransactionCommitFailed': { classification: 'DatabaseError', retryable: false, description: 'The database was unable to commit the transaction.' },
  'Neo.DatabaseError.Transaction.TransactionLogError': { classification: 'DatabaseError', retryable: false, description: 'The database was unable to write transaction to log.' },
} as const satisfies Record<string, StatusDefinition>;

export type StatusCode = keyof typeof definitions;

export const statusCodes: Readonly<Record<StatusCode, StatusDefinition>> = definitions;

/** An error a client sees, carrying a Neo4j status code. */
export class Neo4jError extends Error {
  readonly code: StatusCode;

  constructor(code: StatusCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Neo4jError';
    this.code = code;
  }

  get classification(): Classification {
    return statusCodes[this.code].classification;
  }

  get retryable(): boolean {
    return statusCodes[this.code].retryable;
  }
}
