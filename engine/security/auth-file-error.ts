/**
 * The one error the auth file can stop a start or a password command with. Its message
 * names the file (and the line when one line is at fault), says what is wrong, what was
 * expected and what to do. Callers match on `code`.
 */

export type AuthFileErrorCode =
  /** The file exists but cannot be read. */
  | 'AUTH_FILE_UNREADABLE'
  /** The file was read but a line, or the file as a whole, is not the auth file format. */
  | 'AUTH_FILE_CORRUPT'
  /** The new file could not be written; the old one, if any, is untouched. */
  | 'AUTH_FILE_UNWRITABLE';

export class AuthFileError extends Error {
  override readonly name = 'AuthFileError';
  readonly code: AuthFileErrorCode;
  readonly file: string;
  /** 1-based; undefined when the error is about the file as a whole. */
  readonly line: number | undefined;

  constructor(details: { code: AuthFileErrorCode; file: string; line?: number; message: string }, options?: { cause?: unknown }) {
    const where = details.line === undefined ? details.file : `${details.file}:${details.line}`;
    super(`${where}: ${details.message}`, options);
    this.code = details.code;
    this.file = details.file;
    this.line = details.line;
  }
}
