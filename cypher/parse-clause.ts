/**
 * Clauses and the single queries they make up. The order rules (RETURN last, WITH between
 * an update and a read, ...) are checked by semantic-check.ts, which can name them the
 * way Neo4j does; this file only knows what each clause looks like.
 */
import type { Call, Clause, Expression, Foreach, Merge, Projection, ProjectionItem, RemoveItem, SetItem, SingleQuery, SortItem, YieldItem } from './ast.js';
import { isVariableAt, parseExpression, parsePropertyTarget, parseSymbolicName, parseVariableName } from './parse-expression.js';
import { parsePattern, parsePatternPart } from './parse-pattern.js';
import type { TokenStream } from './token-stream.js';

const clauseLabels = ['MATCH', 'OPTIONAL MATCH', 'UNWIND', 'WITH', 'RETURN', 'CREATE', 'MERGE', 'SET', 'REMOVE', 'DELETE', 'DETACH DELETE', 'FOREACH', 'CALL'];
const updatingClauseLabels = ['CREATE', 'MERGE', 'SET', 'REMOVE', 'DELETE', 'DETACH DELETE', 'FOREACH'];
const sortOrderLabels = ['ASC', 'DESC'];
const mergeActionLabels = ['ON CREATE SET', 'ON MATCH SET'];

export function parseSingleQuery(s: TokenStream): SingleQuery {
  const position = s.current.position;
  const clauses: Clause[] = [];
  for (let clause = parseClause(s, false); clause !== undefined; clause = parseClause(s, false)) clauses.push(clause);
  if (clauses.length === 0) s.fail();
  return { kind: 'SingleQuery', clauses, position };
}

/** The clause at the current token, or undefined (with the clause keywords noted as expected) if none starts there. */
function parseClause(s: TokenStream, updatingOnly: boolean): Clause | undefined {
  const token = s.current;
  const position = token.position;
  if (token.kind === 'identifier') {
    if (!updatingOnly) {
      switch (token.keyword) {
        case 'MATCH':
        case 'OPTIONAL': {
          s.next();
          const optional = token.keyword === 'OPTIONAL';
          if (optional) s.expectKeyword('MATCH');
          const pattern = parsePattern(s);
          return { kind: 'Match', optional, pattern, where: parseWhere(s), position };
        }
        case 'UNWIND': {
          s.next();
          const expression = parseExpression(s);
          s.expectKeyword('AS');
          return { kind: 'Unwind', expression, variable: parseVariableName(s), position };
        }
        case 'WITH': {
          s.next();
          const projection = parseProjection(s);
          return { kind: 'With', projection, where: parseWhere(s), position };
        }
        case 'RETURN':
          s.next();
          return { kind: 'Return', projection: parseProjection(s), position };
        case 'CALL':
          return parseCall(s);
      }
    }
    switch (token.keyword) {
      case 'CREATE':
        s.next();
        return { kind: 'Create', pattern: parsePattern(s), position };
      case 'MERGE':
        return parseMerge(s);
      case 'SET':
        s.next();
        return { kind: 'Set', items: parseSetItems(s), position };
      case 'REMOVE': {
        s.next();
        const items = [parseRemoveItem(s)];
        while (s.acceptSymbol(',')) items.push(parseRemoveItem(s));
        return { kind: 'Remove', items, position };
      }
      case 'DELETE':
      case 'DETACH': {
        s.next();
        const detach = token.keyword === 'DETACH';
        if (detach) s.expectKeyword('DELETE');
        const expressions = [parseExpression(s)];
        while (s.acceptSymbol(',')) expressions.push(parseExpression(s));
        return { kind: 'Delete', detach, expressions, position };
      }
      case 'FOREACH':
        return parseForeach(s);
    }
  }
  s.noteAll(updatingOnly ? updatingClauseLabels : clauseLabels);
  return undefined;
}

function parseWhere(s: TokenStream): Expression | undefined {
  return s.acceptKeyword('WHERE') ? parseExpression(s) : undefined;
}

function parseProjection(s: TokenStream): Projection {
  const distinct = s.acceptKeyword('DISTINCT');
  const star = s.acceptSymbol('*');
  const items: ProjectionItem[] = [];
  if (!star || s.acceptSymbol(',')) {
    do items.push(parseProjectionItem(s));
    while (s.acceptSymbol(','));
  }
  let orderBy: SortItem[] | undefined;
  if (s.acceptKeyword('ORDER', 'ORDER BY')) {
    s.expectKeyword('BY');
    orderBy = [];
    do orderBy.push(parseSortItem(s));
    while (s.acceptSymbol(','));
  }
  const skip = s.acceptKeyword('SKIP') ? parseExpression(s) : undefined;
  const limit = s.acceptKeyword('LIMIT') ? parseExpression(s) : undefined;
  return { distinct, star, items, orderBy, skip, limit };
}

