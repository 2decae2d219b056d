import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Neo4jError } from '../../../protocol/errors.js';
import { AuthFileError } from '../../../engine/security/auth-file-error.js';
import { authFilePath, readAuthFile, writeAuthFile } from '../../../engine/security/auth-file.js';
import { setInitialPassword } from '../../../engine/security/initial-password.js';
import { hashPassword, verifyPassword } from '../../../engine/security/password-hash.js';
import type { UserRecord } from '../../../engine/security/user-record.js';
import { makeTempDir } from '../../support/temp-dir.js';

const temp = makeTempDir('initial-password');
after(temp.remove);

let dirs = 0;
function dataDir(users?: UserRecord[]): string {
  const dir = path.join(temp.dir, `data${++dirs}`);
  if (users !== undefined) writeAuthFile(authFilePath(dir), users);
  return dir;
}

const user = (name: string, password: string, passwordChangeRequired: boolean): UserRecord => ({
  name,
  credentials: hashPassword(password),
  passwordChangeRequired,
});

/** neo4j's only record in the auth file of `dir`, checked against `password`. */
function assertNeo4jHas(dir: string, password: string): void {
  const users = readAuthFile(authFilePath(dir));
  assert.equal(users?.length, 1);
  assert.equal(users[0]!.name, 'neo4j');
  assert.equal(users[0]!.passwordChangeRequired, false);
  assert.equal(verifyPassword(users[0]!.credentials, password), true);
}

describe('the initial password', () => {
  it('is written for neo4j, without change required, when there is no auth file', () => {
    const dir = dataDir();
    assert.deepEqual(setInitialPassword(dir, 'secret'), { outcome: 'set', file: authFilePath(dir) });
    assertNeo4jHas(dir, 'secret');
    assert.equal(fs.statSync(authFilePath(dir)).mode & 0o777, 0o600);
  });

  it('replaces the default neo4j/neo4j, with or without the change-required flag', () => {
    for (const changeRequired of [true, false]) {
      const dir = dataDir([user('neo4j', 'neo4j', changeRequired)]);
      assert.equal(setInitialPassword(dir, 'secret').outcome, 'set');
      assertNeo4jHas(dir, 'secret');
    }
  });

  it('changes nothing when neo4j already has that password', () => {
    const dir = dataDir();
    setInitialPassword(dir, 'secret');
    const before = fs.readFileSync(authFilePath(dir), 'utf8');
    assert.deepEqual(setInitialPassword(dir, 'secret'), { outcome: 'unchanged', file: authFilePath(dir) });
    assert.equal(fs.readFileSync(authFilePath(dir), 'utf8'), before);
  });

  it('clears a change-required flag on that same password', () => {
    const dir = dataDir([user('neo4j', 'secret', true)]);
    assert.equal(setInitialPassword(dir, 'secret').outcome, 'set');
    assertNeo4jHas(dir, 'secret');
  });

  it('is refused once a password was chosen, or when there are other users, leaving the file as it was', () => {
    for (const users of [[user('neo4j', 'chosen', false)], [user('neo4j', 'neo4j', true), user('alice', 'wonderland', false)], [user('alice', 'neo4j', false)]]) {
      const dir = dataDir(users);
      const before = fs.readFileSync(authFilePath(dir), 'utf8');
      assert.deepEqual(setInitialPassword(dir, 'secret'), { outcome: 'refused', file: authFilePath(dir) });
      assert.equal(fs.readFileSync(authFilePath(dir), 'utf8'), before);
    }
  });

  it('cannot be empty', () => {
    const dir = dataDir();
    assert.throws(
      () => setInitialPassword(dir, ''),
      (error: unknown) => error instanceof Neo4jError && error.code === 'Neo.ClientError.General.InvalidArguments' && error.message === 'A password cannot be empty.',
    );
    assert.equal(fs.existsSync(authFilePath(dir)), false);
  });

  it('is not set over a corrupt auth file', () => {
    const dir = dataDir();
    fs.mkdirSync(path.dirname(authFilePath(dir)), { recursive: true });
    fs.writeFileSync(authFilePath(dir), 'neo4j\n');
    assert.throws(
      () => setInitialPassword(dir, 'secret'),
      (error: unknown) => error instanceof AuthFileError && error.code === 'AUTH_FILE_CORRUPT' && error.line === 1,
    );
    assert.equal(fs.readFileSync(authFilePath(dir), 'utf8'), 'neo4j\n');
  });
});
