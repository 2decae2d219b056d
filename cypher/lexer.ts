/**
 * Cypher's lexer: statement text to tokens with positions.
 *
 * - Identifiers: a letter or `_` then letters, digits and `_` (Unicode ID_Start /
 *   ID_Continue), or anything between backticks with `` `` `` for a backtick. Keywords
 *   are not tokens of their own: an unquoted identifier carries its upper-cased text in
 *   `keyword`, and the parser decides where a word is a keyword. A quoted identifier is
 *   never a keyword.
 * - Strings in '...' or "..." with the escapes \\ \' \" \b \f \n \r \t \uXXXX \UXXXXXXXX.
 * - Integers: decimal, hexadecimal `0x1F`, octal `0o17` (and Neo4j 3.x's `017`). The
 *   value is kept as an unsigned bigint; its int64 range is checked by the parser,
 *   which knows whether a minus sign precedes it (-9223372036854775808 fits).
 * - Floats: `1.5`, `.5`, `1e3`, `1.5E-3`. `1..3` is 1, `..`, 3 (a range, not a float).
 * - Parameters: `$name`, `` $`odd name` ``, `$0`.
 * - Symbols: `=~ <> != <= >= .. +=` and `( ) [ ] { } , . : | ; = < > + - * / % ^`.
 *   Arrows are not single tokens: `<-`, `->` and `--` are read by the pattern parser
 *   from `<`, `-` and `>`, because in an expression `a<-1` means `a < -1`.
 * - Comments `// to the end of the line` and `/* ... *\/` are skipped like whitespace.
 */
import type { Position } from './ast.js';
import { CypherError } from './cypher-error.js';

export type TokenKind = 'identifier' | 'quotedIdentifier' | 'string' | 'integer' | 'float' | 'parameter' | 'symbol' | 'end';

export class Token {
  #position: Position | undefined;

  constructor(
    readonly kind: TokenKind,
    /**
     * identifier and quotedIdentifier: the name (unescaped); string: the value; parameter:
     * the name without `$`; symbol: the symbol; integer, float: the source text; end: ''.
     */
    readonly text: string,
    /** For an unquoted identifier its text upper-cased, else ''. */
    readonly keyword: string,
    /** integer: the unsigned value; float: the value; otherwise 0. */
    readonly number: bigint | number,
    /** Offset of the first code unit. */
    readonly offset: number,
    /** Offset just past the last code unit. */
    readonly end: number,
    readonly line: number,
    readonly column: number,
  ) {}

  get position(): Position {
    this.#position ??= { offset: this.offset, line: this.line, column: this.column };
    return this.#position;
  }
}

const SYNTAX = 'Neo.ClientError.Statement.SyntaxError';

// Character classes of the first 128 code points; everything above is looked up with
// Unicode property escapes.
const SPACE = 1;
const ID_START = 2;
const ID_PART = 4;
const asciiClass = new Uint8Array(128);
for (const c of ' \t\n\r\f\v') asciiClass[c.charCodeAt(0)] = SPACE;
for (let c = 48; c <= 57; c++) asciiClass[c] = ID_PART;
for (let c = 65; c <= 90; c++) asciiClass[c] = ID_START | ID_PART;
for (let c = 97; c <= 122; c++) asciiClass[c] = ID_START | ID_PART;
asciiClass[95] = ID_START | ID_PART; // _

const unicodeSpace = /\s/;
const unicodeIdStart = /\p{ID_Start}/u;
const unicodeIdPart = /\p{ID_Continue}/u;

