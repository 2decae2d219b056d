/**
 * One request of the transactional API that a slave answers through the master (issue
 * 4: "writes sent to a slave are executed through the master and answered only after the
 * slave has applied them"). The transaction endpoint decides what is forwarded; this
 * file carries one such request there and back:
 *
 *   the target: an open forwarded transaction's master URL (handle.forwardedTo), or the
 *     begin path on the master MasterForwarder.locate() finds ('self': run it locally;
 *     none in time: NoLeaderAvailable)
 *   -> a local transaction that only read so far is rolled back: the master runs it from here
 *   -> send (unreachable: NoLeaderAvailable, the local handle closed)
 *   -> the handle: kept open (IDLE) while the master's answer has `transaction`, now
 *      pointing at the master's transaction; closed otherwise
 *   -> URLs rewritten: the master's commit URL and Location name this slave's own
 *      transaction id, so the client's next request comes here and is forwarded again
 *   -> lastBookmarks: wait (bounded, dbms.transaction.bookmark_ready_timeout) until this
 *      slave has applied that transaction, so a read here right after sees the write
 *   -> the answer relayed with the master's status, body and content type
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { latestBookmarkedTxId } from '../../protocol/bookmark.js';
import { commitPathOf, transactionPathOf, type TransactionPath } from '../../protocol/http/transaction-path.js';
import { errorsOnlyBody } from '../../protocol/http/transaction-response.js';
import type { GraphDatabase } from '../database.js';
import { MasterUnreachableError, type MasterAnswer, type MasterForwarder } from './master-forwarder.js';
import { jsonContentType } from './response-stream.js';
import type { HttpTransaction, TransactionRegistry } from './transaction-registry.js';

export interface ForwardingContext {
  readonly forwarder: MasterForwarder;
  readonly registry: TransactionRegistry;
  readonly database: GraphDatabase;
  /** dbms.transaction.bookmark_ready_timeout: how long the answer waits for this slave to apply the write. */
  readonly applyTimeoutMs: number;
  readonly logger: Logger;
}

export interface ForwardedRequest {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly path: TransactionPath;
  readonly method: 'POST' | 'DELETE';
  /** The body as the client sent it (DELETE has none). */
  readonly body: string | undefined;
  /** The transaction the client addresses or begins here; undefined for begin-and-commit. */
  readonly handle: HttpTransaction | undefined;
  /** `http://host:port` as the client reached this member. */
  readonly base: string;
}

/** 'local' when this member turned out to be master: the caller runs the request itself. */
export async function forwardWrite(context: ForwardingContext, forwarded: ForwardedRequest): Promise<'answered' | 'local'> {
  const { path, handle, request } = forwarded;
  let url: string;
  if (handle?.forwardedTo !== undefined) {
    url = forwarded.method === 'DELETE' || !path.commit ? handle.forwardedTo : `${handle.forwardedTo}/commit`;
  } else {
    const master = await context.forwarder.locate();
    if (master === 'self') return 'local';
    if (master === undefined) {
      closeHandle(context, handle);
      const message =
        `HA member ${context.forwarder.serverId} is not master and no master was elected within ${context.forwarder.masterWaitMs} ms ` +
        '(an election is under way or too few members are reachable); the write was not executed: retry it once a master is elected.';
      answerError(forwarded.response, message);
      context.logger.warn({ event: 'forward_no_master', path: pathOf(request), waitedMs: context.forwarder.masterWaitMs }, 'no master to forward a write to');
      return 'answered';
    }
    // The master begins the transaction: a local one that has only read is dropped (read committed, as in Neo4j).
    handle?.transaction?.rollback();
    if (handle !== undefined) handle.transaction = undefined;
    url = `${master}${beginPathOf(path)}${path.commit ? '/commit' : ''}`;
  }

  let answer: MasterAnswer;
  try {
    answer = await context.forwarder.send(request, forwarded.method, url, forwarded.body);
  } catch (error) {
    if (!(error instanceof MasterUnreachableError)) throw error;
    closeHandle(context, handle);
    context.logger.warn({ event: 'forward_failed', path: pathOf(request), master: url, reason: error.message }, 'a write forwarded to the master got no answer');
    answerError(
      forwarded.response,
      `HA member ${context.forwarder.serverId} forwarded the write to the master, which did not answer (${error.message}); ` +
        'the transaction is rolled back, though a commit may have completed on the master: check with a read, then retry once a master answers.',
    );
    return 'answered';
  }

  const summary = summarize(answer.body);
  const begins = handle !== undefined && handle.forwardedTo === undefined;
  if (handle !== undefined) {
    const open = answer.status >= 200 && answer.status < 300 && summary?.open === true && forwarded.method === 'POST' && !path.commit;
    const masterTransaction = begins ? (answer.location ?? summary?.commit?.replace(/\/commit$/, '')) : handle.forwardedTo;
    if (open && masterTransaction !== undefined) {
      handle.forwardedTo = masterTransaction;
      context.registry.release(handle);
    } else {
      context.registry.close(handle);
    }
  }

  let body = answer.body;
  if (handle !== undefined && summary?.commit !== undefined) {
    body = replaceCommitUrl(body, path.family, summary.commit, `${forwarded.base}${commitPathOf(path.family, path.database, handle.id)}`);
  }
  if (summary?.lastBookmarks !== undefined) await awaitApplied(context, summary.lastBookmarks, request);

  // A transaction that began here and moved to the master was not begun by this request: 200, no Location.
  const beganNow = path.transactionId === undefined && !path.commit;
  const status = answer.status === 201 && !beganNow ? 200 : answer.status;
  const headers: Record<string, string | number> = { 'Content-Type': answer.contentType ?? jsonContentType, 'Content-Length': Buffer.byteLength(body) };
  if (status === 201 && handle !== undefined) headers['Location'] = `${forwarded.base}${transactionPathOf(path.family, path.database, handle.id)}`;
  if (answer.wwwAuthenticate !== undefined) headers['WWW-Authenticate'] = answer.wwwAuthenticate;
  forwarded.response.writeHead(status, headers);
  forwarded.response.end(body);
  context.logger.debug({ event: 'write_forwarded', path: pathOf(request), master: url, status }, 'write executed through the master');
  return 'answered';
}

