/**
 * Who may use an engine instance: HTTP Basic credentials checked against the auth file
 * (auth-file.ts), with Neo4j's answers, rate limit and default user.
 *
 * authenticate() is on every request's path, so it answers from memory: the users are
 * read once at open(), refusals are prebuilt, and a header whose password was verified
 * once is remembered (header -> answer), because one scrypt costs about 50 ms. The
 * remembered headers are forgotten when a password changes.
 *
 * Order of the checks, as Neo4j's: auth disabled -> no or malformed header (401) ->
 * unknown user (401) -> user locked by the rate limit (429, even for the right
 * password) -> wrong password (401, counted) -> success, with the change-required
 * details when the password must be changed first.
 */
import type { Logger } from 'pino';
import { Neo4jError, type StatusCode } from '../../protocol/errors.js';
import { authFilePath, readAuthFile, writeAuthFile } from './auth-file.js';
import { parseBasicAuthorization } from './basic-authorization.js';
import { FailedLoginTracker } from './failed-login-tracker.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { passwordChangeRequired, type PasswordChangeRequired } from './password-change-required.js';
import { defaultPassword, defaultUserName, type UserRecord } from './user-record.js';

export interface AuthManagerOptions {
  /** dbms.security.auth_enabled; when false every request is the user neo4j. */
  readonly enabled: boolean;
  readonly logger: Logger;
  /** The clock of the rate limit, in milliseconds; Date.now when absent. */
  readonly now?: () => number;
  /** dbms.security.auth_max_failed_attempts; Neo4j's 3 when absent, 0 never refuses. */
  readonly maxFailedAttempts?: number;
  /** dbms.security.auth_lock_time in milliseconds; Neo4j's 5000 when absent. */
  readonly lockTimeMs?: number;
}

export type AuthOutcome =
  | {
      readonly ok: true;
      readonly user: string;
      readonly passwordChangeRequired: boolean;
      /** Present exactly when passwordChangeRequired: how Neo4j refuses such a user. */
      readonly passwordChange?: PasswordChangeRequired;
    }
  | {
      readonly ok: false;
      readonly status: 400 | 401 | 403 | 429;
      readonly code: StatusCode;
      readonly message: string;
      /** Answer with `WWW-Authenticate: Basic realm="Neo4j"`. */
      readonly challenge: boolean;
    };

type Success = Extract<AuthOutcome, { ok: true }>;
type Refusal = Extract<AuthOutcome, { ok: false }>;

const disabled: Success = Object.freeze({ ok: true, user: defaultUserName, passwordChangeRequired: false });
const noHeader: Refusal = Object.freeze({
  ok: false,
  status: 401,
  code: 'Neo.ClientError.Security.Unauthorized',
  message: 'No authentication header supplied.',
  challenge: true,
});
// Neo4j answers a header that is there but not Basic credentials as a malformed request.
const malformedHeader: Refusal = Object.freeze({
  ok: false,
  status: 400,
  code: 'Neo.ClientError.Request.InvalidFormat',
  message: 'Invalid authentication header.',
  challenge: false,
});
const invalidCredentials: Refusal = Object.freeze({
  ok: false,
  status: 401,
  code: 'Neo.ClientError.Security.Unauthorized',
  message: 'Invalid username or password.',
  challenge: true,
});

/** Remembered headers beyond this are all forgotten: a bound on memory, never reached by real clients. */
const maxRemembered = 1024;

export class AuthManager {
  readonly #file: string;
  readonly #enabled: boolean;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #tracker: FailedLoginTracker;
  readonly #rateLimited: Refusal;
  #users: ReadonlyMap<string, UserRecord>;
  /** Authorization header -> the answer it got; only successes are remembered. */
  readonly #remembered = new Map<string, Success>();

