/**
 * Who a request comes from, or the answer that refuses it, from AuthManager's outcome:
 *
 *   refused (401 / 429)        Neo4j's body {"errors":[{code,message}]}, and
 *                              `WWW-Authenticate: Basic realm="Neo4j"` when the outcome asks for it
 *   password must change, on   let through: the user routes are how the password changes
 *     /user/...
 *   ... on /db/{name}/tx...    let through with the error every transaction then fails with
 *                              (Neo4j 4.x: Neo.ClientError.Security.CredentialsExpired)
 *   ... anywhere else          403 {"password_change":"<url>","errors":[Neo.ClientError.Security.Forbidden]}
 *                              (Neo4j 3.5)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { Neo4jError } from '../../protocol/errors.js';
import type { AuthManager } from '../security/auth-manager.js';
import { sendError, sendJson } from '../server/http-responses.js';
import type { SocketAddress } from '../../protocol/config/socket-address.js';
import { requestBaseUrl } from './base-url.js';

/** Which kind of route a request is for: it decides what a user whose password must change may do. */
export type RouteKind = 'user' | 'transaction-v4' | 'other';

export interface Authorized {
  readonly user: string;
  readonly passwordChangeRequired: boolean;
  /** Set when every transaction of this request must fail (the 4.x answer to a password that must change). */
  readonly transactionError: Neo4jError | undefined;
}

export interface AuthorizationContext {
  readonly auth: AuthManager;
  readonly logger: Logger;
  readonly httpAddress: () => SocketAddress;
}

/** The authorized user, or undefined once the refusal has been answered. */
export function authorizeRequest(context: AuthorizationContext, request: IncomingMessage, response: ServerResponse, route: RouteKind): Authorized | undefined {
  const outcome = context.auth.authenticate(request.headers.authorization, request.socket.remoteAddress ?? 'unknown');
  if (!outcome.ok) {
    sendError(response, outcome.status, outcome.code, outcome.message, outcome.challenge ? { 'WWW-Authenticate': 'Basic realm="Neo4j"' } : {});
    logRefusal(context.logger, request, outcome.status, outcome.code);
    return undefined;
  }
  const change = outcome.passwordChange;
  if (!outcome.passwordChangeRequired || change === undefined || route === 'user') {
    return { user: outcome.user, passwordChangeRequired: outcome.passwordChangeRequired, transactionError: undefined };
  }
  if (route === 'transaction-v4') {
    return { user: outcome.user, passwordChangeRequired: true, transactionError: new Neo4jError(change.statementError.code, change.statementError.message) };
  }
  const refusal = change.forbiddenUnlessPasswordRoute;
  sendJson(response, refusal.status, {
    password_change: `${requestBaseUrl(request.headers, context.httpAddress())}${refusal.passwordChangePath}`,
    errors: [{ code: refusal.code, message: refusal.message }],
  });
  logRefusal(context.logger, request, refusal.status, refusal.code);
  return undefined;
}

function logRefusal(logger: Logger, request: IncomingMessage, status: number, code: string): void {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  logger.debug({ event: 'http_request_failed', method: request.method, path: query < 0 ? url : url.slice(0, query), status, codes: [code] }, 'HTTP request refused');
}
