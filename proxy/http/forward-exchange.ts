/**
 * One client request through the proxy, from arrival to the end of its answer. It is the
 * undici dispatch handler of its upstream request and, while a write waits for a master,
 * a waiter of the write hold, so a request costs this one object and its body buffer.
 *
 *   reading --body complete--> routing --member chosen--> forwarding --answer ended--> done
 *      |                          |   \--no master (write)--> held --master--> forwarding
 *      |                          |                            \--writeHold passed--> done (503)
 *      |                          \--nothing can serve--> done (503 / 404)
 *      \--too large / undecodable--> done (413 / 400 InvalidFormat)
 *   forwarding --failed before any byte was written--> routing (a retry)
 *   forwarding --failed after--> done (502 / 504, never resent)
 *   any state --client went away--> done (client_aborted; the upstream request is aborted)
 *
 * "Before any byte was written" is undici's onRequestStart: client-h1.js writeH1 calls it
 * (as request.onConnect) immediately before it writes the request line to the socket.
 * An error that arrives without it means the request never reached a socket: a connect
 * failure (ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT, DNS errors) fails only requests that
 * no socket runs (client.js onError: kRunning === 0), and an idle keep-alive socket the
 * member closed is validated before reuse and replaced without failing the request
 * (client-h1.js scheduleIdleSocketValidation). Once onRequestStart has run, a socket
 * error (UND_ERR_SOCKET, ECONNRESET) may come after the member read the request, so it
 * is never resent, whatever its code.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Logger } from 'pino';
import { latestBookmarkedTxId } from '../../protocol/bookmark.js';
import { Neo4jError, type StatusCode } from '../../protocol/errors.js';
import { decodeBookmarksHeader } from '../../protocol/http/transaction-request.js';
import { parseTransactionPath } from '../../protocol/http/transaction-path.js';
import type { ProxyMetrics } from '../admin/proxy-metrics.js';
import type { ProxyRequestClass, RequestOutcome } from '../admin/proxy-metric-definitions.js';
import type { ClusterSnapshot, ClusterView } from '../discovery/cluster-snapshot.js';
import type { ProxyConfig } from '../config/proxy-config.js';
import type { RequestClassifier } from '../routing/request-class.js';
import type { ShardKeyExtractor } from '../routing/shard-key.js';
import { CommitUrlRewriter } from './commit-url-rewriter.js';
import { downstreamHeaders, upstreamHeaders } from './hop-by-hop.js';
import type { MemberPools } from './member-pools.js';
import type { OpenTransactions } from './open-transactions.js';
import { answerError } from './proxy-answer.js';
import { isFailed, type ReadBalancer } from './read-balancer.js';
import { readRoutingInputs, type RoutingInputs } from './routing-inputs.js';
import { parseTokenPath, type TransactionTokens } from './transaction-token.js';
import type { HoldWaiter, WriteHold } from './write-hold.js';

/** What one configuration decides; an exchange keeps the one it arrived under. */
export interface Routing {
  readonly config: ProxyConfig;
  readonly classifier: RequestClassifier;
  readonly shardKey: ShardKeyExtractor;
  readonly balancer: ReadBalancer;
  readonly known: ReadonlySet<string>;
}

/** The forwarder's shared state, as exchanges use it. */
export interface ForwardContext {
  readonly routing: Routing;
  readonly closed: boolean;
  readonly pools: MemberPools;
  readonly cluster: ClusterView;
  readonly metrics: ProxyMetrics;
  readonly logger: Logger;
  readonly hold: WriteHold;
  readonly tokens: TransactionTokens;
  readonly open: OpenTransactions;
  readonly inFlightCounts: Map<string, number>;
  readonly inFlightOf: (member: string) => number;
}

/** How the request is routed, once its body is read. */
type Kind = 'begin' | 'autocommit' | 'transaction' | 'other';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Answers with a Content-Length up to this are collected and written with their head in
 * one socket write (a streamed one costs a write per chunk); larger or chunked ones stream.
 */
const maxCollectedBytes = 64 * 1024;
const exchangeKey = Symbol('exchange');

