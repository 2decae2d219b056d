/**
 * The URLs of Neo4j's transactional HTTP API, in its two families:
 *
 *   v3 (Neo4j 3.x)                         v4 (Neo4j 4.x and 5.x)              what
 *   POST   /db/data/transaction            POST   /db/{name}/tx                begin (201 + Location)
 *   POST   /db/data/transaction/commit     POST   /db/{name}/tx/commit         begin, run, commit
 *   POST   /db/data/transaction/{id}       POST   /db/{name}/tx/{id}           run more, keep open
 *   DELETE /db/data/transaction/{id}       DELETE /db/{name}/tx/{id}           roll back
 *   POST   /db/data/transaction/{id}/commit POST  /db/{name}/tx/{id}/commit    run, commit
 *
 * Shared by the engine (which serves them) and the proxy (which keeps an open
 * transaction's requests on the member that began it). A trailing slash is accepted.
 */

export type ApiFamily = 'v3' | 'v4';

export interface TransactionPath {
  readonly family: ApiFamily;
  /** The database named in a v4 path, as written (decoded); undefined for v3. */
  readonly database: string | undefined;
  /** The open transaction addressed; undefined to begin a new one. */
  readonly transactionId: number | undefined;
  /** Whether the request commits (implicitly begun when transactionId is undefined). */
  readonly commit: boolean;
}

const v3Pattern = /^\/db\/data\/transaction(?:\/(\d{1,15}))?(\/commit)?\/?$/;
const v4Pattern = /^\/db\/([^/]+)\/tx(?:\/(\d{1,15}))?(\/commit)?\/?$/;

/** The transaction endpoint `path` (without a query string) addresses, or undefined when it is none. */
export function parseTransactionPath(path: string): TransactionPath | undefined {
  const v3 = v3Pattern.exec(path);
  if (v3 !== null) {
    return { family: 'v3', database: undefined, transactionId: v3[1] === undefined ? undefined : Number(v3[1]), commit: v3[2] !== undefined };
  }
  const v4 = v4Pattern.exec(path);
  if (v4 === null) return undefined;
  let database: string;
  try {
    database = decodeURIComponent(v4[1] ?? '');
  } catch {
    return undefined;
  }
  return { family: 'v4', database, transactionId: v4[2] === undefined ? undefined : Number(v4[2]), commit: v4[3] !== undefined };
}

/** `/db/data/transaction/{id}` or `/db/{name}/tx/{id}`. */
export function transactionPathOf(family: ApiFamily, database: string | undefined, transactionId: number): string {
  return family === 'v3' ? `/db/data/transaction/${transactionId}` : `/db/${encodeURIComponent(database ?? 'neo4j')}/tx/${transactionId}`;
}

/** `/db/data/transaction/{id}/commit` or `/db/{name}/tx/{id}/commit`. */
export function commitPathOf(family: ApiFamily, database: string | undefined, transactionId: number): string {
  return `${transactionPathOf(family, database, transactionId)}/commit`;
}
