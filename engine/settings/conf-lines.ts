/**
 * The lines of a neo4j.conf-style file: `key=value`, full-line `#` comments and blank
 * lines, surrounding whitespace trimmed. A `#` after the '=' belongs to the value (a
 * secret may contain one); only a line that starts with `#` is a comment. The value is
 * everything after the first '='.
 */
import { SettingsError } from './settings-error.js';

export interface ConfLine {
  /** 1-based. */
  readonly line: number;
  readonly key: string;
  readonly value: string;
}

/** The key=value lines in file order; throws at the first line that is none of the three kinds. */
export function* confLines(text: string, file: string): Generator<ConfLine> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = (lines[i] ?? '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const equals = trimmed.indexOf('=');
    const key = equals < 0 ? '' : trimmed.slice(0, equals).trim();
    if (key === '') {
      throw new SettingsError({
        code: 'SETTINGS_MALFORMED_LINE',
        file,
        line: i + 1,
        value: trimmed,
        problem: equals < 0 ? "no '=' on this line" : "no key before '='",
        expected: 'key=value, a # comment or a blank line',
      });
    }
    yield { line: i + 1, key, value: trimmed.slice(equals + 1).trim() };
  }
}
