/**
 * Patterns: `p = (a:Person {name: $n})-[r:KNOWS|LIKES*1..3 {since: 2020}]->(b)`, ...
 *
 * Arrows are read from the single-character tokens `<`, `-` and `>` (the lexer does not
 * join them), so `<--`, `-->`, `<-->`, `--` and spaced forms such as `< -` all work.
 */
import type { Expression, NodePattern, PatternPart, RelationshipPattern } from './ast.js';
import { isVariableAt, parseMapLiteral, parseSymbolicName } from './parse-expression.js';
import type { TokenStream } from './token-stream.js';

export function parsePattern(s: TokenStream): PatternPart[] {
  const parts = [parsePatternPart(s)];
  while (s.acceptSymbol(',')) parts.push(parsePatternPart(s));
  return parts;
}

export function parsePatternPart(s: TokenStream): PatternPart {
  const position = s.current.position;
  let pathVariable: string | undefined;
  if (isVariableAt(s, 0) && s.isSymbol('=', 1)) {
    pathVariable = s.next().text;
    s.next();
  }
  const nodes = [parseNodePattern(s)];
  const relationships: RelationshipPattern[] = [];
  while (s.isSymbol('-') || s.isSymbol('<')) {
    relationships.push(parseRelationshipPattern(s));
    nodes.push(parseNodePattern(s));
  }
  s.note('a relationship pattern');
  return { kind: 'PatternPart', pathVariable, nodes, relationships, position };
}

function parseNodePattern(s: TokenStream): NodePattern {
  const open = s.expectSymbol('(');
  let variable: string | undefined;
  if (isVariableAt(s, 0)) variable = s.next().text;
  else s.note('a variable name');
  const labels: string[] = [];
  while (s.acceptSymbol(':')) labels.push(parseSymbolicName(s, 'a label name'));
  const properties = parseProperties(s);
  s.expectSymbol(')');
  return { kind: 'NodePattern', variable, labels, properties, position: open.position };
}

function parseProperties(s: TokenStream): Expression | undefined {
  if (s.isSymbol('{')) return parseMapLiteral(s);
  const token = s.current;
  if (token.kind === 'parameter') {
    s.next();
    return { kind: 'Parameter', name: token.text, position: token.position };
  }
  s.note('a property map');
  s.note('a parameter');
  return undefined;
}

function parseRelationshipPattern(s: TokenStream): RelationshipPattern {
  const start = s.current;
  const incoming = s.acceptSymbol('<');
  s.expectSymbol('-');
  let variable: string | undefined;
  const types: string[] = [];
  let length: RelationshipPattern['length'];
  let properties: Expression | undefined;
  if (s.acceptSymbol('[')) {
    if (isVariableAt(s, 0)) variable = s.next().text;
    else s.note('a variable name');
    if (s.acceptSymbol(':')) {
      types.push(parseSymbolicName(s, 'a relationship type name'));
      while (s.acceptSymbol('|')) {
        s.acceptSymbol(':');
        types.push(parseSymbolicName(s, 'a relationship type name'));
      }
    }
    if (s.acceptSymbol('*')) length = parseLength(s);
    properties = parseProperties(s);
    s.expectSymbol(']');
  }
  s.expectSymbol('-');
  const outgoing = s.acceptSymbol('>');
  const direction = incoming === outgoing ? 'both' : incoming ? 'incoming' : 'outgoing';
  return { kind: 'RelationshipPattern', variable, types, direction, properties, length, position: start.position };
}

/** After `*`: nothing, `2`, `1..3`, `..3`, `2..` or `..`. */
function parseLength(s: TokenStream): { min: number | undefined; max: number | undefined } {
  const min = parseHops(s);
  if (!s.acceptSymbol('..')) return { min, max: min };
  return { min, max: parseHops(s) };
}

function parseHops(s: TokenStream): number | undefined {
  const token = s.current;
  if (token.kind !== 'integer') {
    s.note('an integer');
    return undefined;
  }
  s.next();
  const hops = token.number as bigint;
  if (hops > BigInt(Number.MAX_SAFE_INTEGER)) throw s.syntaxError('integer is too large', token.position);
  return Number(hops);
}
