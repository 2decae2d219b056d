/**
 * Neo4j 3.5's user routes, the ones a user whose password must change may still call:
 *
 *   GET  /user/{name}            200 {"password_change_required":..,"password_change":"<url>","username":..}
 *   POST /user/{name}/password   {"password":"new"} -> 200, empty body
 *
 * as Neo4j answers them: 404 for another user than the authenticated one, 400 for a body
 * that is not JSON, 422 Neo.ClientError.Request.InvalidFormat for a missing or non-string
 * password, 422 with AuthManager's Neo.ClientError.General.InvalidArguments for an empty
 * or unchanged one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Neo4jError } from '../../protocol/errors.js';
import { JsonParseError, parseJson } from '../../protocol/http/json-parse.js';
import { isJsonObject, type JsonValue } from '../../protocol/http/json-value.js';
import type { AuthManager } from '../security/auth-manager.js';
import type { SocketAddress } from '../../protocol/config/socket-address.js';
import { requestBaseUrl } from './base-url.js';
import { sendError, sendJson } from '../server/http-responses.js';
import { BodyAbortedError, BodyTooLargeError, readRequestBody } from './request-body.js';

const userPathPattern = /^\/user\/([^/]+)(\/password)?\/?$/;

/** The most a password change request may weigh: a password, not a document. */
const maxPasswordBodyBytes = 64 * 1024;

export interface UserPath {
  readonly user: string;
  readonly password: boolean;
}

export function parseUserPath(path: string): UserPath | undefined {
  const match = userPathPattern.exec(path);
  if (match === null) return undefined;
  try {
    return { user: decodeURIComponent(match[1] ?? ''), password: match[2] !== undefined };
  } catch {
    return undefined;
  }
}

export interface UserEndpointOptions {
  readonly auth: AuthManager;
  readonly httpAddress: () => SocketAddress;
}

export class UserEndpoint {
  readonly #options: UserEndpointOptions;

  constructor(options: UserEndpointOptions) {
    this.#options = options;
  }

  /** Answers a request to `path` from the authenticated `user`, whose password must change when `changeRequired`. */
  async handle(request: IncomingMessage, response: ServerResponse, path: UserPath, user: string, changeRequired: boolean): Promise<void> {
    const method = request.method ?? 'GET';
    const allowed = path.password ? 'POST' : 'GET';
    if (method !== allowed && !(allowed === 'GET' && method === 'HEAD')) {
      sendError(response, 405, 'Neo.ClientError.Request.Invalid', `${method} is not allowed here; expected ${allowed}`, {
        Allow: allowed === 'GET' ? 'GET, HEAD' : 'POST',
      });
      return;
    }
    // Neo4j answers 404 rather than telling whether another user exists.
    if (path.user !== user) {
      sendError(response, 404, 'Neo.ClientError.Request.Invalid', `No user '${path.user}' here: you are authenticated as '${user}' and may only see and change your own password`);
      return;
    }
    const passwordChange = `${requestBaseUrl(request.headers, this.#options.httpAddress())}/user/${encodeURIComponent(user)}/password`;
    if (!path.password) {
      sendJson(response, 200, { password_change_required: changeRequired, password_change: passwordChange, username: user });
      return;
    }

    let body: string;
    try {
      body = await readRequestBody(request, maxPasswordBodyBytes);
    } catch (error) {
      if (error instanceof BodyAbortedError) {
        response.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        response.setHeader('Connection', 'close');
        sendError(response, 413, 'Neo.ClientError.Request.Invalid', `The body is larger than ${maxPasswordBodyBytes} bytes; expected {"password":"<new password>"}`);
        return;
      }
      if (!(error instanceof Neo4jError)) throw error;
      sendError(response, 400, error.code, error.message);
      return;
    }
    let json: JsonValue;
    try {
      json = parseJson(body, { maxLength: maxPasswordBodyBytes, maxDepth: 8 });
    } catch (error) {
      if (!(error instanceof JsonParseError)) throw error;
      sendError(response, 400, 'Neo.ClientError.Request.InvalidFormat', `Unable to deserialize request: ${error.message}`);
      return;
    }
    const password = isJsonObject(json) ? json['password'] : undefined;
    if (password === undefined || password === null) {
      sendError(response, 422, 'Neo.ClientError.Request.InvalidFormat', "Required parameter 'password' is missing.");
      return;
    }
    if (typeof password !== 'string') {
      sendError(response, 422, 'Neo.ClientError.Request.InvalidFormat', "Expected 'password' to be a string.");
      return;
    }
    try {
      this.#options.auth.changePassword(user, password);
    } catch (error) {
      if (!(error instanceof Neo4jError)) throw error;
      sendError(response, 422, error.code, error.message);
      return;
    }
    response.writeHead(200, { 'Content-Length': 0 });
    response.end();
  }
}
