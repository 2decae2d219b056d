/**
 * Expressions, by recursive descent with one function per precedence level, loosest first:
 *
 *   OR < XOR < AND < NOT < comparison (= <> < <= > >=, chained: a < b < c is a < b AND b < c)
 *   < IN, STARTS WITH, ENDS WITH, CONTAINS, =~, IS [NOT] NULL < + - < * / % < ^ (left to right)
 *   < unary + - < postfix (.key, [index], [from..to], :Label) < atoms
 *
 * A label test `n:A:B` has no node of its own in the AST; it is written as
 * `'A' IN labels(n) AND 'B' IN labels(n)`, which has the same null semantics.
 */
import type { BinaryOperator, Expression, MapProjectionItem, Position } from './ast.js';
import type { Token } from './lexer.js';
import type { TokenStream } from './token-stream.js';

/**
 * How deeply expressions may nest (brackets, NOT, signs, property lookups and indexes each
 * count one level) before the statement is refused, rather than overflow the stack here
 * or in whoever walks the tree later.
 */
export const maxNesting = 500;

/**
 * Words that cannot name a variable or a function without backticks, because they start
 * or continue clauses and expressions. Any word may name a label, a type or a property.
 */
const reservedWords: ReadonlySet<string> = new Set([
  'AND', 'AS', 'ASC', 'ASCENDING', 'BY', 'CALL', 'CASE', 'CONTAINS', 'CREATE', 'DELETE', 'DESC',
  'DESCENDING', 'DETACH', 'DISTINCT', 'ELSE', 'END', 'ENDS', 'FALSE', 'FOREACH', 'IN', 'IS', 'LIMIT',
  'MATCH', 'MERGE', 'NOT', 'NULL', 'ON', 'OPTIONAL', 'OR', 'ORDER', 'REMOVE', 'RETURN', 'SET', 'SKIP',
  'STARTS', 'THEN', 'TRUE', 'UNION', 'UNWIND', 'WHEN', 'WHERE', 'WITH', 'XOR', 'YIELD',
]);

const maxInteger = (1n << 63n) - 1n;

/** Whether the token `k` ahead can be a variable name. */
export function isVariableAt(s: TokenStream, k: number): boolean {
  const token = s.peek(k);
  return token.kind === 'quotedIdentifier' || (token.kind === 'identifier' && !reservedWords.has(token.keyword));
}

export function parseVariableName(s: TokenStream): string {
  if (isVariableAt(s, 0)) return s.next().text;
  s.note('a variable name');
  return s.fail();
}

/** A label, relationship type, property key or map key: any word, keywords included. */
export function parseSymbolicName(s: TokenStream, label: string): string {
  const token = s.current;
  if (token.kind === 'identifier' || token.kind === 'quotedIdentifier') return s.next().text;
  s.note(label);
  return s.fail();
}

export function parseExpression(s: TokenStream): Expression {
  const expression = parseOr(s);
  s.note('an operator');
  return expression;
}

function binary(operator: BinaryOperator, left: Expression, right: Expression, position: Position): Expression {
  return { kind: 'Binary', operator, left, right, position };
}

function parseOr(s: TokenStream): Expression {
  let left = parseXor(s);
  while (s.current.keyword === 'OR') {
    const position = s.next().position;
    left = binary('OR', left, parseXor(s), position);
  }
  return left;
}

function parseXor(s: TokenStream): Expression {
  let left = parseAnd(s);
  while (s.current.keyword === 'XOR') {
    const position = s.next().position;
    left = binary('XOR', left, parseAnd(s), position);
  }
  return left;
}

function parseAnd(s: TokenStream): Expression {
  let left = parseNot(s);
  while (s.current.keyword === 'AND') {
    const position = s.next().position;
    left = binary('AND', left, parseNot(s), position);
  }
  return left;
}

function parseNot(s: TokenStream): Expression {
  if (s.current.keyword === 'NOT') {
    enter(s);
    const position = s.next().position;
    const operand = parseNot(s);
    leave(s);
    return { kind: 'Unary', operator: 'NOT', operand, position };
  }
  return parseComparison(s);
}

function comparisonOperator(token: Token): BinaryOperator | '!=' | undefined {
  if (token.kind !== 'symbol') return undefined;
  switch (token.text) {
    case '=': case '<>': case '<': case '<=': case '>': case '>=': case '!=':
      return token.text;
    default:
      return undefined;
  }
}