interface Carrier {
  [exchangeKey]?: Exchange;
}

// Listeners are module functions that find their exchange on the emitter, so a request
// allocates no closures for them.
function onRequestData(this: IncomingMessage, chunk: Buffer): void {
  (this as Carrier)[exchangeKey]?.data(chunk);
}
function onRequestEnd(this: IncomingMessage): void {
  (this as Carrier)[exchangeKey]?.bodyComplete();
}
function onResponseClose(this: ServerResponse): void {
  (this as Carrier)[exchangeKey]?.clientClosed();
}
function onResponseDrain(this: ServerResponse): void {
  (this as Carrier)[exchangeKey]?.drained();
}

export class Exchange implements Dispatcher.DispatchHandler, HoldWaiter {
  readonly #ctx: ForwardContext;
  readonly #routing: Routing;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #arrived = performance.now();
  readonly #path: string;
  readonly #query: string;
  #chunks: Buffer[] | undefined = [];
  #received = 0;
  #body: Buffer | null = null;

  #kind: Kind = 'other';
  #class: ProxyRequestClass = 'other';
  /** Must go to the master: a write, or an `other` request that is not GET/HEAD. */
  #toMaster = false;
  #commits = false;
  #minTxId = 0;
  #shardKey: string | undefined;
  /** The path sent upstream (a token put back to the member's number). */
  #upstreamPath: string;
  /** The member an open transaction lives on, and its number there. */
  #pinned: { readonly member: string; readonly txId: number } | undefined;

  #member: string | undefined;
  #attempts = 0;
  #failed: Map<string, number> | undefined;
  #holdDeadline = 0;
  #held = false;
  #controller: Dispatcher.DispatchController | undefined;
  #sent = false;
  #responded = false;
  #rewriter: CommitUrlRewriter | undefined;
  /** A small answer's head and body, held until its end (onResponseStart says which answers). */
  #head: { readonly status: number; readonly message: string | undefined; readonly headers: OutgoingHttpHeader[] } | undefined;
  #collected: Buffer[] | undefined;
  #clientGone = false;
  #done = false;

  constructor(ctx: ForwardContext, req: IncomingMessage, res: ServerResponse) {
    this.#ctx = ctx;
    this.#routing = ctx.routing;
    this.#req = req;
    this.#res = res;
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    this.#path = mark < 0 ? url : url.slice(0, mark);
    this.#query = mark < 0 ? '' : url.slice(mark);
    this.#upstreamPath = url;
  }

