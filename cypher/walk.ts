import type { Clause, Expression, PatternPart, RemoveItem, SetItem } from './ast.js';

/**
 * Calls `visit` on `expression` and on every expression inside it, outer before inner and
 * left before right. When `visit` returns false the expressions inside that one are
 * skipped. Iterative, so that ten thousand ORs in a row do not exhaust the stack.
 */
export function walkExpression(expression: Expression, visit: (expression: Expression) => boolean | void): void {
  const pending: Expression[] = [expression];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (visit(next) === false) continue;
    // Children are pushed last first, so that they pop in written order.
    switch (next.kind) {
      case 'Literal':
      case 'Parameter':
      case 'Variable':
      case 'CountStar':
        break;
      case 'List':
        pushReversed(pending, next.items);
        break;
      case 'Map':
        for (let i = next.entries.length - 1; i >= 0; i--) pending.push(next.entries[i]!.value);
        break;
      case 'Property':
        pending.push(next.object);
        break;
      case 'Binary':
        pending.push(next.right, next.left);
        break;
      case 'Unary':
      case 'IsNull':
        pending.push(next.operand);
        break;
      case 'Index':
        pending.push(next.index, next.object);
        break;
      case 'Slice':
        if (next.to !== undefined) pending.push(next.to);
        if (next.from !== undefined) pending.push(next.from);
        pending.push(next.object);
        break;
      case 'FunctionCall':
        pushReversed(pending, next.args);
        break;
      case 'Case':
        if (next.else !== undefined) pending.push(next.else);
        for (let i = next.alternatives.length - 1; i >= 0; i--) pending.push(next.alternatives[i]!.then, next.alternatives[i]!.when);
        if (next.subject !== undefined) pending.push(next.subject);
        break;
      case 'ListComprehension':
        if (next.map !== undefined) pending.push(next.map);
        if (next.where !== undefined) pending.push(next.where);
        pending.push(next.list);
        break;
      case 'MapProjection':
        for (let i = next.items.length - 1; i >= 0; i--) {
          const item = next.items[i]!;
          if (item.kind === 'LiteralEntry') pending.push(item.value);
        }
        break;
    }
  }
}

function pushReversed(pending: Expression[], items: readonly Expression[]): void {
  for (let i = items.length - 1; i >= 0; i--) pending.push(items[i]!);
}

/**
 * Calls `visit` on every expression written directly in `clause` (property maps of its
 * patterns, WHERE, projection items, ORDER BY, SKIP, LIMIT, SET values, arguments, ...),
 * and in the clauses inside a FOREACH. Expressions inside those are reached with walkExpression.
 */
export function forEachClauseExpression(clause: Clause, visit: (expression: Expression) => void): void {
  switch (clause.kind) {
    case 'Match':
      for (const part of clause.pattern) patternExpressions(part, visit);
      if (clause.where !== undefined) visit(clause.where);
      return;
    case 'Unwind':
      visit(clause.expression);
      return;
    case 'With':
    case 'Return': {
      const projection = clause.projection;
      for (const item of projection.items) visit(item.expression);
      if (projection.orderBy !== undefined) for (const sort of projection.orderBy) visit(sort.expression);
      if (projection.skip !== undefined) visit(projection.skip);
      if (projection.limit !== undefined) visit(projection.limit);
      if (clause.kind === 'With' && clause.where !== undefined) visit(clause.where);
      return;
    }
    case 'Create':
      for (const part of clause.pattern) patternExpressions(part, visit);
      return;
    case 'Merge':
      patternExpressions(clause.part, visit);
      for (const item of clause.onCreate) setItemExpressions(item, visit);
      for (const item of clause.onMatch) setItemExpressions(item, visit);
      return;
    case 'Set':
      for (const item of clause.items) setItemExpressions(item, visit);
      return;
    case 'Remove':
      for (const item of clause.items) removeItemExpressions(item, visit);
      return;
    case 'Delete':
      for (const expression of clause.expressions) visit(expression);
      return;
    case 'Foreach':
      visit(clause.list);
      for (const inner of clause.clauses) forEachClauseExpression(inner, visit);
      return;
    case 'Call':
      if (clause.args !== undefined) for (const arg of clause.args) visit(arg);
      if (clause.where !== undefined) visit(clause.where);
      return;
  }
}

function patternExpressions(part: PatternPart, visit: (expression: Expression) => void): void {
  for (const node of part.nodes) if (node.properties !== undefined) visit(node.properties);
  for (const relationship of part.relationships) if (relationship.properties !== undefined) visit(relationship.properties);
}

function setItemExpressions(item: SetItem, visit: (expression: Expression) => void): void {
  if (item.kind === 'SetProperty') {
    visit(item.target);
    visit(item.value);
  } else if (item.kind === 'SetVariable') {
    visit(item.value);
  }
}

function removeItemExpressions(item: RemoveItem, visit: (expression: Expression) => void): void {
  if (item.kind === 'RemoveProperty') visit(item.target);
}