function parseComparison(s: TokenStream): Expression {
  const first = parsePredicates(s);
  let operator = comparisonOperator(s.current);
  if (operator === undefined) return first;
  let result: Expression | undefined;
  let left = first;
  while (operator !== undefined) {
    const token = s.next();
    if (operator === '!=') {
      throw s.syntaxError("Unknown operation '!=' (you probably meant to use '<>', which is the operator for inequality testing)", token.position);
    }
    const right = parsePredicates(s);
    const comparison = binary(operator, left, right, token.position);
    result = result === undefined ? comparison : binary('AND', result, comparison, token.position);
    left = right;
    operator = comparisonOperator(s.current);
  }
  return result!;
}

function parsePredicates(s: TokenStream): Expression {
  let left = parseAdditive(s);
  for (;;) {
    const token = s.current;
    switch (token.keyword) {
      case 'IN':
        s.next();
        left = binary('IN', left, parseAdditive(s), token.position);
        continue;
      case 'CONTAINS':
        s.next();
        left = binary('CONTAINS', left, parseAdditive(s), token.position);
        continue;
      case 'STARTS':
        s.next();
        s.expectKeyword('WITH');
        left = binary('STARTS WITH', left, parseAdditive(s), token.position);
        continue;
      case 'ENDS':
        s.next();
        s.expectKeyword('WITH');
        left = binary('ENDS WITH', left, parseAdditive(s), token.position);
        continue;
      case 'IS': {
        s.next();
        const negated = s.acceptKeyword('NOT');
        s.expectKeyword('NULL');
        left = { kind: 'IsNull', operand: left, negated, position: token.position };
        continue;
      }
    }
    if (s.isSymbol('=~')) {
      s.next();
      left = binary('=~', left, parseAdditive(s), token.position);
      continue;
    }
    return left;
  }
}

function parseAdditive(s: TokenStream): Expression {
  let left = parseMultiplicative(s);
  for (;;) {
    const token = s.current;
    if (token.kind !== 'symbol' || (token.text !== '+' && token.text !== '-')) return left;
    s.next();
    left = binary(token.text, left, parseMultiplicative(s), token.position);
  }
}

function parseMultiplicative(s: TokenStream): Expression {
  let left = parsePower(s);
  for (;;) {
    const token = s.current;
    if (token.kind !== 'symbol' || (token.text !== '*' && token.text !== '/' && token.text !== '%')) return left;
    s.next();
    left = binary(token.text, left, parsePower(s), token.position);
  }
}

function parsePower(s: TokenStream): Expression {
  let left = parseUnary(s);
  while (s.isSymbol('^')) {
    const position = s.next().position;
    left = binary('^', left, parseUnary(s), position);
  }
  return left;
}

function parseUnary(s: TokenStream): Expression {
  const token = s.current;
  if (token.kind === 'symbol' && (token.text === '-' || token.text === '+')) {
    enter(s);
    s.next();
    const number = s.current;
    let expression: Expression;
    // A minus sign directly applied to a number is part of the literal, so that
    // -9223372036854775808 is an integer and not the negation of one too large.
    if (token.text === '-' && (number.kind === 'integer' || number.kind === 'float')) {
      s.next();
      expression = parsePostfix(s, numberLiteral(s, number, true, token.position));
    } else {
      expression = { kind: 'Unary', operator: token.text, operand: parseUnary(s), position: token.position };
    }
    leave(s);
    return expression;
  }
  return parsePostfix(s, parseAtom(s));
}

function numberLiteral(s: TokenStream, token: Token, negative: boolean, position: Position): Expression {
  if (token.kind === 'float') {
    const value = token.number as number;
    return { kind: 'Literal', value: negative ? -value : value, position };
  }
  const magnitude = token.number as bigint;
  if (magnitude > (negative ? maxInteger + 1n : maxInteger)) throw s.syntaxError('integer is too large', position);
  return { kind: 'Literal', value: negative ? -magnitude : magnitude, position };
}

/** An atom followed by property lookups and indexes, without operators: the target of SET and REMOVE. */
export function parsePropertyTarget(s: TokenStream): Expression {
  return parsePostfix(s, parseAtom(s), false);
}

/**
 * Each lookup or index nests the tree one level deeper (`n.a.b` is Property(Property(n)));
 * they count towards maxNesting like brackets, so that the tree's depth stays bounded.
 */
