import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Neo4jError } from '../../../protocol/errors.js';
import { AuthFileError } from '../../../engine/security/auth-file-error.js';
import { authFilePath, readAuthFile, writeAuthFile } from '../../../engine/security/auth-file.js';
import { AuthManager, type AuthManagerOptions, type AuthOutcome } from '../../../engine/security/auth-manager.js';
import { hashPassword, verifyPassword } from '../../../engine/security/password-hash.js';
import { isPasswordRoute } from '../../../engine/security/password-change-required.js';
import { createEngineLogger } from '../../../engine/server/logger.js';
import { silentLogger } from '../../support/logger.js';
import { makeTempDir } from '../../support/temp-dir.js';

const temp = makeTempDir('auth-manager');
after(temp.remove);

let dirs = 0;
/** A fresh data directory, with an auth file holding neo4j/`password` when one is given. */
function dataDir(password?: string): string {
  const dir = path.join(temp.dir, `data${++dirs}`);
  if (password !== undefined) {
    writeAuthFile(authFilePath(dir), [{ name: 'neo4j', credentials: hashPassword(password), passwordChangeRequired: false }]);
  }
  return dir;
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function open(dir: string, options: Partial<AuthManagerOptions> = {}): AuthManager {
  return AuthManager.open(dir, { enabled: true, logger: silentLogger(), ...options });
}

/** A logger whose lines a test can read, redaction included. */
function recordingLogger(): { logger: AuthManagerOptions['logger']; text: () => string } {
  const raw: string[] = [];
  const logger = createEngineLogger({ destination: { write: (line: string) => void raw.push(line) } });
  return { logger, text: () => raw.join('') };
}

const noHeader: AuthOutcome = {
  ok: false,
  status: 401,
  code: 'Neo.ClientError.Security.Unauthorized',
  message: 'No authentication header supplied.',
  challenge: true,
};
const invalid: AuthOutcome = {
  ok: false,
  status: 401,
  code: 'Neo.ClientError.Security.Unauthorized',
  message: 'Invalid username or password.',
  challenge: true,
};
const rateLimited: AuthOutcome = {
  ok: false,
  status: 429,
  code: 'Neo.ClientError.Security.AuthenticationRateLimit',
  message: 'Too many failed authentication requests. Please wait 5 seconds and try again.',
  challenge: false,
};

describe('AuthManager', () => {
  it('starts without an auth file with neo4j/neo4j, whose password must be changed as in Neo4j', () => {
    const dir = dataDir();
    const auth = open(dir);
    assert.deepEqual(auth.authenticate(basic('neo4j', 'neo4j'), '127.0.0.1'), {
      ok: true,
      user: 'neo4j',
      passwordChangeRequired: true,
      passwordChange: {
        forbiddenUnlessPasswordRoute: {
          ok: false,
          status: 403,
          code: 'Neo.ClientError.Security.Forbidden',
          message: 'User is required to change their password.',
          challenge: false,
          passwordChangePath: '/user/neo4j/password',
        },
        statementError: {
          code: 'Neo.ClientError.Security.CredentialsExpired',
          message: 'The credentials you provided were valid, but must be changed before you can use this instance.',
        },
      },
    });
    assert.deepEqual(auth.authenticate(basic('neo4j', 'secret'), '127.0.0.1'), invalid);
    assert.equal(fs.existsSync(authFilePath(dir)), false, 'opening writes nothing');
  });

  it('lets a user who must change the password reach the user routes only', () => {
    assert.equal(isPasswordRoute('/user/neo4j/password'), true);
    assert.equal(isPasswordRoute('/user/neo4j'), true);
    assert.equal(isPasswordRoute('/db/data/transaction/commit'), false);
    assert.equal(isPasswordRoute('/users/neo4j'), false);
  });

  it('accepts the password of the auth file, without change required', () => {
    const auth = open(dataDir('secret'));
    assert.deepEqual(auth.authenticate('Basic bmVvNGo6c2VjcmV0', '127.0.0.1'), { ok: true, user: 'neo4j', passwordChangeRequired: false });
  });

  it('answers 401 with a challenge to a missing or wrong header and an unknown user, 400 to a malformed one', () => {
    const auth = open(dataDir('secret'));
    const malformed = { ok: false, status: 400, code: 'Neo.ClientError.Request.InvalidFormat', message: 'Invalid authentication header.', challenge: false };
    assert.deepEqual(auth.authenticate(undefined, '127.0.0.1'), noHeader);
    assert.deepEqual(auth.authenticate('', '127.0.0.1'), noHeader);
    assert.deepEqual(auth.authenticate('Bearer abc', '127.0.0.1'), malformed);
    assert.deepEqual(auth.authenticate('Basic !!!!', '127.0.0.1'), malformed);
    assert.deepEqual(auth.authenticate(basic('neo4j', 'wrong'), '127.0.0.1'), invalid);
    assert.deepEqual(auth.authenticate(basic('alice', 'secret'), '127.0.0.1'), invalid);
  });

  it('lets everyone in as neo4j when authentication is disabled', () => {
    const auth = open(dataDir('secret'), { enabled: false });
    const asNeo4j = { ok: true, user: 'neo4j', passwordChangeRequired: false };
    assert.deepEqual(auth.authenticate(undefined, '127.0.0.1'), asNeo4j);
    assert.deepEqual(auth.authenticate(basic('neo4j', 'wrong'), '127.0.0.1'), asNeo4j);
  });

  it('refuses a user for 5 s after 3 failed attempts in a row, even with the right password', () => {
    let now = 1_000_000;
    const auth = open(dataDir('secret'), { now: () => now });
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(auth.authenticate(basic('neo4j', `guess${i}`), '10.0.0.1'), invalid);
      now += 100;
    }
    assert.deepEqual(auth.authenticate(basic('neo4j', 'secret'), '10.0.0.2'), rateLimited);
    now = 1_000_200 + 4999;
    assert.deepEqual(auth.authenticate(basic('neo4j', 'secret'), '10.0.0.2'), rateLimited);
    now = 1_000_200 + 5000;
    assert.equal(auth.authenticate(basic('neo4j', 'secret'), '10.0.0.2').ok, true);
    // The success started the count again: two more failures do not lock.
    assert.deepEqual(auth.authenticate(basic('neo4j', 'guess3'), '10.0.0.1'), invalid);
    assert.deepEqual(auth.authenticate(basic('neo4j', 'guess4'), '10.0.0.1'), invalid);
    assert.equal(auth.authenticate(basic('neo4j', 'secret'), '10.0.0.2').ok, true);
  });

  it('refuses a remembered header too while its user is locked', () => {
    let now = 0;
    const auth = open(dataDir('secret'), { now: () => now });
    const good = basic('neo4j', 'secret');
    assert.equal(auth.authenticate(good, '10.0.0.2').ok, true);
    for (let i = 0; i < 3; i++) auth.authenticate(basic('neo4j', `guess${i}`), '10.0.0.1');
    assert.deepEqual(auth.authenticate(good, '10.0.0.2'), rateLimited);
    now = 5000;
    assert.equal(auth.authenticate(good, '10.0.0.2').ok, true);
  });

  it('follows dbms.security.auth_max_failed_attempts and auth_lock_time', () => {
    let now = 0;
    const auth = open(dataDir('secret'), { now: () => now, maxFailedAttempts: 1, lockTimeMs: 2000 });
    assert.deepEqual(auth.authenticate(basic('neo4j', 'guess'), '10.0.0.1'), invalid);
    const refusal = auth.authenticate(basic('neo4j', 'secret'), '10.0.0.1');
    assert.equal(refusal.ok === false && refusal.message, 'Too many failed authentication requests. Please wait 2 seconds and try again.');
    now = 2000;
    assert.equal(auth.authenticate(basic('neo4j', 'secret'), '10.0.0.1').ok, true);

    const unlimited = open(dataDir('secret'), { maxFailedAttempts: 0 });
    for (let i = 0; i < 4; i++) unlimited.authenticate(basic('neo4j', `guess${i}`), '10.0.0.1');
    assert.equal(unlimited.authenticate(basic('neo4j', 'secret'), '10.0.0.1').ok, true);
  });

  it('never locks unknown users, as Neo4j', () => {
    const auth = open(dataDir('secret'), { now: () => 0 });
    for (let i = 0; i < 4; i++) assert.deepEqual(auth.authenticate(basic('mallory', `guess${i}`), '10.0.0.1'), invalid);
  });

  it('remembers a verified header and forgets it when the password changes', () => {
    const auth = open(dataDir('secret'));
    const good = basic('neo4j', 'secret');
    const first = auth.authenticate(good, '127.0.0.1');
    assert.equal(first.ok, true);
    assert.equal(auth.authenticate(good, '127.0.0.1'), first, 'the same answer object: no second scrypt');
    assert.deepEqual(auth.authenticate(basic('neo4j', 'secret2'), '127.0.0.1'), invalid, 'another header is checked');

    auth.changePassword('neo4j', 'secret2');
    assert.deepEqual(auth.authenticate(good, '127.0.0.1'), invalid);
    assert.deepEqual(auth.authenticate(basic('neo4j', 'secret2'), '127.0.0.1'), { ok: true, user: 'neo4j', passwordChangeRequired: false });
  });

  it('changes the default password: the change-required flag is cleared and the file written, 0600', () => {
    const dir = dataDir();
    const auth = open(dir);
    const before = auth.authenticate(basic('neo4j', 'neo4j'), '127.0.0.1');
    assert.equal(before.ok && before.passwordChangeRequired, true);

    auth.changePassword('neo4j', 'secret');
    assert.deepEqual(auth.authenticate(basic('neo4j', 'secret'), '127.0.0.1'), { ok: true, user: 'neo4j', passwordChangeRequired: false });
    assert.deepEqual(auth.authenticate(basic('neo4j', 'neo4j'), '127.0.0.1'), invalid);

    const file = authFilePath(dir);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const [neo4j] = readAuthFile(file)!;
    assert.equal(neo4j!.passwordChangeRequired, false);
    assert.equal(verifyPassword(neo4j!.credentials, 'secret'), true);
    assert.deepEqual(open(dir).authenticate(basic('neo4j', 'secret'), '127.0.0.1').ok, true, 'a restart reads the new password');
  });

  it("refuses an empty password, the same password and an unknown user with Neo4j's errors", () => {
    const auth = open(dataDir('secret'));
    const refused = (user: string, password: string, message: string): void =>
      assert.throws(() => auth.changePassword(user, password), (error: unknown) => {
        assert.ok(error instanceof Neo4jError);
        assert.equal(error.code, 'Neo.ClientError.General.InvalidArguments');
        assert.equal(error.message, message);
        return true;
      });
    refused('neo4j', '', 'A password cannot be empty.');
    refused('neo4j', 'secret', 'Old password and new password cannot be the same.');
    refused('alice', 'other', "User 'alice' does not exist.");
    assert.equal(auth.authenticate(basic('neo4j', 'secret'), '127.0.0.1').ok, true, 'nothing changed');
  });

  it('logs failures with user and client at warn and changes at info, never a password', () => {
    const { logger, text } = recordingLogger();
    const auth = open(dataDir('pw-in-file'), { logger });
    auth.authenticate(basic('neo4j', 'pw-guessed'), '10.1.2.3');
    auth.authenticate(basic('alice', 'pw-alice'), '10.1.2.4');
    auth.changePassword('neo4j', 'pw-new');
    const lines = text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map(({ level, event, user, client, reason }) => ({ level, event, user, client, reason })),
      [
        { level: 'warn', event: 'auth_failed', user: 'neo4j', client: '10.1.2.3', reason: 'wrong_password' },
        { level: 'warn', event: 'auth_failed', user: 'alice', client: '10.1.2.4', reason: 'unknown_user' },
        { level: 'info', event: 'password_changed', user: 'neo4j', client: undefined, reason: undefined },
      ],
    );
    assert.equal(/pw-/.test(text()), false);
  });

  it('refuses to open a corrupt auth file, naming the file and the line', () => {
    const dir = dataDir('secret');
    const file = authFilePath(dir);
    fs.appendFileSync(file, 'alice:not-a-hash:\n');
    assert.throws(() => open(dir), (error: unknown) => {
      assert.ok(error instanceof AuthFileError);
      assert.equal(error.code, 'AUTH_FILE_CORRUPT');
      assert.match(error.message, new RegExp(`^${file}:2: the password hash is not scrypt`));
      return true;
    });
  });
});