function isSpace(c: number): boolean {
  return c < 128 ? asciiClass[c] === SPACE : unicodeSpace.test(String.fromCharCode(c));
}
function isIdStart(c: number): boolean {
  return c < 128 ? (asciiClass[c]! & ID_START) !== 0 : unicodeIdStart.test(String.fromCharCode(c));
}
function isIdPart(c: number): boolean {
  return c < 128 ? (asciiClass[c]! & ID_PART) !== 0 : unicodeIdPart.test(String.fromCharCode(c));
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Splits a statement into tokens; the last one is always kind 'end'. */
export function tokenize(text: string): Token[] {
  return new Lexer(text).run();
}

class Lexer {
  readonly #text: string;
  readonly #tokens: Token[] = [];
  #i = 0;
  #line = 1;
  #lineStart = 0;

  constructor(text: string) {
    this.#text = text;
  }

  run(): Token[] {
    const text = this.#text;
    const n = text.length;
    for (;;) {
      this.#skipSpaceAndComments();
      const i = this.#i;
      if (i >= n) {
        this.#push('end', '', '', 0, i, i, this.#line, i - this.#lineStart + 1);
        return this.#tokens;
      }
      const c = text.charCodeAt(i);
      if (isIdStart(c)) this.#identifier();
      else if (isDigit(c) || (c === 46 /* . */ && isDigit(text.charCodeAt(i + 1)))) this.#number();
      else if (c === 39 /* ' */ || c === 34 /* " */) this.#string(c);
      else if (c === 96 /* ` */) this.#quotedIdentifier('quotedIdentifier', i, i);
      else if (c === 36 /* $ */) this.#parameter();
      else this.#symbol();
    }
  }

  #push(kind: TokenKind, tokenText: string, keyword: string, number: bigint | number, start: number, end: number, line: number, column: number): void {
    this.#tokens.push(new Token(kind, tokenText, keyword, number, start, end, line, column));
  }

  #column(offset: number): number {
    return offset - this.#lineStart + 1;
  }

  #position(offset: number): Position {
    return { offset, line: this.#line, column: this.#column(offset) };
  }

  #error(offset: number, description: string): CypherError {
    return new CypherError(SYNTAX, description, this.#position(offset), this.#text);
  }

  /** Records the newline at `i`, so that lines and columns after it are right. */
  #newline(i: number): void {
    this.#line++;
    this.#lineStart = i + 1;
  }

  #skipSpaceAndComments(): void {
    const text = this.#text;
    const n = text.length;
    let i = this.#i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.#newline(i);
        i++;
      } else if (isSpace(c)) {
        i++;
      } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
        i += 2;
        while (i < n && text.charCodeAt(i) !== 10) i++;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
        const start = this.#position(i);
        i += 2;
        for (;;) {
          if (i >= n) {
            throw this.#error(n, `Unexpected end of input: expected "*/" to close the comment that starts at line ${start.line}, column ${start.column}`);
          }
          const d = text.charCodeAt(i);
          if (d === 42 && text.charCodeAt(i + 1) === 47) {
            i += 2;
            break;
          }
          if (d === 10) this.#newline(i);
          i++;
        }
      } else {
        break;
      }
    }
    this.#i = i;
  }

  #identifier(): void {
    const text = this.#text;
    const start = this.#i;
    let i = start + 1;
    while (i < text.length && isIdPart(text.charCodeAt(i))) i++;
    const name = text.slice(start, i);
    this.#push('identifier', name, name.toUpperCase(), 0, start, i, this.#line, this.#column(start));
    this.#i = i;
  }

  /**
   * A backtick-quoted name starting at `quote`; `tokenStart` is where the token begins
   * (the `$` of a parameter, or the backtick itself).
   */
  #quotedIdentifier(kind: 'quotedIdentifier' | 'parameter', tokenStart: number, quote: number): void {
    const text = this.#text;
    const line = this.#line;
    const column = this.#column(tokenStart);
    let name = '';
    let from = quote + 1;
    let i = from;
    for (;;) {
      if (i >= text.length) {
        throw this.#error(text.length, `Unexpected end of input: expected "\`" to close the name that starts at line ${line}, column ${column + quote - tokenStart}`);
      }
      const c = text.charCodeAt(i);
      if (c === 96) {
        if (text.charCodeAt(i + 1) !== 96) break;
        name += text.slice(from, i + 1);
        i += 2;
        from = i;
        continue;
      }
      if (c === 10) this.#newline(i);
      i++;
    }
    name += text.slice(from, i);
    this.#push(kind, name, '', 0, tokenStart, i + 1, line, column);
    this.#i = i + 1;
  }

  #parameter(): void {
    const text = this.#text;
    const start = this.#i;
    const c = text.charCodeAt(start + 1);
    if (c === 96) {
      this.#quotedIdentifier('parameter', start, start + 1);
      return;
    }
    let i = start + 1;
    if (isIdStart(c)) {
      i++;
      while (i < text.length && isIdPart(text.charCodeAt(i))) i++;
    } else if (isDigit(c)) {
      i++;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    } else {
      throw this.#error(start + 1, `${start + 1 >= text.length ? 'Unexpected end of input' : `Invalid input '${text[start + 1]}'`}: expected a parameter name after "$" (a name like $name or a number like $0)`);
    }
    this.#push('parameter', text.slice(start + 1, i), '', 0, start, i, this.#line, this.#column(start));
    this.#i = i;
  }

  #number(): void {
    const text = this.#text;
    const start = this.#i;
    let i = start;
    const c1 = text.charCodeAt(i + 1);
    let value: bigint | number;
    let kind: 'integer' | 'float' = 'integer';
    if (text.charCodeAt(i) === 48 /* 0 */ && (c1 === 120 || c1 === 88 /* x X */)) {
      i += 2;
      while (isHexDigit(text.charCodeAt(i))) i++;
      if (i === start + 2) throw this.#badNumber(start, i);
      value = BigInt(text.slice(start, i));
    } else if (text.charCodeAt(i) === 48 && (c1 === 111 || c1 === 79 /* o O */)) {
      i += 2;
      while (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 55) i++;
      if (i === start + 2) throw this.#badNumber(start, i);
      value = BigInt(`0o${text.slice(start + 2, i)}`);
    } else {
      while (isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        kind = 'float';
        i++;
        while (isDigit(text.charCodeAt(i))) i++;
      }
      const e = text.charCodeAt(i);
      if (e === 101 || e === 69 /* e E */) {
        let j = i + 1;
        const sign = text.charCodeAt(j);
        if (sign === 43 || sign === 45) j++;
        if (isDigit(text.charCodeAt(j))) {
          kind = 'float';
          i = j;
          while (isDigit(text.charCodeAt(i))) i++;
        }
      }
      const raw = text.slice(start, i);
      if (kind === 'float') {
        value = Number(raw);
        if (!Number.isFinite(value)) throw this.#error(start, 'floating point number is too large');
      } else if (raw.length > 1 && raw.charCodeAt(0) === 48) {
        // Neo4j 3.x octal: 017 is 15.
        if (!/^[0-7]+$/.test(raw)) throw this.#badNumber(start, i);
        value = BigInt(`0o${raw.slice(1)}`);
      } else {
        value = BigInt(raw);
      }
    }
    if (i < text.length && isIdPart(text.charCodeAt(i))) throw this.#badNumber(start, i);
    this.#push(kind, text.slice(start, i), '', value, start, i, this.#line, this.#column(start));
    this.#i = i;
  }

  #badNumber(start: number, end: number): CypherError {
    const text = this.#text;
    while (end < text.length && isIdPart(text.charCodeAt(end))) end++;
    return this.#error(start, `Invalid input '${text.slice(start, end)}': expected a number (decimal like 42 or 1.5e3, hexadecimal like 0x2A, octal like 0o52)`);
  }

  #string(quote: number): void {
    const text = this.#text;
    const start = this.#i;
    const line = this.#line;
    const column = this.#column(start);
    let value = '';
    let from = start + 1;
    let i = from;
    for (;;) {
      if (i >= text.length) {
        throw this.#error(text.length, `Unexpected end of input: expected ${quote === 39 ? `"'"` : `'"'`} to close the string that starts at line ${line}, column ${column}`);
      }
      const c = text.charCodeAt(i);
      if (c === quote) break;
      if (c === 10) {
        this.#newline(i);
        i++;
        continue;
      }
      if (c !== 92 /* \ */) {
        i++;
        continue;
      }
      value += text.slice(from, i);
      const e = text.charCodeAt(i + 1);
      switch (e) {
        case 92: value += '\\'; break;
        case 39: value += "'"; break;
        case 34: value += '"'; break;
        case 98: case 66: value += '\b'; break;
        case 102: case 70: value += '\f'; break;
        case 110: case 78: value += '\n'; break;
        case 114: case 82: value += '\r'; break;
        case 116: case 84: value += '\t'; break;
        case 117: case 85: { // u U
          const digits = e === 117 ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + digits);
          if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) {
            throw this.#error(i, `Invalid input '${text.slice(i, i + 2 + digits)}': expected ${digits} hexadecimal digits after "\\${String.fromCharCode(e)}" (a unicode escape like ${e === 117 ? '\\u00E9' : '\\U0001F600'})`);
          }
          const codePoint = Number.parseInt(hex, 16);
          if (codePoint > 0x10ffff) throw this.#error(i, `Invalid input '${text.slice(i, i + 10)}': expected a unicode code point up to \\U0010FFFF`);
          value += String.fromCodePoint(codePoint);
          i += digits;
          break;
        }
        default:
          throw this.#error(i, `Invalid input '${text.slice(i, i + 2)}': expected an escape sequence: \\\\, \\', \\", \\b, \\f, \\n, \\r, \\t, \\uXXXX or \\UXXXXXXXX`);
      }
      i += 2;
      from = i;
    }
    value += text.slice(from, i);
    this.#push('string', value, '', 0, start, i + 1, line, column);
    this.#i = i + 1;
  }

  #symbol(): void {
    const text = this.#text;
    const start = this.#i;
    const next = text.charCodeAt(start + 1);
    let symbol: string | undefined;
    switch (text.charCodeAt(start)) {
      case 61: symbol = next === 126 ? '=~' : '='; break;
      case 60: symbol = next === 62 ? '<>' : next === 61 ? '<=' : '<'; break;
      case 62: symbol = next === 61 ? '>=' : '>'; break;
      case 33: symbol = next === 61 ? '!=' : undefined; break;
      case 46: symbol = next === 46 ? '..' : '.'; break;
      case 43: symbol = next === 61 ? '+=' : '+'; break;
      case 40: symbol = '('; break;
      case 41: symbol = ')'; break;
      case 91: symbol = '['; break;
      case 93: symbol = ']'; break;
      case 123: symbol = '{'; break;
      case 125: symbol = '}'; break;
      case 44: symbol = ','; break;
      case 58: symbol = ':'; break;
      case 124: symbol = '|'; break;
      case 59: symbol = ';'; break;
      case 45: symbol = '-'; break;
      case 42: symbol = '*'; break;
      case 47: symbol = '/'; break;
      case 37: symbol = '%'; break;
      case 94: symbol = '^'; break;
    }
    if (symbol === undefined) {
      const character = String.fromCodePoint(text.codePointAt(start)!);
      throw this.#error(start, `Invalid input '${character}': expected an identifier, a literal, a parameter or one of ( ) [ ] { } , . : | ; = =~ <> < > <= >= + += - * / % ^`);
    }
    this.#push('symbol', symbol, '', 0, start, start + symbol.length, this.#line, this.#column(start));
    this.#i = start + symbol.length;
  }
}
