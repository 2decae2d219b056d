import type { Position } from './ast.js';
import { CypherError } from './cypher-error.js';
import type { Token } from './lexer.js';

const SYNTAX = 'Neo.ClientError.Statement.SyntaxError';

/**
 * The parser's cursor over the tokens of one statement.
 *
 * Syntax errors list what would have been accepted: every `accept*` that fails records
 * its label for the current token, and `fail()` reports the labels recorded for the
 * token it stops at. The parser never backtracks, so those are exactly the
 * alternatives tried there. Labels starting with a lower-case letter are descriptions
 * ("an expression"); everything else is quoted ("RETURN", "(").
 */
export class TokenStream {
  readonly text: string;
  /** How deeply brackets are nested at the current token (see maxNesting). */
  depth = 0;
  readonly #tokens: readonly Token[];
  #index = 0;
  #expectedAt = -1;
  readonly #expected: string[] = [];

  constructor(text: string, tokens: readonly Token[]) {
    this.text = text;
    this.#tokens = tokens;
  }

  get current(): Token {
    return this.#tokens[this.#index]!;
  }

  /** The token `k` places ahead (the 'end' token when past the end). */
  peek(k: number): Token {
    const tokens = this.#tokens;
    return tokens[Math.min(this.#index + k, tokens.length - 1)]!;
  }

  /** Where the last consumed token ends: the end of a construct just parsed. */
  get lastEnd(): number {
    return this.#index === 0 ? 0 : this.#tokens[this.#index - 1]!.end;
  }

  get atEnd(): boolean {
    return this.current.kind === 'end';
  }

  next(): Token {
    const token = this.#tokens[this.#index]!;
    if (token.kind !== 'end') this.#index++;
    return token;
  }

  isSymbol(symbol: string, k = 0): boolean {
    const token = this.peek(k);
    return token.kind === 'symbol' && token.text === symbol;
  }

  isKeyword(keyword: string, k = 0): boolean {
    return this.peek(k).keyword === keyword;
  }

  acceptSymbol(symbol: string): boolean {
    const token = this.current;
    if (token.kind === 'symbol' && token.text === symbol) {
      this.#index++;
      return true;
    }
    this.note(symbol);
    return false;
  }

  acceptKeyword(keyword: string, label: string = keyword): boolean {
    if (this.current.keyword === keyword) {
      this.#index++;
      return true;
    }
    this.note(label);
    return false;
  }

  expectSymbol(symbol: string): Token {
    const token = this.current;
    if (!this.acceptSymbol(symbol)) this.fail();
    return token;
  }

  expectKeyword(keyword: string, label: string = keyword): Token {
    const token = this.current;
    if (!this.acceptKeyword(keyword, label)) this.fail();
    return token;
  }

  /** Records that `label` would have been accepted at the current token. */
  note(label: string): void {
    if (this.#index !== this.#expectedAt) {
      this.#expectedAt = this.#index;
      this.#expected.length = 0;
    }
    this.#expected.push(label);
  }

  noteAll(labels: readonly string[]): void {
    for (const label of labels) this.note(label);
  }

  /** A syntax error at the current token listing what was expected there. */
  fail(): never {
    const token = this.current;
    const found = token.kind === 'end' ? 'Unexpected end of input' : `Invalid input '${this.text.slice(token.offset, token.end)}'`;
    const expected = this.#expectedAt === this.#index ? describeExpected(this.#expected) : '';
    throw new CypherError(SYNTAX, expected === '' ? found : `${found}: expected ${expected}`, token.position, this.text);
  }

  syntaxError(description: string, position: Position): CypherError {
    return new CypherError(SYNTAX, description, position, this.text);
  }

  semanticError(description: string, position: Position): CypherError {
    return new CypherError('Neo.ClientError.Statement.SemanticError', description, position, this.text);
  }
}

function describeExpected(labels: readonly string[]): string {
  const unique = [...new Set(labels)].map((label) => (/^[a-z]/.test(label) ? label : `"${label}"`));
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}