interface AnswerSummary {
  /** The master's commit URL in the body, if any. */
  readonly commit: string | undefined;
  /** The body has `transaction`: the master keeps the transaction open. */
  readonly open: boolean;
  readonly lastBookmarks: readonly string[] | undefined;
}

/** What the relay needs of the master's body; undefined when it is no JSON object (relayed as it is). */
function summarize(body: string): AnswerSummary | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const fields = json as Record<string, unknown>;
  const bookmarks = fields['lastBookmarks'];
  return {
    commit: typeof fields['commit'] === 'string' ? fields['commit'] : undefined,
    open: fields['transaction'] !== undefined,
    lastBookmarks: Array.isArray(bookmarks) && bookmarks.every((b) => typeof b === 'string') ? (bookmarks as string[]) : undefined,
  };
}

/**
 * Swaps the master's commit URL for this slave's in the body's top-level `commit` key,
 * as text: re-encoding the body would lose integers beyond 2^53 in the rows. v3 writes
 * the key first, v4 after the results, so a row value equal to it is never the one replaced.
 */
function replaceCommitUrl(body: string, family: TransactionPath['family'], masterUrl: string, localUrl: string): string {
  const field = `"commit":${JSON.stringify(masterUrl)}`;
  const at = family === 'v3' ? body.indexOf(field) : body.lastIndexOf(field);
  return at < 0 ? body : `${body.slice(0, at)}"commit":${JSON.stringify(localUrl)}${body.slice(at + field.length)}`;
}

async function awaitApplied(context: ForwardingContext, bookmarks: readonly string[], request: IncomingMessage): Promise<void> {
  let txId: number;
  try {
    txId = latestBookmarkedTxId(bookmarks);
  } catch {
    return;
  }
  try {
    await context.database.awaitApplied(txId, context.applyTimeoutMs);
  } catch {
    // The write is committed on the master: answering with an error would invite a duplicate retry.
    context.logger.warn(
      { event: 'forwarded_write_not_applied', path: pathOf(request), txId, lastCommittedTxId: context.database.lastCommittedTxId, timeoutMs: context.applyTimeoutMs },
      `a write committed through the master as tx ${txId} was not applied on this slave within ${context.applyTimeoutMs} ms; answered anyway, with its bookmark`,
    );
  }
}

function closeHandle(context: ForwardingContext, handle: HttpTransaction | undefined): void {
  if (handle === undefined) return;
  handle.transaction?.rollback();
  context.registry.close(handle);
}

/**
 * 200 with the error in the body, as the endpoint answers a write its own write gate
 * refuses (NoLeaderAvailable there too): a client retries on the code, whichever member it hit.
 */
function answerError(response: ServerResponse, message: string): void {
  const body = errorsOnlyBody([{ code: 'Neo.TransientError.Cluster.NoLeaderAvailable', message }]);
  response.writeHead(200, { 'Content-Type': jsonContentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** `/db/data/transaction` or `/db/{name}/tx`: where the master begins a transaction. */
function beginPathOf(path: TransactionPath): string {
  return path.family === 'v3' ? '/db/data/transaction' : `/db/${encodeURIComponent(path.database ?? 'neo4j')}/tx`;
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