  start(): void {
    (this.#res as Carrier)[exchangeKey] = this;
    this.#res.on('close', onResponseClose);
    if (this.#ctx.closed) {
      this.#answer(503, 'Neo.TransientError.General.DatabaseUnavailable', 'The proxy is shutting down and takes no new requests; the request was not sent to any member. Retry it through another proxy or once this one is back.', 'no_member');
      return;
    }
    const limit = this.#routing.config.forwarding.maxRequestBodyBytes;
    if (Number(this.#req.headers['content-length']) > limit) {
      this.#tooLarge(limit);
      return;
    }
    (this.#req as Carrier)[exchangeKey] = this;
    this.#req.on('data', onRequestData);
    this.#req.on('end', onRequestEnd);
  }

  data(chunk: Buffer): void {
    if (this.#chunks === undefined) return;
    this.#received += chunk.length;
    const limit = this.#routing.config.forwarding.maxRequestBodyBytes;
    if (this.#received > limit) {
      // What still arrives is discarded; the connection closes after the answer.
      this.#chunks = undefined;
      this.#tooLarge(limit);
      return;
    }
    this.#chunks.push(chunk);
  }

  bodyComplete(): void {
    const chunks = this.#chunks;
    if (chunks === undefined || this.#done) return;
    this.#chunks = undefined;
    (this.#req as Carrier)[exchangeKey] = undefined;
    if (this.#received > 0) {
      this.#body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#received);
      this.#ctx.metrics.receivedBytes.inc(this.#received);
    }
    if (this.#understand()) this.#route();
  }

  clientClosed(): void {
    if (this.#res.writableFinished || this.#done) return;
    this.#clientGone = true;
    if (this.#held) {
      this.#held = false;
      this.#ctx.hold.cancel(this);
    }
    // The member sees its connection close; undici reports the abort to onResponseError.
    // A request still queued in the pool is aborted in onRequestStart, before it is written.
    if (this.#controller !== undefined && !this.#controller.aborted) this.#controller.abort(new Error('the client closed its connection'));
    this.#finish('client_aborted');
  }

  drained(): void {
    this.#controller?.resume();
  }

  // ---- routing -------------------------------------------------------------------------

  /** Works out the kind, class and routing inputs; false when the request was answered. */
  #understand(): boolean {
    const req = this.#req;
    const token = parseTokenPath(this.#path);
    if (token !== undefined) {
      this.#kind = 'transaction';
      this.#class = 'transaction';
      this.#commits = token.commit;
      const target = this.#ctx.tokens.decode(token.segment);
      if (typeof target === 'string') {
        this.#answer(404, 'Neo.ClientError.Transaction.TransactionNotFound', `Unrecognized transaction id. Transaction may have timed out and been rolled back: ${target}. Begin a new transaction.`, 'transaction_lost');
        return false;
      }
      this.#pinned = target;
      this.#upstreamPath = `${token.prefix}${target.txId}${token.suffix}${this.#query}`;
      return true;
    }
    const path = parseTransactionPath(this.#path);
    if (path === undefined) {
      this.#toMaster = req.method !== 'GET' && req.method !== 'HEAD';
      return true;
    }
    if (path.transactionId !== undefined) {
      this.#class = 'transaction';
      this.#answer(
        404,
        'Neo.ClientError.Transaction.TransactionNotFound',
        `Unrecognized transaction id ${path.transactionId}: transactions through the proxy are named by the ids in the Location and commit URLs it returns, and this one is not among them. Use the URLs the proxy returned, or begin a new transaction.`,
        'transaction_lost',
      );
      return false;
    }
    this.#kind = path.commit ? 'autocommit' : 'begin';
    this.#commits = path.commit;
    const maxLength = this.#routing.config.forwarding.maxRequestBodyBytes;
    let request: RoutingInputs;
    try {
      request = readRoutingInputs(this.#body === null ? '' : utf8.decode(this.#body), maxLength);
    } catch (error) {
      const refusal =
        error instanceof Neo4jError ? error : new Neo4jError('Neo.ClientError.Request.InvalidFormat', 'Unable to deserialize request: the body is not valid UTF-8; expected JSON text encoded as UTF-8');
      // 400, as the brief and the proxy's integration tests fix it. The engine itself
      // answers such a body 200 (201 to a begin) with the same error in the body, as Neo4j does.
      this.#class = 'read';
      this.#answer(400, refusal.code, refusal.message, 'bad_request');
      return false;
    }
    const verdict = this.#routing.classifier.classify({ accessMode: header(req.headers['access-mode']), xWrite: header(req.headers['x-write']), statements: request.statements });
    this.#ctx.metrics.classifications.inc({ class: verdict.class, reason: verdict.reason });
    this.#class = verdict.class;
    this.#toMaster = verdict.class === 'write';
    // The master has every transaction and no shard: bookmarks and keys matter to reads only.
    if (!this.#toMaster) {
      this.#minTxId = bookmarkedTxId(request.bookmarks, header(req.headers['bookmarks']), maxLength);
      this.#shardKey = this.#routing.shardKey({ headers: req.headers, url: req.url ?? '/', parameters: request.parameters });
    }
    return true;
  }

  #route(): void {
    if (this.#done) return;
    if (this.#ctx.closed) {
      this.#answer(503, 'Neo.TransientError.General.DatabaseUnavailable', 'The proxy is shutting down; the request was not sent to any member. Retry it through another proxy or once this one is back.', 'no_member');
      return;
    }
    const snapshot = this.#ctx.cluster.snapshot();
    if (this.#pinned !== undefined) {
      this.#routePinned(snapshot, this.#pinned.member);
      return;
    }
    if (this.#toMaster) {
      const master = snapshot.master;
      if (master !== undefined && this.#routing.known.has(master) && !isFailed(this.#failed, master, snapshot)) this.#dispatch(master);
      else this.#startHold();
      return;
    }
    const choice = this.#routing.balancer.choose(snapshot, this.#minTxId, this.#shardKey, this.#failed, this.#ctx.inFlightOf);
    if (choice === undefined) {
      this.#answer(
        503,
        'Neo.TransientError.General.DatabaseUnavailable',
        `No cluster member can serve this read: none is up as master or slave${this.#minTxId > 0 ? ` and has applied the request's bookmark (transaction ${this.#minTxId})` : ''}. The request was not sent; retry it later, and check the members with graphlb status.`,
        'no_member',
      );
      return;
    }
    if (choice.fallback) this.#ctx.metrics.readFallbacks.inc();
    if (choice.sharded) this.#ctx.metrics.shardedReads.inc({ member: choice.member });
    this.#dispatch(choice.member);
  }

  #routePinned(snapshot: ClusterSnapshot, member: string): void {
    const status = snapshot.members.find((candidate) => candidate.name === member);
    if (!this.#routing.known.has(member) || status === undefined) {
      this.#transactionLost(member, 'has left the cluster configuration');
      return;
    }
    if (!status.serving || isFailed(this.#failed, member, snapshot)) {
      this.#transactionLost(member, `failed (${status.lastError ?? `health ${status.health}, role ${status.role}`})`);
      return;
    }
    this.#dispatch(member);
  }

  #transactionLost(member: string, what: string): void {
    if (this.#pinned !== undefined) this.#ctx.open.ended(member, this.#pinned.txId);
    this.#answer(
      404,
      'Neo.ClientError.Transaction.TransactionNotFound',
      `The transaction lived on member ${member}, which ${what}; the transaction is lost and nothing of it was committed by this request. Begin a new transaction and run it again.`,
      'transaction_lost',
    );
  }

  #startHold(): void {
    const now = Date.now();
    if (this.#holdDeadline === 0) this.#holdDeadline = now + this.#routing.config.routing.writeHoldMs;
    this.#held = true;
    this.#ctx.hold.add(this, this.#holdDeadline - now);
  }

  masterAppeared(snapshot: ClusterSnapshot): boolean {
    const master = snapshot.master;
    if (master === undefined || !this.#routing.known.has(master) || isFailed(this.#failed, master, snapshot)) return false;
    this.#held = false;
    // Forwarded on the next tick, so the hold finishes its pass over the waiters first.
    queueMicrotask(() => {
      if (!this.#done) this.#dispatch(master);
    });
    return true;
  }

  holdTimedOut(waitedMs: number): void {
    this.#held = false;
    const hold = this.#routing.config.routing.writeHoldMs;
    this.#answer(
      503,
      'Neo.TransientError.Cluster.NoLeaderAvailable',
      `No master was available for ${waitedMs} ms (routing.writeHold is ${hold} ms): the cluster has no master or is electing one. The write was not sent to any member; retry it, and check the members with graphlb status.`,
      'hold_timeout',
    );
  }

  holdClosed(): void {
    this.#held = false;
    this.#answer(503, 'Neo.TransientError.General.DatabaseUnavailable', 'The proxy shut down while the write waited for a master; it was not sent to any member. Retry it through another proxy or once this one is back.', 'no_member');
  }

  // ---- forwarding ----------------------------------------------------------------------

  #dispatch(member: string): void {
    const pool = this.#ctx.pools.get(member);
    if (pool === undefined) {
      // Left the configuration by a reload since this request arrived: not a member failure.
      this.#beforeSendFailure(member, new Error(`member ${member} left the configuration`), false);
      return;
    }
    this.#attempts++;
    this.#member = member;
    this.#sent = false;
    this.#controller = undefined;
    this.#ctx.inFlightCounts.set(member, (this.#ctx.inFlightCounts.get(member) ?? 0) + 1);
    try {
      pool.dispatch({ path: this.#upstreamPath, method: (this.#req.method ?? 'GET') as Dispatcher.HttpMethod, headers: upstreamHeaders(this.#req), body: this.#body }, this);
    } catch (error) {
      // undici refused the request itself (say, a header it cannot send): nothing was sent.
      this.#leaveMember();
      this.#answer(400, 'Neo.ClientError.Request.Invalid', `The proxy cannot forward this request: ${error instanceof Error ? error.message : String(error)}. Send a well-formed HTTP/1.1 request.`, 'bad_request');
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    this.#sent = true;
    if (this.#clientGone) controller.abort(new Error('the client closed its connection'));
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    if (statusCode < 200 || this.#clientGone) return;
    const member = this.#member!;
    let rewrite = false;
    if (this.#kind === 'begin') {
      rewrite = true;
      const location = headers.location;
      if (statusCode === 201 && typeof location === 'string') {
        const rewritten = this.#ctx.tokens.rewriteUrl(location, member);
        if (rewritten !== undefined) {
          headers.location = rewritten.url;
          this.#ctx.open.seen(member, rewritten.txId, Date.now());
        }
      }
    } else if (this.#kind === 'transaction') {
      rewrite = true;
      const txId = this.#pinned!.txId;
      if (statusCode === 404 || this.#commits || this.#req.method === 'DELETE') this.#ctx.open.ended(member, txId);
      else this.#ctx.open.seen(member, txId, Date.now());
    }
    if (rewrite) this.#rewriter = new CommitUrlRewriter(this.#ctx.tokens, member);
    this.#responded = true;
    const out = downstreamHeaders(headers, rewrite);
    const length = rewrite ? NaN : Number(headers['content-length']);
    if (length <= maxCollectedBytes) {
      // Small and of known length: written with its head in onResponseEnd, one socket write.
      this.#head = { status: statusCode, message: statusMessage, headers: out };
      this.#collected = [];
    } else this.#res.writeHead(statusCode, statusMessage, out);
    if (this.#res.destroyed) controller.abort(new Error('the client closed its connection'));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#clientGone) return;
    if (this.#collected !== undefined) {
      this.#collected.push(chunk);
      return;
    }
    const out = this.#rewriter === undefined ? chunk : this.#rewriter.push(chunk);
    if (out.length === 0) return;
    this.#ctx.metrics.sentBytes.inc(out.length);
    if (!this.#res.write(out)) {
      controller.pause();
      this.#res.once('drain', onResponseDrain);
    }
  }

  onResponseEnd(): void {
    this.#leaveMember();
    if (this.#clientGone) {
      this.#finish('client_aborted');
      return;
    }
    const head = this.#head;
    if (head !== undefined) {
      const chunks = this.#collected!;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      this.#head = undefined;
      this.#collected = undefined;
      this.#res.writeHead(head.status, head.message, head.headers);
      if (body.length > 0) {
        this.#ctx.metrics.sentBytes.inc(body.length);
        this.#res.end(body);
      } else this.#res.end();
      this.#finish('ok');
      return;
    }
    const rest = this.#rewriter?.end();
    if (rest !== undefined && rest.length > 0) {
      this.#ctx.metrics.sentBytes.inc(rest.length);
      this.#res.end(rest);
    } else this.#res.end();
    this.#finish('ok');
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const member = this.#member!;
    this.#leaveMember();
    if (this.#clientGone) {
      this.#finish('client_aborted');
      return;
    }
    if (!this.#sent) {
      this.#beforeSendFailure(member, error);
      return;
    }
    const code = errorCode(error);
    const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
    if (!timedOut) this.#ctx.cluster.reportForwardingError(member, error);
    this.#ctx.logger.warn({ event: 'forward_failed', member, method: this.#req.method, path: this.#path, code, sent: true, responded: this.#responded }, `member ${member} failed after receiving the request; not resent`);
    if (this.#responded) {
      // The client already has a status line: all it can be told is that the body broke off.
      this.#res.destroy();
      this.#finish('member_failed');
      return;
    }
    const what = timedOut
      ? `member ${member} did not start answering within forwarding.responseTimeout (${this.#routing.config.forwarding.responseTimeoutMs} ms)`
      : `member ${member} failed after receiving the request (${code ?? error.message})`;
    if (this.#commits && (this.#class === 'write' || this.#class === 'transaction')) {
      this.#answer(timedOut ? 504 : 502, 'Neo.DatabaseError.Transaction.TransactionCommitFailed', `${what}; the commit may or may not have happened; the proxy did not resend it. Check with a read whether the write is there before retrying it.`, 'member_failed');
    } else {
      this.#answer(timedOut ? 504 : 502, 'Neo.TransientError.General.DatabaseUnavailable', `${what}; the proxy did not resend it. Retry the request if it is safe to repeat.`, 'member_failed');
    }
  }

  /** The request reached no socket: route it again, away from the member that failed. */
  #beforeSendFailure(member: string, error: Error, report = true): void {
    if (report) this.#ctx.cluster.reportForwardingError(member, error);
    (this.#failed ??= new Map()).set(member, this.#ctx.cluster.snapshot().at);
    this.#ctx.logger.warn({ event: 'forward_retry', member, code: errorCode(error), attempt: this.#attempts }, `could not reach member ${member}; the request was not sent and goes to another member`);
    if (this.#pinned !== undefined) {
      this.#transactionLost(member, `cannot be reached (${errorCode(error) ?? error.message})`);
      return;
    }
    // Every member, then each once more after discovery has had a look, is enough.
    if (this.#attempts > 2 * this.#routing.known.size + 1) {
      this.#answer(503, 'Neo.TransientError.General.DatabaseUnavailable', `No cluster member could be reached after ${this.#attempts} attempts (last: ${member}, ${errorCode(error) ?? error.message}). The request was not sent; retry it later.`, 'no_member');
      return;
    }
    this.#ctx.metrics.forwardRetries.inc({ member });
    this.#route();
  }

  #leaveMember(): void {
    const member = this.#member;
    if (member === undefined) return;
    const count = (this.#ctx.inFlightCounts.get(member) ?? 1) - 1;
    if (count <= 0) this.#ctx.inFlightCounts.delete(member);
    else this.#ctx.inFlightCounts.set(member, count);
  }

  // ---- answering -----------------------------------------------------------------------

  #tooLarge(limit: number): void {
    this.#res.shouldKeepAlive = false;
    this.#req.resume();
    this.#answer(
      413,
      'Neo.ClientError.Request.Invalid',
      `The request body is larger than ${limit} bytes, the most the proxy accepts (forwarding.maxRequestBody); send fewer or smaller statements and parameters per request, or raise the setting`,
      'bad_request',
      true,
    );
  }

  #answer(status: number, code: StatusCode, message: string, outcome: RequestOutcome, close = false): void {
    if (this.#done) return;
    if (!this.#clientGone) this.#ctx.metrics.sentBytes.inc(answerError(this.#res, status, code, message, close));
    this.#finish(this.#clientGone ? 'client_aborted' : outcome);
  }

  #finish(outcome: RequestOutcome): void {
    if (this.#done) return;
    this.#done = true;
    (this.#res as Carrier)[exchangeKey] = undefined;
    (this.#req as Carrier)[exchangeKey] = undefined;
    const member = outcome === 'ok' || outcome === 'member_failed' || (outcome === 'client_aborted' && this.#sent) ? (this.#member ?? 'none') : 'none';
    const metrics = this.#ctx.metrics;
    metrics.requests.inc({ class: this.#class, member, outcome });
    metrics.requestDuration.observe({ class: this.#class, member }, (performance.now() - this.#arrived) / 1000);
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The newest transaction the request's bookmarks name; 0 when none, or when one cannot be read (the member refuses it then). */
function bookmarkedTxId(bookmarks: readonly string[], headerText: string | undefined, maxLength: number): number {
  try {
    const fromHeader = headerText === undefined ? [] : decodeBookmarksHeader(headerText, { maxLength, maxDepth: 2 });
    if (bookmarks.length === 0 && fromHeader.length === 0) return 0;
    return Math.max(latestBookmarkedTxId(bookmarks), latestBookmarkedTxId(fromHeader));
  } catch (error) {
    if (error instanceof Neo4jError) return 0;
    throw error;
  }
}

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