function parsePostfix(s: TokenStream, atom: Expression, labelTests = true): Expression {
  let expression = atom;
  const depth = s.depth;
  for (;;) {
    const token = s.current;
    if (token.kind !== 'symbol') break;
    if (token.text === '.') {
      enter(s);
      s.next();
      expression = { kind: 'Property', object: expression, key: parseSymbolicName(s, 'a property key name'), position: expression.position };
    } else if (token.text === '[') {
      enter(s);
      s.next();
      expression = parseIndexOrSlice(s, expression);
    } else {
      if (token.text === ':' && labelTests) expression = parseLabelTest(s, expression);
      break;
    }
  }
  s.depth = depth;
  return expression;
}

function parseIndexOrSlice(s: TokenStream, object: Expression): Expression {
  let result: Expression;
  if (s.acceptSymbol('..')) {
    const to = s.isSymbol(']') ? undefined : parseExpression(s);
    result = { kind: 'Slice', object, from: undefined, to, position: object.position };
  } else {
    const index = parseExpression(s);
    if (s.acceptSymbol('..')) {
      const to = s.isSymbol(']') ? undefined : parseExpression(s);
      result = { kind: 'Slice', object, from: index, to, position: object.position };
    } else {
      result = { kind: 'Index', object, index, position: object.position };
    }
  }
  s.expectSymbol(']');
  return result;
}

function parseLabelTest(s: TokenStream, object: Expression): Expression {
  let result: Expression | undefined;
  while (s.isSymbol(':')) {
    const position = s.next().position;
    const label: Expression = { kind: 'Literal', value: parseSymbolicName(s, 'a label name'), position };
    const labels: Expression = { kind: 'FunctionCall', name: 'labels', distinct: false, args: [object], position };
    const test = binary('IN', label, labels, position);
    result = result === undefined ? test : binary('AND', result, test, position);
  }
  return result!;
}

function enter(s: TokenStream): void {
  if (++s.depth > maxNesting) throw s.syntaxError(`Invalid input '${s.text.slice(s.current.offset, s.current.end)}': expressions may nest at most ${maxNesting} levels deep; split the statement or pass the value as a parameter`, s.current.position);
}

function leave(s: TokenStream): void {
  s.depth--;
}

function parseAtom(s: TokenStream): Expression {
  const token = s.current;
  switch (token.kind) {
    case 'integer':
    case 'float':
      s.next();
      return numberLiteral(s, token, false, token.position);
    case 'string':
      s.next();
      return { kind: 'Literal', value: token.text, position: token.position };
    case 'parameter':
      s.next();
      return { kind: 'Parameter', name: token.text, position: token.position };
    case 'symbol':
      if (token.text === '(') return parseParenthesized(s);
      if (token.text === '[') return parseListOrComprehension(s);
      if (token.text === '{') return parseMapLiteral(s);
      break;
    case 'identifier':
      switch (token.keyword) {
        case 'TRUE':
          s.next();
          return { kind: 'Literal', value: true, position: token.position };
        case 'FALSE':
          s.next();
          return { kind: 'Literal', value: false, position: token.position };
        case 'NULL':
          s.next();
          return { kind: 'Literal', value: null, position: token.position };
        case 'CASE':
          return parseCase(s);
        case 'COUNT':
          if (s.isSymbol('(', 1) && s.isSymbol('*', 2) && s.isSymbol(')', 3)) {
            s.next(); s.next(); s.next(); s.next();
            return { kind: 'CountStar', position: token.position };
          }
          break;
      }
      if (reservedWords.has(token.keyword)) break;
      return parseNameAtom(s);
    case 'quotedIdentifier':
      return parseNameAtom(s);
    case 'end':
      break;
  }
  s.note('an expression');
  return s.fail();
}

function parseParenthesized(s: TokenStream): Expression {
  enter(s);
  s.next();
  const expression = parseExpression(s);
  s.expectSymbol(')');
  leave(s);
  return expression;
}

/** A variable, a map projection `v {...}` or a function call `name(...)` / `ns.name(...)`. */
function parseNameAtom(s: TokenStream): Expression {
  let k = 0;
  while (s.isSymbol('.', k + 1) && (s.peek(k + 2).kind === 'identifier' || s.peek(k + 2).kind === 'quotedIdentifier')) k += 2;
  if (s.isSymbol('(', k + 1)) return parseFunctionCall(s);
  const token = s.next();
  if (s.isSymbol('{')) return parseMapProjection(s, token);
  return { kind: 'Variable', name: token.text, position: token.position };
}

