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
  'Neo.ClientError.Security.Unauthorized': { classification: 'ClientError', retryable: false, description: 'The client is unauthorized due to authentication failure.' },
  'Neo.ClientError.Security.Forbidden': { classification: 'ClientError', retryable: false, description: 'An attempt was made to perform an unauthorized action.' },
  'Neo.ClientError.Security.CredentialsExpired': { classification: 'ClientError', retryable: false, description: 'The credentials have expired and need to be updated.' },
  'Neo.ClientError.Security.AuthenticationRateLimit': { classification: 'ClientError', retryable: false, description: 'The client has provided incorrect authentication details too many times in a row.' },
  'Neo.ClientError.Schema.ConstraintValidationFailed': { classification: 'ClientError', retryable: false, description: 'A constraint imposed by the database was violated.' },
  'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists': { classification: 'ClientError', retryable: false, description: 'Unable to perform operation because it would clash with a pre-existing index or constraint.' },
  'Neo.ClientError.Schema.IndexAlreadyExists': { classification: 'ClientError', retryable: false, description: 'Unable to perform operation because it would clash with a pre-existing index.' },
  'Neo.ClientError.Schema.IndexWithNameAlreadyExists': { classification: 'ClientError', retryable: false, description: 'Unable to perform operation because it would clash with a pre-existing index with this name.' },
  'Neo.ClientError.Schema.ConstraintAlreadyExists': { classification: 'ClientError', retryable: false, description: 'Unable to perform operation because it would clash with a pre-existing constraint.' },
  'Neo.ClientError.Schema.ConstraintWithNameAlreadyExists': { classification: 'ClientError', retryable: false, description: 'Unable to perform operation because it would clash with a pre-existing constraint with this name.' },
  'Neo.ClientError.Schema.IndexNotFound': { classification: 'ClientError', retryable: false, description: 'The request (directly or indirectly) referred to an index that does not exist.' },
  'Neo.ClientError.Schema.ConstraintNotFound': { classification: 'ClientError', retryable: false, description: 'The request (directly or indirectly) referred to a constraint that does not exist.' },
  'Neo.ClientError.Statement.TypeError': { classification: 'ClientError', retryable: false, description: 'The statement is attempting to perform operations on values with types that are not supported by the operation.' },
  'Neo.ClientError.Statement.SyntaxError': { classification: 'ClientError', retryable: false, description: 'The statement contains invalid or unsupported syntax.' },
  'Neo.ClientError.Statement.SemanticError': { classification: 'ClientError', retryable: false, description: 'The statement is syntactically valid, but expresses something that the database cannot do.' },
  'Neo.ClientError.Statement.ParameterMissing': { classification: 'ClientError', retryable: false, description: 'The statement refers to a parameter that was not provided in the request.' },
  'Neo.ClientError.Statement.ArithmeticError': { classification: 'ClientError', retryable: false, description: 'Invalid use of arithmetic, such as dividing by zero.' },
  'Neo.ClientError.Statement.ArgumentError': { classification: 'ClientError', retryable: false, description: 'The statement is attempting to perform operations using invalid arguments.' },
  'Neo.ClientError.Procedure.ProcedureNotFound': { classification: 'ClientError', retryable: false, description: 'A request referred to a procedure that is not registered with this database instance.' },
  'Neo.ClientError.Statement.EntityNotFound': { classification: 'ClientError', retryable: false, description: 'The statement refers to a non-existent entity.' },
  'Neo.ClientError.Transaction.TransactionNotFound': { classification: 'ClientError', retryable: false, description: 'The request referred to a transaction that does not exist.' },
  'Neo.ClientError.Transaction.ConcurrentRequest': { classification: 'ClientError', retryable: false, description: 'There were concurrent requests accessing the same transaction, which is not allowed.' },
  'Neo.ClientError.Database.DatabaseNotFound': { classification: 'ClientError', retryable: false, description: 'The request referred to a database that does not exist.' },
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
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError': { classification: 'TransientError', retryable: true, description: 'The memory pool limit was exceeded. The corresponding setting can be found in the error message.' },
  'Neo.DatabaseError.Schema.IndexDropFailed': { classification: 'DatabaseError', retryable: false, description: 'The database failed to drop a requested index.' },
  'Neo.DatabaseError.Schema.ConstraintDropFailed': { classification: 'DatabaseError', retryable: false, description: 'The database failed to drop a requested constraint.' },
  'Neo.DatabaseError.Schema.ConstraintCreationFailed': { classification: 'DatabaseError', retryable: false, description: 'Creating a requested constraint failed.' },
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
