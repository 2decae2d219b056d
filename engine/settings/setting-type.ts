/**
 * The kinds of value a setting can hold. Each kind knows how it is written (for the
 * documentation), what a valid value looks like (for error messages and the
 * documentation alike, so the two say the same thing) and how to read it.
 */
import type { RetentionPolicy } from '../txlog/retention-policy.js';
import { parseDuration } from './duration.js';
import { parseRetentionPolicy } from './retention-policy-format.js';
import type { SettingsErrorCode } from './settings-error.js';
import { parseSize } from './size.js';
import type { SocketAddress } from '../../protocol/config/socket-address.js';
import { parseListenAddress } from './socket-address.js';

export interface SettingType<T> {
  /** The value's shape in the documentation's syntax line: "<size>", "HA|SINGLE". */
  readonly syntax: string;
  /** What a valid value looks like; follows "expected" in errors and "Allowed:" in the documentation. */
  readonly expected: string;
  /** The error code of a value this type refuses. */
  readonly errorCode: SettingsErrorCode;
  /** The value, or undefined when `text` (already trimmed) is not valid. */
  parse(text: string): T | undefined;
}

export const booleanType: SettingType<boolean> = {
  syntax: 'true|false',
  expected: 'true or false',
  errorCode: 'SETTINGS_BAD_VALUE',
  parse(text) {
    const lower = text.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : undefined;
  },
};

/** One of a fixed set of words, matched regardless of case and read as written in `values`. */
export function enumType<const V extends readonly [string, ...string[]]>(values: V): SettingType<V[number]> {
  const byLowerCase = new Map<string, V[number]>(values.map((v) => [v.toLowerCase(), v]));
  const listed = values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;
  return {
    syntax: values.join('|'),
    expected: listed,
    errorCode: 'SETTINGS_BAD_VALUE',
    parse: (text) => byLowerCase.get(text.toLowerCase()),
  };
}

/** Bytes. `atLeast` is written as a size ("64k"). */
export function sizeType(options: { atLeast?: string; why?: string } = {}): SettingType<number> {
  const min = options.atLeast === undefined ? 0 : mustParse(parseSize, options.atLeast);
  const floor = options.atLeast === undefined ? '' : ` of at least ${options.atLeast}${options.why === undefined ? '' : ` (${options.why})`},`;
  return {
    syntax: '<size>',
    expected: `a size${floor} such as 512m or 4g`,
    errorCode: 'SETTINGS_BAD_SIZE',
    parse(text) {
      const bytes = parseSize(text);
      return bytes !== undefined && bytes >= min ? bytes : undefined;
    },
  };
}

/** Milliseconds. `atLeast` is written as a duration ("1ms"); without it 0 is allowed. */
export function durationType(options: { atLeast?: string } = {}): SettingType<number> {
  const min = options.atLeast === undefined ? 0 : mustParse(parseDuration, options.atLeast);
  const floor = options.atLeast === undefined ? '' : min === 1 ? ' above zero' : ` of at least ${options.atLeast}`;
  return {
    syntax: '<duration>',
    expected: `a duration${floor} such as 500ms, 4s, 15m or 7 days`,
    errorCode: 'SETTINGS_BAD_DURATION',
    parse(text) {
      const milliseconds = parseDuration(text);
      return milliseconds !== undefined && milliseconds >= min ? milliseconds : undefined;
    },
  };
}

/** A whole number in plain digits. */
export function integerType(options: { atLeast: number }): SettingType<number> {
  return {
    syntax: '<integer>',
    expected: `a whole number of at least ${options.atLeast}`,
    errorCode: 'SETTINGS_BAD_VALUE',
    parse(text) {
      if (!/^\d+$/.test(text)) return undefined;
      const n = Number(text);
      return Number.isSafeInteger(n) && n >= options.atLeast ? n : undefined;
    },
  };
}

export const socketAddressType: SettingType<SocketAddress> = {
  syntax: '<host>:<port>',
  expected: 'an address host:port such as 127.0.0.1:7474',
  errorCode: 'SETTINGS_BAD_VALUE',
  parse: parseListenAddress,
};

export const socketAddressListType: SettingType<readonly SocketAddress[]> = {
  syntax: '<host>:<port>,...',
  expected: 'a comma-separated list of host:port such as 127.0.0.1:5001,127.0.0.1:5002',
  errorCode: 'SETTINGS_BAD_VALUE',
  parse(text) {
    const addresses: SocketAddress[] = [];
    for (const part of text.split(',')) {
      const address = parseListenAddress(part.trim());
      if (address === undefined) return undefined;
      addresses.push(address);
    }
    return addresses;
  },
};

export const pathType: SettingType<string> = {
  syntax: '<path>',
  expected: 'a directory path such as data or /var/lib/graphlb',
  errorCode: 'SETTINGS_BAD_VALUE',
  parse: (text) => (text !== '' && !/[\u0000-\u001f]/.test(text) ? text : undefined),
};

export const databaseNameType: SettingType<string> = {
  syntax: '<name>',
  expected: 'a database name of letters, digits, ".", "_" and "-" starting with a letter or digit, such as graph.db',
  errorCode: 'SETTINGS_BAD_VALUE',
  parse: (text) => (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text) ? text : undefined),
};

export const secretType: SettingType<string> = {
  syntax: '<secret>',
  expected: 'a non-empty string',
  errorCode: 'SETTINGS_BAD_VALUE',
  parse: (text) => (text !== '' ? text : undefined),
};

export const retentionPolicyType: SettingType<RetentionPolicy> = {
  syntax: '<retention policy>',
  expected:
    'true, false, keep_all, keep_none or an amount and a kind: "<n> files", "<size> size", "<n> txs", "<n> hours" or "<n> days", such as 7 days, 100M size or 200k txs',
  errorCode: 'SETTINGS_BAD_RETENTION_POLICY',
  parse: parseRetentionPolicy,
};

function mustParse(parse: (text: string) => number | undefined, text: string): number {
  const value = parse(text);
  if (value === undefined) throw new Error(`setting type bound ${JSON.stringify(text)} does not parse`);
  return value;
}
