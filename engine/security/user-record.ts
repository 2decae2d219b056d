/**
 * A user of an engine instance, and the user every instance starts with (Neo4j's).
 */
import type { PasswordHash } from './password-hash.js';

export interface UserRecord {
  readonly name: string;
  readonly credentials: PasswordHash;
  /** Set for the default user until its password is changed, as in Neo4j. */
  readonly passwordChangeRequired: boolean;
}

/** The user that exists before any password is set: neo4j, password neo4j, change required. */
export const defaultUserName = 'neo4j';
export const defaultPassword = 'neo4j';

/** A name fits the auth file when it holds no ':' (the field separator), no white space or control character. */
export function isValidUserName(name: string): boolean {
  return /^[^:\s\p{Cc}]+$/u.test(name);
}
