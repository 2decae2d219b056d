/**
 * A JSON parser (RFC 8259) that keeps Neo4j's INTEGER/FLOAT distinction (json-value.ts)
 * and refuses, with the position and what was expected, input that would cost too
 * much: text longer than `maxLength` characters and arrays/objects nested deeper than
 * `maxDepth`. Recursion depth is bounded by `maxDepth`, so hostile nesting cannot
 * overflow the stack.
 */
import type { JsonObject, JsonValue } from './json-value.js';

export interface JsonLimits {
  /** Most characters of text accepted. */
  readonly maxLength: number;
  /** Most levels of nested arrays and objects; the outermost one is level 1. */
  readonly maxDepth: number;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The text is not JSON, or is JSON beyond the limits; the message says where and what was expected. */
export class JsonParseError extends Error {
  override readonly name = 'JsonParseError';

  constructor(
    /** What is wrong: "unexpected '}'". */
    readonly problem: string,
    /** What would have been right: "a JSON value". */
    readonly expected: string,
    /** 0-based offset in UTF-16 code units. */
    readonly offset: number,
    /** 1-based. */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
  ) {
    super(`${problem} at line ${line}, column ${column} (offset ${offset}); expected ${expected}`);
  }
}

export function parseJson(text: string, limits: JsonLimits): JsonValue {
  if (text.length > limits.maxLength) {
    throw new JsonParseError(`a JSON text of ${text.length} characters`, `at most ${limits.maxLength} characters`, 0, 1, 1);
  }
  const parser = new Parser(text, limits.maxDepth);
  parser.skipWhitespace();
  const value = parser.value(0);
  parser.skipWhitespace();
  if (parser.pos < text.length) parser.fail('unexpected text after the JSON value', 'the end of the input');
  return value;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

class Parser {
  pos = 0;
  readonly #text: string;
  readonly #maxDepth: number;

  constructor(text: string, maxDepth: number) {
    this.#text = text;
    this.#maxDepth = maxDepth;
  }

  skipWhitespace(): void {
    const text = this.#text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  value(depth: number): JsonValue {
    const c = this.#text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b: // {
        return this.#object(depth + 1);
      case 0x5b: // [
        return this.#array(depth + 1);
      case QUOTE:
        return this.#string();
      case 0x74: // t
        return this.#literal('true', true);
      case 0x66: // f
        return this.#literal('false', false);
      case 0x6e: // n
        return this.#literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.#number();
        return this.fail(Number.isNaN(c) ? 'unexpected end of the input' : `unexpected ${this.#describe(this.pos)}`, 'a JSON value');
    }
  }

  #object(depth: number): JsonObject {
    this.#enter(depth);
    const object = Object.create(null) as Record<string, JsonValue>;
    this.pos++;
    this.skipWhitespace();
    if (this.#text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return object;
    }
    for (;;) {
      if (this.#text.charCodeAt(this.pos) !== QUOTE) this.fail(this.#unexpected(), 'a field name in double quotes');
      const key = this.#string();
      this.skipWhitespace();
      if (this.#text.charCodeAt(this.pos) !== 0x3a) this.fail(this.#unexpected(), "':' after the field name");
      this.pos++;
      this.skipWhitespace();
      object[key] = this.value(depth);
      this.skipWhitespace();
      const c = this.#text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x7d) return object;
      if (c !== 0x2c) {
        this.pos--;
        this.fail(this.#unexpected(), "',' or '}'");
      }
      this.skipWhitespace();
    }
  }

  #array(depth: number): JsonValue[] {
    this.#enter(depth);
    const array: JsonValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.#text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return array;
    }
    for (;;) {
      array.push(this.value(depth));
      this.skipWhitespace();
      const c = this.#text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x5d) return array;
      if (c !== 0x2c) {
        this.pos--;
        this.fail(this.#unexpected(), "',' or ']'");
      }
      this.skipWhitespace();
    }
  }

  #enter(depth: number): void {
    if (depth > this.#maxDepth) {
      this.fail(`arrays and objects nested ${depth} levels deep`, `at most ${this.#maxDepth} levels of nesting`);
    }
  }

  #string(): string {
    const text = this.#text;
    const start = ++this.pos;
    let pos = start;
    // Fast path: no escapes, the common case.
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === BACKSLASH || c < 0x20 || Number.isNaN(c)) break;
      pos++;
    }
    let result = text.slice(start, pos);
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos + 1;
        return result;
      }
      if (Number.isNaN(c)) {
        this.pos = pos;
        this.fail('unexpected end of the input inside a string', "a closing '\"'");
      }
      if (c < 0x20) {
        this.pos = pos;
        this.fail(`unescaped control character U+${c.toString(16).padStart(4, '0').toUpperCase()} in a string`, 'it written as an escape such as \\n or \\u0009');
      }
      if (c !== BACKSLASH) {
        const runStart = pos;
        while (pos < text.length) {
          const d = text.charCodeAt(pos);
          if (d === QUOTE || d === BACKSLASH || d < 0x20) break;
          pos++;
        }
        result += text.slice(runStart, pos);
        continue;
      }
      const escape = text.charCodeAt(pos + 1);
      switch (escape) {
        case QUOTE:
          result += '"';
          break;
        case BACKSLASH:
          result += '\\';
          break;
        case 0x2f:
          result += '/';
          break;
        case 0x62:
          result += '\b';
          break;
        case 0x66:
          result += '\f';
          break;
        case 0x6e:
          result += '\n';
          break;
        case 0x72:
          result += '\r';
          break;
        case 0x74:
          result += '\t';
          break;
        case 0x75: {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) {
            this.pos = pos;
            this.fail('a malformed \\u escape', 'four hexadecimal digits after \\u');
          }
          result += String.fromCharCode(Number.parseInt(hex, 16));
          pos += 6;
          continue;
        }
        default:
          this.pos = pos;
          this.fail(`the unknown escape ${this.#describe(pos + 1, '\\')}`, 'one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX');
      }
      pos += 2;
    }
  }

  #number(): bigint | number {
    const text = this.#text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const firstDigit = text.charCodeAt(pos);
    if (firstDigit === 0x30) pos++;
    else if (firstDigit >= 0x31 && firstDigit <= 0x39) pos = this.#digits(pos);
    else {
      this.pos = pos;
      this.fail(this.#unexpected(), "a digit after '-'");
    }
    let integer = true;
    if (text.charCodeAt(pos) === 0x2e) {
      integer = false;
      if (!isDigit(text.charCodeAt(pos + 1))) {
        this.pos = pos + 1;
        this.fail(this.#unexpected(), "a digit after '.'");
      }
      pos = this.#digits(pos + 1);
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      integer = false;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      if (!isDigit(text.charCodeAt(pos))) {
        this.pos = pos;
        this.fail(this.#unexpected(), 'a digit in the exponent');
      }
      pos = this.#digits(pos);
    }
    const literal = text.slice(start, pos);
    if (!integer) {
      this.pos = pos;
      return Number(literal);
    }
    const value = BigInt(literal);
    if (value < INT64_MIN || value > INT64_MAX) {
      this.fail(
        `the integer ${literal} is outside the 64-bit INTEGER range`,
        `${INT64_MIN}..${INT64_MAX}; send a larger number as a float (with a fraction or exponent) or as a string`,
      );
    }
    this.pos = pos;
    return value;
  }

  #digits(pos: number): number {
    while (isDigit(this.#text.charCodeAt(pos))) pos++;
    return pos;
  }

  #literal<T extends boolean | null>(word: string, value: T): T {
    if (!this.#text.startsWith(word, this.pos)) this.fail(this.#unexpected(), 'a JSON value');
    this.pos += word.length;
    return value;
  }

  #unexpected(): string {
    return this.pos >= this.#text.length ? 'unexpected end of the input' : `unexpected ${this.#describe(this.pos)}`;
  }

  #describe(pos: number, prefix = ''): string {
    const char = String.fromCodePoint(this.#text.codePointAt(pos) ?? 0);
    return /^[\x21-\x7e]$/.test(char) ? `'${prefix}${char}'` : `character U+${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0').toUpperCase()}`;
  }

  fail(problem: string, expected: string): never {
    const text = this.#text;
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < this.pos && i < text.length; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    throw new JsonParseError(problem, expected, this.pos, line, this.pos - lineStart + 1);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
