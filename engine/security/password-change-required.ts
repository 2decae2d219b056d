/**
 * What Neo4j does with a user who logged in with the right password but must change it
 * first (the default user neo4j/neo4j), ready for the HTTP layer to render:
 *
 * - Neo4j 3.5's HTTP server refuses every request before it runs, except on the user
 *   routes `/user/...` (`GET /user/neo4j`, `POST /user/neo4j/password`): 403,
 *   Neo.ClientError.Security.Forbidden, "User is required to change their password.",
 *   with `"password_change": "<base URL>user/neo4j/password"` next to `errors` in the body
 *   and no WWW-Authenticate challenge.
 * - Neo4j 4.x and later let the login through and fail each statement with
 *   Neo.ClientError.Security.CredentialsExpired (Bolt, and the /db/{name}/tx API).
 */
import type { StatusCode } from '../../protocol/errors.js';

export interface PasswordChangeRequired {
  /** The 3.x answer to any request outside the user routes ({@link isPasswordRoute}). */
  readonly forbiddenUnlessPasswordRoute: {
    readonly ok: false;
    readonly status: 403;
    readonly code: StatusCode;
    readonly message: string;
    readonly challenge: false;
    /** Where the password is changed, `/user/neo4j/password`; the body's `password_change` is the server's base URL joined with it. */
    readonly passwordChangePath: string;
  };
  /** The 4.x error of every statement the user runs. */
  readonly statementError: { readonly code: StatusCode; readonly message: string };
}

export function passwordChangeRequired(user: string): PasswordChangeRequired {
  return {
    forbiddenUnlessPasswordRoute: {
      ok: false,
      status: 403,
      code: 'Neo.ClientError.Security.Forbidden',
      message: 'User is required to change their password.',
      challenge: false,
      passwordChangePath: `/user/${encodeURIComponent(user)}/password`,
    },
    statementError: {
      code: 'Neo.ClientError.Security.CredentialsExpired',
      message: 'The credentials you provided were valid, but must be changed before you can use this instance.',
    },
  };
}

/** Whether a request path is one a user who must change their password may still use (Neo4j 3.5: `/user/.*`). */
export function isPasswordRoute(path: string): boolean {
  return path.startsWith('/user/');
}
