/**
 * The users of an engine instance: `<dbms.directories.data>/dbms/auth`, as in Neo4j,
 * in graphlb's own format. UTF-8 text, mode 0600, one line per user, each ending in \n:
 *
 *   <name>:<password hash>:<flags>
 *   neo4j:scrypt$16384$8$1$3q2+7wB8yq0xT9v4mZ1e8A==$Qm9v...yNg=:password_change_required
 *
 *   name           no ':', white space or control character; each name once
 *   password hash  scrypt$<N>$<r>$<p>$<salt base64>$<key base64> (password-hash.ts)
 *   flags          comma-separated, empty for none; the one flag is password_change_required
 *
 * Blank lines are ignored; a file holds at least one user. The file is only ever
 * replaced as a whole: written to a temporary sibling, fsynced, renamed over the old
 * one and the directory fsynced, so a crash leaves the old file or the new one, never a
 * mix. Without the file an instance has the default user (user-record.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AuthFileError } from './auth-file-error.js';
import { formatPasswordHash, parsePasswordHash, passwordHashSyntax } from './password-hash.js';
import { isValidUserName, type UserRecord } from './user-record.js';

const passwordChangeRequiredFlag = 'password_change_required';
const lineSyntax = `<name>:${passwordHashSyntax}:[${passwordChangeRequiredFlag}]`;
const repair = 'restore the file from a backup, or stop the instance, remove the file and set the password again with graphlb set-initial-password';

export function authFilePath(dataDir: string): string {
  return path.join(dataDir, 'dbms', 'auth');
}

/** The users in `file`; undefined when there is no such file. Throws {@link AuthFileError}. */
export function readAuthFile(file: string): UserRecord[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuthFileError(
      {
        code: 'AUTH_FILE_UNREADABLE',
        file,
        message: `cannot read the users (${(error as Error).message}); expected a file readable by the user running graphlb`,
      },
      { cause: error },
    );
  }
  return parseAuthFile(text, file);
}

/** Reads the text of an auth file named `file` (for messages). Throws {@link AuthFileError}. */
export function parseAuthFile(text: string, file: string): UserRecord[] {
  const users: UserRecord[] = [];
  const lineOf = new Map<string, number>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const corrupt = (problem: string): AuthFileError =>
      new AuthFileError({ code: 'AUTH_FILE_CORRUPT', file, line: index + 1, message: `${problem}; expected ${lineSyntax}; ${repair}` });

    const fields = line.split(':');
    if (fields.length !== 3) throw corrupt(`the line has ${fields.length} ':'-separated fields instead of 3`);
    const [name, hashText, flagsText] = fields as [string, string, string];
    if (!isValidUserName(name)) throw corrupt('the user name is empty or holds white space or a control character');
    const earlier = lineOf.get(name);
    if (earlier !== undefined) throw corrupt(`user '${name}' is already defined on line ${earlier}`);
    const credentials = parsePasswordHash(hashText);
    if (typeof credentials === 'string') throw corrupt(credentials);
    let passwordChangeRequired = false;
    for (const flag of flagsText === '' ? [] : flagsText.split(',')) {
      if (flag !== passwordChangeRequiredFlag) throw corrupt(`unknown flag '${flag}'`);
      passwordChangeRequired = true;
    }
    lineOf.set(name, index + 1);
    users.push({ name, credentials, passwordChangeRequired });
  }
  if (users.length === 0) {
    throw new AuthFileError({ code: 'AUTH_FILE_CORRUPT', file, message: `the file holds no user; expected one line per user, ${lineSyntax}; ${repair}` });
  }
  return users;
}

export function formatAuthFile(users: readonly UserRecord[]): string {
  return users
    .map((user) => `${user.name}:${formatPasswordHash(user.credentials)}:${user.passwordChangeRequired ? passwordChangeRequiredFlag : ''}\n`)
    .join('');
}

/** Replaces `file` with `users`, atomically and durably, mode 0600. Throws {@link AuthFileError}. */
export function writeAuthFile(file: string, users: readonly UserRecord[]): void {
  const dir = path.dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = fs.openSync(temporary, 'w', 0o600);
    try {
      // A temporary file left by a crash keeps its old mode when reopened.
      fs.fchmodSync(fd, 0o600);
      fs.writeFileSync(fd, formatAuthFile(users));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch (error) {
    removeQuietly(temporary);
    throw new AuthFileError(
      {
        code: 'AUTH_FILE_UNWRITABLE',
        file,
        message: `cannot write the users (${(error as Error).message}); expected ${dir} to be a directory graphlb may write to; the previous file, if any, is unchanged`,
      },
      { cause: error },
    );
  }
}

/** Best effort: the error that matters is the one being reported. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing was created there, or it is not ours to remove.
  }
}
