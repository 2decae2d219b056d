/**
 * Neo4j's transactional HTTP API (paths in protocol/http/transaction-path.ts) on the
 * engine. One request, in order:
 *
 *   method allowed? (405) -> database served? (404 DatabaseNotFound) -> access-mode valid? (400)
 *   -> DELETE: roll back, 200 | 404 TransactionNotFound
 *   -> body read within graphlb.http.max_request_body_size (413, connection closed)
 *   -> the transaction: a new one (begin: 201 + Location), none kept (tx/commit), or the open
 *      one named by the path (404 TransactionNotFound / ConcurrentRequest)
 *   -> HA slave: a write, or any request of a transaction that runs on the master, is
 *      forwarded there (forwarded-write.ts) and answered once this slave applied it
 *   -> body decoded; bookmarks awaited (dbms.transaction.bookmark_ready_timeout) and the
 *      engine transaction begun in the access mode, when it is new
 *   -> statements run one after the other, each result streamed as soon as it is complete
 *   -> commit (lastBookmarks) or keep open (expires) -- or, after any error, roll back
 *
 * Once the status is sent, every failure is reported in `errors` and the transaction is
 * rolled back, as Neo4j does: a client tells an open transaction by the `transaction` key.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { formatBookmark, latestBookmarkedTxId } from '../../protocol/bookmark.js';
import { Neo4jError, type StatusCode } from '../../protocol/errors.js';
import { commitPathOf, transactionPathOf, type TransactionPath } from '../../protocol/http/transaction-path.js';
import { decodeBookmarksHeader, decodeTransactionRequest, maxRequestNesting, type TransactionRequest } from '../../protocol/http/transaction-request.js';
import { errorsOnlyBody, responseHead, responseTail, type ErrorBody } from '../../protocol/http/transaction-response.js';
import type { GraphDatabase } from '../database.js';
import type { QueryEngine } from '../query/query-engine.js';
import type { SocketAddress } from '../../protocol/config/socket-address.js';
import { sendError } from '../server/http-responses.js';
import type { AccessMode, Transaction } from '../tx/transaction.js';
import { requestBaseUrl } from './base-url.js';
import { forwardWrite, type ForwardingContext } from './forwarded-write.js';
import { MasterForwarder, wasForwarded, type ClusterMember } from './master-forwarder.js';
import { BodyAbortedError, BodyTooLargeError, readRequestBody } from './request-body.js';
import { jsonContentType, ResponseStream } from './response-stream.js';
import { writeStatementResult } from './statement-result-writer.js';
import type { HttpTransaction, TransactionRegistry } from './transaction-registry.js';

export interface TransactionEndpointOptions {
  readonly database: GraphDatabase;
  readonly queryEngine: QueryEngine;
  readonly registry: TransactionRegistry;
  readonly logger: Logger;
  /** dbms.active_database: the one name (with the alias `neo4j`) that /db/{name}/tx serves. */
  readonly activeDatabase: string;
  /** graphlb.http.max_request_body_size. */
  readonly maxBodyBytes: number;
  /** dbms.transaction.bookmark_ready_timeout. */
  readonly bookmarkTimeoutMs: number;
  /** Where the connector listens, for URLs when a request has no usable Host header. */
  readonly httpAddress: () => SocketAddress;
  /** The HA member this instance is (dbms.mode=HA): a slave forwards writes to the master. */
  readonly cluster?: ClusterMember | undefined;
  /** How long a write on a member without a master waits for one to be elected (HA). */
  readonly masterWaitMs?: number | undefined;
}

/** A write waits this long for a master unless told: twice the default ha.heartbeat_timeout, about one election. */
const defaultMasterWaitMs = 8000;

/** Bounds one forwarded request; generous, since it runs the client's statements on the master. */
const forwardedAnswerTimeoutMs = 120_000;

export class TransactionEndpoint {
  readonly #options: TransactionEndpointOptions;
  readonly #databaseNames: ReadonlySet<string>;
  readonly #forwarding: ForwardingContext | undefined;

  constructor(options: TransactionEndpointOptions) {
    this.#options = options;
    this.#databaseNames = new Set([options.activeDatabase.toLowerCase(), 'neo4j']);
    this.#forwarding =
      options.cluster === undefined
        ? undefined
        : {
            forwarder: new MasterForwarder({
              member: options.cluster,
              masterWaitMs: options.masterWaitMs ?? defaultMasterWaitMs,
              answerTimeoutMs: forwardedAnswerTimeoutMs,
            }),
            registry: options.registry,
            database: options.database,
            applyTimeoutMs: options.bookmarkTimeoutMs,
            logger: options.logger,
          };
  }

