/**
 * The one error a configuration file can stop the start with. Its message is one line:
 *
 *   conf/neo4j.conf:12: dbms.pagecache.memory=64q: expected a size such as 512m or 4g
 *   <file>:<line>: <key>=<value>: [<problem>; ]expected <what>[; <hint>]
 *
 * Callers match on `code`, never on the message.
 */

export type SettingsErrorCode =
  /** The file is missing or cannot be read. */
  | 'SETTINGS_UNREADABLE_FILE'
  /** A line that is neither blank, a comment nor key=value. */
  | 'SETTINGS_MALFORMED_LINE'
  | 'SETTINGS_UNKNOWN_KEY'
  | 'SETTINGS_DUPLICATE_KEY'
  | 'SETTINGS_BAD_VALUE'
  | 'SETTINGS_BAD_SIZE'
  | 'SETTINGS_BAD_DURATION'
  | 'SETTINGS_BAD_RETENTION_POLICY'
  /** Settings that are each valid but not together (heartbeat timeout, HA requirements). */
  | 'SETTINGS_CONFLICT'
  /** A valid setting this version of graphlb cannot run with yet. */
  | 'SETTINGS_UNSUPPORTED';

export interface SettingsErrorDetails {
  readonly code: SettingsErrorCode;
  readonly file: string;
  /** 1-based; absent when the error is about the file as a whole. */
  readonly line?: number;
  readonly key?: string;
  /** The value as written, or the whole line when it has no '='; already redacted for secrets. */
  readonly value?: string;
  /** What is wrong, when "expected ..." alone does not say it. */
  readonly problem?: string;
  /** What would have been valid: "a size such as 512m or 4g". */
  readonly expected: string;
  /** What to do, when it is not obvious from the expectation. */
  readonly hint?: string;
}

export class SettingsError extends Error {
  readonly code: SettingsErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly key: string | undefined;
  readonly value: string | undefined;
  readonly expected: string;

  constructor(details: SettingsErrorDetails, options?: { cause?: unknown }) {
    super(formatMessage(details), options);
    this.name = 'SettingsError';
    this.code = details.code;
    this.file = details.file;
    this.line = details.line;
    this.key = details.key;
    this.value = details.value;
    this.expected = details.expected;
  }
}

function formatMessage(d: SettingsErrorDetails): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  const what = d.key !== undefined ? `${d.key}=${d.value ?? ''}` : d.value !== undefined ? JSON.stringify(d.value) : undefined;
  const problem = d.problem === undefined ? '' : `${d.problem}; `;
  const hint = d.hint === undefined ? '' : `; ${d.hint}`;
  return `${where}: ${what === undefined ? '' : `${what}: `}${problem}expected ${d.expected}${hint}`;
}
