import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { AuthFileError } from '../../../engine/security/auth-file-error.js';
import { authFilePath, formatAuthFile, parseAuthFile, readAuthFile, writeAuthFile } from '../../../engine/security/auth-file.js';
import { formatPasswordHash, hashPassword, verifyPassword } from '../../../engine/security/password-hash.js';
import type { UserRecord } from '../../../engine/security/user-record.js';
import { makeTempDir } from '../../support/temp-dir.js';

const temp = makeTempDir('auth-file');
after(temp.remove);

const neo4j: UserRecord = { name: 'neo4j', credentials: hashPassword('secret'), passwordChangeRequired: false };
const alice: UserRecord = { name: 'alice@example.org', credentials: hashPassword('wonderland'), passwordChangeRequired: true };
const hashText = formatPasswordHash(neo4j.credentials);

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/** The AuthFileError that reading `text` throws. */
function corrupt(text: string): AuthFileError {
  try {
    parseAuthFile(text, '/data/dbms/auth');
  } catch (error) {
    assert.ok(error instanceof AuthFileError, `expected an AuthFileError, got ${String(error)}`);
    assert.equal(error.code, 'AUTH_FILE_CORRUPT');
    assert.equal(error.file, '/data/dbms/auth');
    assert.equal(error.message.includes('\n'), false, 'the message is one line');
    return error;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be refused`);
}

describe('the auth file', () => {
  it('lives in <data>/dbms/auth', () => {
    assert.equal(authFilePath('/var/lib/graphlb/data'), '/var/lib/graphlb/data/dbms/auth');
  });

  it('holds one name:hash:flags line per user', () => {
    assert.equal(
      formatAuthFile([neo4j, alice]),
      `neo4j:${hashText}:\nalice@example.org:${formatPasswordHash(alice.credentials)}:password_change_required\n`,
    );
  });

  it('reads back what was written, with mode 0600 and no temporary file left', () => {
    const file = authFilePath(path.join(temp.dir, 'round-trip'));
    writeAuthFile(file, [neo4j, alice]);
    assert.equal(mode(file), 0o600);
    assert.equal(mode(path.dirname(file)), 0o700, 'a directory it creates is private too');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['auth']);
    const users = readAuthFile(file);
    assert.deepEqual(users, [neo4j, alice]);
    assert.equal(verifyPassword(users![1]!.credentials, 'wonderland'), true);
  });

  it('replaces a file as a whole and makes it 0600 again', () => {
    const file = authFilePath(path.join(temp.dir, 'replace'));
    writeAuthFile(file, [neo4j, alice]);
    fs.chmodSync(file, 0o644);
    writeAuthFile(file, [alice]);
    assert.equal(mode(file), 0o600);
    assert.deepEqual(readAuthFile(file), [alice]);
  });

  it('is absent until written', () => {
    assert.equal(readAuthFile(authFilePath(path.join(temp.dir, 'none'))), undefined);
  });

  it('ignores blank lines', () => {
    assert.deepEqual(parseAuthFile(`\nneo4j:${hashText}:\n\n`, 'auth'), [neo4j]);
  });

  it('names the file and the line of a corrupt line, and what was expected, never echoing a hash', () => {
    const expectation = 'expected <name>:scrypt$<N>$<r>$<p>$<salt base64>$<key base64>:[password_change_required]; ' +
      'restore the file from a backup, or stop the instance, remove the file and set the password again with graphlb set-initial-password';
    const cases: [string, number, string][] = [
      [`neo4j:${hashText}`, 1, "the line has 2 ':'-separated fields instead of 3"],
      [`neo4j:${hashText}::`, 1, "the line has 4 ':'-separated fields instead of 3"],
      [`\nneo 4j:${hashText}:`, 2, 'the user name is empty or holds white space or a control character'],
      [`:${hashText}:`, 1, 'the user name is empty or holds white space or a control character'],
      [`neo4j:${hashText}:\nbob:${hashText}:\nneo4j:${hashText}:`, 3, "user 'neo4j' is already defined on line 1"],
      [`neo4j:${hashText.replace('16384', '1000')}:`, 1, 'the scrypt cost N "1000" is not a power of two from 2 to 1048576'],
      [`neo4j:${hashText}:admin`, 1, "unknown flag 'admin'"],
      [`neo4j:${hashText}:password_change_required,`, 1, "unknown flag ''"],
    ];
    for (const [text, line, problem] of cases) {
      const error = corrupt(text);
      assert.equal(error.line, line, text);
      assert.equal(error.message, `/data/dbms/auth:${line}: ${problem}; ${expectation}`);
      assert.equal(error.message.includes(neo4j.credentials.key.toString('base64')), false);
    }
  });

  it('refuses a file without users', () => {
    const error = corrupt('\n\n');
    assert.equal(error.line, undefined);
    assert.match(error.message, /^\/data\/dbms\/auth: the file holds no user; expected one line per user, <name>:scrypt/);
  });

  it('keeps the old file when the new one cannot be written', () => {
    const file = authFilePath(path.join(temp.dir, 'keep'));
    writeAuthFile(file, [neo4j]);
    const before = fs.readFileSync(file, 'utf8');
    fs.mkdirSync(`${file}.${process.pid}.tmp`);
    assert.throws(() => writeAuthFile(file, [alice]), (error: unknown) => error instanceof AuthFileError && error.code === 'AUTH_FILE_UNWRITABLE');
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  it('reports a file that cannot be read or written, naming it', () => {
    const dataDir = path.join(temp.dir, 'blocked');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'dbms'), 'a file where the directory should be');
    const file = authFilePath(dataDir);
    assert.throws(() => writeAuthFile(file, [neo4j]), (error: unknown) => {
      assert.ok(error instanceof AuthFileError);
      assert.equal(error.code, 'AUTH_FILE_UNWRITABLE');
      assert.match(error.message, new RegExp(`^${file}: cannot write the users \\(.*\\); expected ${path.dirname(file)} to be a directory graphlb may write to`));
      return true;
    });
    assert.throws(() => readAuthFile(path.join(dataDir, 'dbms', 'auth')), (error: unknown) => {
      assert.ok(error instanceof AuthFileError);
      assert.equal(error.code, 'AUTH_FILE_UNREADABLE');
      return true;
    });
  });
});
