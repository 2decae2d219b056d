/**
 * The first password of the user neo4j, set before an instance starts (Neo4j's
 * `neo4j-admin set-initial-password`), for `graphlb set-initial-password` and
 * `graphlb up --password`. As in Neo4j it is only set while the instance still has
 * nothing but the default user neo4j/neo4j: once a password was chosen, it is changed
 * with POST /user/neo4j/password, never overwritten from outside.
 */
import { Neo4jError } from '../../protocol/errors.js';
import { authFilePath, readAuthFile, writeAuthFile } from './auth-file.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { defaultPassword, defaultUserName } from './user-record.js';

export type InitialPasswordResult =
  /** The auth file now holds neo4j with this password and no change required. */
  | { readonly outcome: 'set'; readonly file: string }
  /** neo4j already had this password, not to be changed: nothing was written. */
  | { readonly outcome: 'unchanged'; readonly file: string }
  /** The file holds other users or neo4j with another chosen password: nothing was written. */
  | { readonly outcome: 'refused'; readonly file: string };

/**
 * Sets the password of neo4j in the auth file of the instance whose
 * dbms.directories.data is `dataDir`. Throws Neo4jError InvalidArguments for an empty
 * password, AuthFileError when the file is unreadable, corrupt or cannot be written.
 */
export function setInitialPassword(dataDir: string, password: string): InitialPasswordResult {
  if (password === '') throw new Neo4jError('Neo.ClientError.General.InvalidArguments', 'A password cannot be empty.');
  const file = authFilePath(dataDir);
  const users = readAuthFile(file);
  if (users !== undefined) {
    const only = users.length === 1 ? users[0] : undefined;
    if (only?.name !== defaultUserName) return { outcome: 'refused', file };
    const same = verifyPassword(only.credentials, password);
    if (same && !only.passwordChangeRequired) return { outcome: 'unchanged', file };
    if (!same && !verifyPassword(only.credentials, defaultPassword)) return { outcome: 'refused', file };
  }
  writeAuthFile(file, [{ name: defaultUserName, credentials: hashPassword(password), passwordChangeRequired: false }]);
  return { outcome: 'set', file };
}

/**
 * True when the instance whose dbms.directories.data is `dataDir` has a password that
 * someone chose (or users besides neo4j): setInitialPassword would refuse any other.
 * False for a fresh instance (no auth file, or neo4j still with the default password).
 * Throws AuthFileError when the file is unreadable or corrupt.
 */
export function passwordChosen(dataDir: string): boolean {
  const users = readAuthFile(authFilePath(dataDir));
  if (users === undefined) return false;
  const only = users.length === 1 ? users[0] : undefined;
  return only?.name !== defaultUserName || !verifyPassword(only.credentials, defaultPassword);
}