function parseFunctionCall(s: TokenStream): Expression {
  const first = s.next();
  let name = first.text;
  while (s.acceptSymbol('.')) name += `.${s.next().text}`;
  enter(s);
  s.expectSymbol('(');
  const distinct = s.acceptKeyword('DISTINCT');
  const args: Expression[] = [];
  if (!s.acceptSymbol(')')) {
    do args.push(parseExpression(s));
    while (s.acceptSymbol(','));
    s.expectSymbol(')');
  }
  leave(s);
  return { kind: 'FunctionCall', name, distinct, args, position: first.position };
}

function parseMapProjection(s: TokenStream, variable: Token): Expression {
  enter(s);
  s.next();
  const items: MapProjectionItem[] = [];
  if (!s.acceptSymbol('}')) {
    do items.push(parseMapProjectionItem(s));
    while (s.acceptSymbol(','));
    s.expectSymbol('}');
  }
  leave(s);
  return { kind: 'MapProjection', variable: variable.text, items, position: variable.position };
}

function parseMapProjectionItem(s: TokenStream): MapProjectionItem {
  if (s.acceptSymbol('.')) {
    if (s.acceptSymbol('*')) return { kind: 'AllProperties' };
    return { kind: 'PropertySelector', key: parseSymbolicName(s, 'a property key name') };
  }
  const kind = s.current.kind;
  if ((kind === 'identifier' || kind === 'quotedIdentifier') && s.isSymbol(':', 1)) {
    const key = parseSymbolicName(s, 'a property key name');
    s.next();
    return { kind: 'LiteralEntry', key, value: parseExpression(s) };
  }
  return { kind: 'VariableSelector', name: parseVariableName(s) };
}

function parseListOrComprehension(s: TokenStream): Expression {
  enter(s);
  const open = s.next();
  let result: Expression;
  if (isVariableAt(s, 0) && s.isKeyword('IN', 1)) {
    const variable = s.next().text;
    s.next();
    const list = parseExpression(s);
    const where = s.acceptKeyword('WHERE') ? parseExpression(s) : undefined;
    const map = s.acceptSymbol('|') ? parseExpression(s) : undefined;
    s.expectSymbol(']');
    result = { kind: 'ListComprehension', variable, list, where, map, position: open.position };
  } else {
    const items: Expression[] = [];
    if (!s.acceptSymbol(']')) {
      do items.push(parseExpression(s));
      while (s.acceptSymbol(','));
      s.expectSymbol(']');
    }
    result = { kind: 'List', items, position: open.position };
  }
  leave(s);
  return result;
}

/** `{key: value, ...}`; also the property map of a node or relationship pattern. */
export function parseMapLiteral(s: TokenStream): Expression {
  enter(s);
  const open = s.expectSymbol('{');
  const first = s.current.kind;
  if ((first === 'identifier' || first === 'quotedIdentifier') && s.isSymbol('}', 1)) {
    throw s.syntaxError('The old parameter syntax `{param}` is no longer supported. Please use `$param` instead', open.position);
  }
  const entries: { key: string; value: Expression }[] = [];
  if (!s.acceptSymbol('}')) {
    do {
      const key = parseSymbolicName(s, 'a property key name');
      s.expectSymbol(':');
      entries.push({ key, value: parseExpression(s) });
    } while (s.acceptSymbol(','));
    s.expectSymbol('}');
  }
  leave(s);
  return { kind: 'Map', entries, position: open.position };
}

function parseCase(s: TokenStream): Expression {
  enter(s);
  const start = s.next();
  const subject = s.isKeyword('WHEN') ? undefined : parseExpression(s);
  const alternatives: { when: Expression; then: Expression }[] = [];
  s.expectKeyword('WHEN');
  do {
    const when = parseExpression(s);
    s.expectKeyword('THEN');
    alternatives.push({ when, then: parseExpression(s) });
  } while (s.acceptKeyword('WHEN'));
  const otherwise = s.acceptKeyword('ELSE') ? parseExpression(s) : undefined;
  s.expectKeyword('END');
  leave(s);
  return { kind: 'Case', subject, alternatives, else: otherwise, position: start.position };
}