function parseProjectionItem(s: TokenStream): ProjectionItem {
  const start = s.current.offset;
  const expression = parseExpression(s);
  const text = s.text.slice(start, s.lastEnd);
  const alias = s.acceptKeyword('AS') ? parseVariableName(s) : undefined;
  return { expression, alias, text };
}

function parseSortItem(s: TokenStream): SortItem {
  const expression = parseExpression(s);
  switch (s.current.keyword) {
    case 'DESC':
    case 'DESCENDING':
      s.next();
      return { expression, descending: true };
    case 'ASC':
    case 'ASCENDING':
      s.next();
      return { expression, descending: false };
  }
  s.noteAll(sortOrderLabels);
  return { expression, descending: false };
}

function parseMerge(s: TokenStream): Merge {
  const position = s.next().position;
  const part = parsePatternPart(s);
  const onCreate: SetItem[] = [];
  const onMatch: SetItem[] = [];
  while (s.current.keyword === 'ON') {
    s.next();
    let target = onCreate;
    if (!s.acceptKeyword('CREATE')) {
      s.expectKeyword('MATCH');
      target = onMatch;
    }
    s.expectKeyword('SET');
    target.push(...parseSetItems(s));
  }
  s.noteAll(mergeActionLabels);
  return { kind: 'Merge', part, onCreate, onMatch, position };
}

function parseSetItems(s: TokenStream): SetItem[] {
  const items = [parseSetItem(s)];
  while (s.acceptSymbol(',')) items.push(parseSetItem(s));
  return items;
}

function parseSetItem(s: TokenStream): SetItem {
  const position = s.current.position;
  if (isVariableAt(s, 0)) {
    if (s.isSymbol('=', 1) || s.isSymbol('+=', 1)) {
      const variable = s.next().text;
      const merge = s.next().text === '+=';
      return { kind: 'SetVariable', variable, value: parseExpression(s), merge, position };
    }
    if (s.isSymbol(':', 1)) {
      const variable = s.next().text;
      return { kind: 'SetLabels', variable, labels: parseLabels(s), position };
    }
  }
  const property = parsePropertyTarget(s);
  if (property.kind !== 'Property') {
    s.noteAll(['.', '=', '+=', ':']);
    s.fail();
  }
  s.expectSymbol('=');
  return { kind: 'SetProperty', target: property.object, key: property.key, value: parseExpression(s), position };
}

function parseRemoveItem(s: TokenStream): RemoveItem {
  const position = s.current.position;
  if (isVariableAt(s, 0) && s.isSymbol(':', 1)) {
    const variable = s.next().text;
    return { kind: 'RemoveLabels', variable, labels: parseLabels(s), position };
  }
  const property = parsePropertyTarget(s);
  if (property.kind !== 'Property') {
    s.noteAll(['.', ':']);
    s.fail();
  }
  return { kind: 'RemoveProperty', target: property.object, key: property.key, position };
}

/** `:A:B` */
function parseLabels(s: TokenStream): string[] {
  const labels: string[] = [];
  while (s.acceptSymbol(':')) labels.push(parseSymbolicName(s, 'a label name'));
  return labels;
}

function parseForeach(s: TokenStream): Foreach {
  const position = s.next().position;
  s.expectSymbol('(');
  const variable = parseVariableName(s);
  s.expectKeyword('IN');
  const list = parseExpression(s);
  s.expectSymbol('|');
  const clauses: Clause[] = [];
  for (let clause = parseClause(s, true); clause !== undefined; clause = parseClause(s, true)) clauses.push(clause);
  if (clauses.length === 0) s.fail();
  s.expectSymbol(')');
  return { kind: 'Foreach', variable, list, clauses, position };
}

function parseCall(s: TokenStream): Call {
  const position = s.next().position;
  let procedure = parseSymbolicName(s, 'a procedure name');
  while (s.acceptSymbol('.')) procedure += `.${parseSymbolicName(s, 'a procedure name')}`;
  let args: Expression[] | undefined;
  if (s.acceptSymbol('(')) {
    args = [];
    if (!s.acceptSymbol(')')) {
      do args.push(parseExpression(s));
      while (s.acceptSymbol(','));
      s.expectSymbol(')');
    }
  }
  if (!s.acceptKeyword('YIELD')) return { kind: 'Call', procedure, args, yield: undefined, where: undefined, position };
  let yieldItems: YieldItem[] | '*';
  if (s.acceptSymbol('*')) {
    yieldItems = '*';
  } else {
    yieldItems = [];
    do {
      const name = parseSymbolicName(s, 'a procedure output name');
      yieldItems.push({ name, alias: s.acceptKeyword('AS') ? parseVariableName(s) : undefined });
    } while (s.acceptSymbol(','));
  }
  return { kind: 'Call', procedure, args, yield: yieldItems, where: parseWhere(s), position };
}
