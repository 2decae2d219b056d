/**
 * The password of the user neo4j that `graphlb up` sets on every instance and hands to the
 * proxy and the monitor (which read the High Availability bean, behind auth).
 *
 * `npm start` must bring up the proxy and the monitor on a fresh machine without asking for
 * anything, so when none is given (--password, GRAPHLB_PASSWORD) `up` generates one for a
 * fresh data directory and keeps it in <data>/password (mode 0600, written once, never
 * printed), and reads it from there on every later start. A given password always wins.
 * When the instances already hold a password someone chose and there is no such file,
 * `up` cannot know it: none is used, and the proxy and the monitor are not started.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { passwordChosen } from '../engine/security/initial-password.js';

export const passwordFileName = 'password';

export type UpPassword =
  | { readonly source: 'given'; readonly password: string }
  | { readonly source: 'file' | 'generated'; readonly password: string; readonly file: string }
  /** No password: none is needed, or none was given or kept and the instances hold one chosen earlier. */
  | { readonly source: 'unknown'; readonly password: undefined };

/** Thrown when <data>/password cannot be read or written, or is empty. */
export class UpPasswordError extends Error {
  override readonly name = 'UpPasswordError';
}

/**
 * The password to use: `given`, else the one in <data>/password, else a new one (written
 * there) when no instance (by its dbms.directories.data) holds a chosen password yet.
 */
export function resolveUpPassword(data: string, given: string | undefined, instanceDataDirs: readonly string[]): UpPassword {
  if (given !== undefined) return { source: 'given', password: given };
  const file = path.join(data, passwordFileName);
  let kept: string | undefined;
  try {
    kept = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UpPasswordError(`cannot read ${file} (${(error as Error).message}); expected a file graphlb may read, holding the password of user 'neo4j'`);
    }
  }
  if (kept !== undefined) {
    if (kept === '') throw new UpPasswordError(`${file} is empty; expected the password of user 'neo4j' on its first line, or remove the file together with the instances' data to start over`);
    return { source: 'file', password: kept, file };
  }
  if (instanceDataDirs.some((dataDir) => passwordChosen(dataDir))) return { source: 'unknown', password: undefined };
  const password = randomBytes(18).toString('base64url');
  try {
    fs.mkdirSync(data, { recursive: true });
    fs.writeFileSync(file, `${password}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    throw new UpPasswordError(`cannot write ${file} (${(error as Error).message}); expected --data to name a directory graphlb may write to`);
  }
  return { source: 'generated', password, file };
}