  private constructor(file: string, users: ReadonlyMap<string, UserRecord>, options: AuthManagerOptions) {
    this.#file = file;
    this.#users = users;
    this.#enabled = options.enabled;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    const lockTimeMs = options.lockTimeMs ?? 5000;
    this.#tracker = new FailedLoginTracker({ maxFailedAttempts: options.maxFailedAttempts ?? 3, lockTimeMs });
    const seconds = lockTimeMs / 1000;
    this.#rateLimited = Object.freeze({
      ok: false,
      status: 429,
      code: 'Neo.ClientError.Security.AuthenticationRateLimit',
      message: `Too many failed authentication requests. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
      challenge: false,
    });
  }

  /**
   * Reads the users of the instance whose dbms.directories.data is `dataDir`; without an
   * auth file there is the default user. Throws AuthFileError when the file is unreadable
   * or corrupt (the message names the file and line).
   */
  static open(dataDir: string, options: AuthManagerOptions): AuthManager {
    const file = authFilePath(dataDir);
    const records = readAuthFile(file) ?? [{ name: defaultUserName, credentials: hashPassword(defaultPassword), passwordChangeRequired: true }];
    return new AuthManager(file, new Map(records.map((record) => [record.name, record])), options);
  }

  /** The answer to a request with this Authorization header (undefined when it has none) from `clientAddress` (for the log). */
  authenticate(authorization: string | undefined, clientAddress: string): AuthOutcome {
    if (!this.#enabled) return disabled;
    if (authorization === undefined || authorization === '') return noHeader;

    const remembered = this.#remembered.get(authorization);
    if (remembered !== undefined) {
      if (!this.#tracker.permitted(remembered.user, this.#now())) return this.#refuse(remembered.user, clientAddress, 'rate_limited');
      this.#tracker.succeeded(remembered.user);
      return remembered;
    }

    const credentials = parseBasicAuthorization(authorization);
    if (credentials === undefined) return malformedHeader;
    const record = this.#users.get(credentials.user);
    if (record === undefined) {
      // Pay for a hash anyway, so that the time of the answer does not tell which users exist.
      const [any] = this.#users.values();
      if (any !== undefined) verifyPassword(any.credentials, credentials.password);
      return this.#refuse(credentials.user, clientAddress, 'unknown_user');
    }
    const now = this.#now();
    if (!this.#tracker.permitted(record.name, now)) return this.#refuse(record.name, clientAddress, 'rate_limited');
    if (!verifyPassword(record.credentials, credentials.password)) {
      this.#tracker.failed(record.name, now);
      return this.#refuse(record.name, clientAddress, 'wrong_password');
    }
    this.#tracker.succeeded(record.name);
    const outcome = success(record);
    if (this.#remembered.size >= maxRemembered) this.#remembered.clear();
    this.#remembered.set(authorization, outcome);
    return outcome;
  }

  /**
   * Sets `user`'s password and clears its change-required flag, writing the auth file.
   * Throws Neo4jError Neo.ClientError.General.InvalidArguments, with Neo4j's words, for an
   * unknown user, an empty password or the current password; AuthFileError when the file
   * cannot be written (then nothing changed).
   */
  changePassword(user: string, newPassword: string): void {
    const record = this.#users.get(user);
    if (record === undefined) throw new Neo4jError('Neo.ClientError.General.InvalidArguments', `User '${user}' does not exist.`);
    if (newPassword === '') throw new Neo4jError('Neo.ClientError.General.InvalidArguments', 'A password cannot be empty.');
    if (verifyPassword(record.credentials, newPassword)) {
      throw new Neo4jError('Neo.ClientError.General.InvalidArguments', 'Old password and new password cannot be the same.');
    }
    const users = new Map(this.#users);
    users.set(user, { name: user, credentials: hashPassword(newPassword), passwordChangeRequired: false });
    writeAuthFile(this.#file, [...users.values()]);
    this.#users = users;
    this.#remembered.clear();
    this.#logger.info({ event: 'password_changed', user }, `password of user '${user}' changed`);
  }

  #refuse(user: string, client: string, reason: 'unknown_user' | 'wrong_password' | 'rate_limited'): Refusal {
    this.#logger.warn({ event: 'auth_failed', user, client, reason }, `failed authentication attempt for '${user}' from ${client}`);
    return reason === 'rate_limited' ? this.#rateLimited : invalidCredentials;
  }
}

function success(record: UserRecord): Success {
  if (!record.passwordChangeRequired) return Object.freeze({ ok: true, user: record.name, passwordChangeRequired: false });
  return Object.freeze({ ok: true, user: record.name, passwordChangeRequired: true, passwordChange: passwordChangeRequired(record.name) });
}