  /**
   * Answers one request to `path`. `refusal`, when set, is the error every transaction of
   * the request fails with before it runs anything (a password that must change, 4.x).
   */
  async handle(request: IncomingMessage, response: ServerResponse, path: TransactionPath, refusal?: Neo4jError): Promise<void> {
    const method = request.method ?? 'GET';
    const allowed = path.transactionId !== undefined && !path.commit ? ['POST', 'DELETE'] : ['POST'];
    if (!allowed.includes(method)) {
      this.#refuse(request, response, 405, 'Neo.ClientError.Request.Invalid', `${method} is not allowed on ${pathOf(request)}; expected ${allowed.join(' or ')}`, {
        Allow: allowed.join(', '),
      });
      return;
    }
    if (path.family === 'v4' && !this.#databaseNames.has((path.database ?? '').toLowerCase())) {
      const message =
        `Database does not exist. Database name: '${path.database ?? ''}'. ` +
        `This instance serves '${this.#options.activeDatabase}' (dbms.active_database), also reachable as 'neo4j'.`;
      this.#answer(request, response, 404, errorsOnlyBody([{ code: 'Neo.ClientError.Database.DatabaseNotFound', message }]), 'Neo.ClientError.Database.DatabaseNotFound');
      return;
    }
    const mode = accessMode(request.headers['access-mode']);
    if (mode === undefined) {
      this.#refuse(request, response, 400, 'Neo.ClientError.Request.Invalid', `The access-mode header '${String(request.headers['access-mode'])}' is not valid; expected READ or WRITE`);
      return;
    }
    if (method === 'DELETE') {
      await this.#rollback(request, response, path);
      return;
    }

    let body: string | Neo4jError;
    try {
      body = await readRequestBody(request, this.#options.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is not read: the connection cannot carry another request.
        response.setHeader('Connection', 'close');
        this.#refuse(request, response, 413, 'Neo.ClientError.Request.Invalid', error.message);
        return;
      }
      if (error instanceof BodyAbortedError) {
        response.destroy();
        return;
      }
      if (!(error instanceof Neo4jError)) throw error;
      body = error;
    }

    let handle: HttpTransaction | undefined;
    if (path.transactionId !== undefined) {
      try {
        handle = this.#options.registry.acquire(path.transactionId);
      } catch (error) {
        if (!(error instanceof Neo4jError)) throw error;
        this.#answer(request, response, 404, errorsOnlyBody([{ code: error.code, message: error.message }]), error.code);
        return;
      }
    } else if (!path.commit) {
      handle = this.#options.registry.create();
    }

    const base = requestBaseUrl(request.headers, this.#options.httpAddress());
    const decoded = typeof body === 'string' ? this.#decode(body) : body;
    if (this.#forwarding !== undefined && typeof body === 'string' && refusal === undefined && !wasForwarded(request) && this.#forwards(handle, decoded, mode)) {
      const forwarded = await forwardWrite(this.#forwarding, { request, response, path, method: 'POST', body, handle, base });
      if (forwarded === 'answered') return;
    }
    const commitUrl = handle === undefined ? undefined : `${base}${commitPathOf(path.family, path.database, handle.id)}`;
    const begins = path.transactionId === undefined && !path.commit;
    const out = new ResponseStream(
      response,
      begins ? 201 : 200,
      begins && handle !== undefined ? { Location: `${base}${transactionPathOf(path.family, path.database, handle.id)}` } : {},
    );
    out.write(responseHead(path.family, path.commit ? undefined : commitUrl));

    const errors: ErrorBody[] = [];
    let transaction = handle?.transaction;
    let lastBookmarks: string[] | undefined;
    try {
      if (body instanceof Neo4jError) throw body;
      if (refusal !== undefined) throw refusal;
      if (decoded instanceof Neo4jError) throw decoded;
      if (transaction === undefined) {
        transaction = await this.#begin(request, decoded, mode);
        if (handle !== undefined) handle.transaction = transaction;
      }
      for (let i = 0; i < decoded.statements.length; i++) {
        const statement = decoded.statements[i]!;
        const result = await this.#options.queryEngine.run(transaction, statement.statement, statement.parameters);
        if (i > 0) out.write(',');
        writeStatementResult(out, path.family, statement, result, transaction);
      }
      if (path.commit) lastBookmarks = [formatBookmark(await transaction.commit())];
    } catch (error) {
      errors.push(this.#errorBody(error));
      transaction?.rollback();
    }

    let expires: number | undefined;
    if (handle !== undefined) {
      if (errors.length === 0 && !path.commit) expires = this.#options.registry.release(handle);
      else this.#options.registry.close(handle);
    }
    // v4 names the commit URL after a failure on an open transaction too (Neo4j 4.4's examples).
    const tailCommit = !path.commit || errors.length > 0 ? commitUrl : undefined;
    out.end(responseTail(path.family, { commit: tailCommit, expires, errors, lastBookmarks }));
    if (errors.length > 0) this.#logFailure(request, begins ? 201 : 200, errors.map((error) => error.code));
  }

  /**
   * Whether this request runs on the master (this member being a slave, or without a master
   * yet): every request of a transaction already there, and a write -- a statement that
   * updates or changes the schema, in WRITE mode -- in a new transaction or in one that has
   * only read so far. Reads stay here; a request that does not decode runs here to fail.
   */
  #forwards(handle: HttpTransaction | undefined, decoded: TransactionRequest | Neo4jError, mode: AccessMode): boolean {
    if (handle?.forwardedTo !== undefined) return true;
    if (this.#forwarding === undefined || this.#forwarding.forwarder.isMaster() || decoded instanceof Neo4jError) return false;
    const local = handle?.transaction;
    if ((local?.mode ?? mode) !== 'WRITE' || (local !== undefined && !local.state.isEmpty)) return false;
    return decoded.statements.some(({ statement }) => {
      try {
        const info = this.#options.queryEngine.info(statement);
        // Every procedure graphlb has only reads (engine/query/procedures/).
        return info.updating || info.schema;
      } catch {
        return false;
      }
    });
  }

  #decode(body: string): TransactionRequest | Neo4jError {
    try {
      return decodeTransactionRequest(body, { maxLength: this.#options.maxBodyBytes, maxDepth: maxRequestNesting });
    } catch (error) {
      if (error instanceof Neo4jError) return error;
      throw error;
    }
  }

  /** Waits for the request's bookmarks (body and Bookmarks header), then begins the engine transaction. */
  async #begin(request: IncomingMessage, decoded: TransactionRequest, mode: AccessMode): Promise<Transaction> {
    const header = request.headers['bookmarks'];
    const headerText = Array.isArray(header) ? header[0] : header;
    const bookmarks =
      headerText === undefined ? decoded.bookmarks : [...decoded.bookmarks, ...decodeBookmarksHeader(headerText, { maxLength: this.#options.maxBodyBytes, maxDepth: 2 })];
    const txId = latestBookmarkedTxId(bookmarks);
    if (txId > 0) await this.#options.database.awaitApplied(txId, this.#options.bookmarkTimeoutMs);
    return this.#options.database.beginTransaction(mode);
  }

  async #rollback(request: IncomingMessage, response: ServerResponse, path: TransactionPath): Promise<void> {
    let handle: HttpTransaction;
    try {
      handle = this.#options.registry.acquire(path.transactionId as number);
    } catch (error) {
      if (!(error instanceof Neo4jError)) throw error;
      this.#answer(request, response, 404, errorsOnlyBody([{ code: error.code, message: error.message }]), error.code);
      return;
    }
    if (handle.forwardedTo !== undefined && this.#forwarding !== undefined) {
      const base = requestBaseUrl(request.headers, this.#options.httpAddress());
      await forwardWrite(this.#forwarding, { request, response, path, method: 'DELETE', body: undefined, handle, base });
      return;
    }
    handle.transaction?.rollback();
    this.#options.registry.close(handle);
    this.#answer(request, response, 200, errorsOnlyBody([]));
  }

  #errorBody(error: unknown): ErrorBody {
    if (error instanceof Neo4jError) return { code: error.code, message: error.message };
    this.#options.logger.error({ event: 'statement_failed', err: error }, 'a request to the transactional endpoint failed inside the engine');
    return {
      code: 'Neo.DatabaseError.General.UnknownError',
      message: 'The request failed inside the engine and the transaction was rolled back; see the engine log (event statement_failed).',
    };
  }

  #refuse(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    code: StatusCode,
    message: string,
    headers: Readonly<Record<string, string>> = {},
  ): void {
    sendError(response, status, code, message, headers);
    this.#logFailure(request, status, [code]);
  }

  #answer(request: IncomingMessage, response: ServerResponse, status: number, body: string, code?: string): void {
    response.writeHead(status, { 'Content-Type': jsonContentType, 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
    if (code !== undefined) this.#logFailure(request, status, [code]);
  }

  #logFailure(request: IncomingMessage, status: number, codes: readonly string[]): void {
    this.#options.logger.debug({ event: 'http_request_failed', method: request.method, path: pathOf(request), status, codes }, 'HTTP request failed');
  }
}

function accessMode(header: string | string[] | undefined): AccessMode | undefined {
  if (header === undefined) return 'WRITE';
  const value = (Array.isArray(header) ? header.join(',') : header).trim().toUpperCase();
  return value === 'READ' || value === 'WRITE' ? value : undefined;
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
