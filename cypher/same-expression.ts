import type { Expression, MapProjectionItem } from './ast.js';

/**
 * Whether two expressions are the same computation, ignoring where they were written:
 * `ORDER BY count(*)` after `RETURN n.x, count(*)` sorts by the projected column.
 * Function names compare case-insensitively, as Cypher resolves them.
 */
export function sameExpression(a: Expression, b: Expression): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case 'Literal':
      return b.kind === 'Literal' && a.value === b.value;
    case 'Parameter':
      return b.kind === 'Parameter' && a.name === b.name;
    case 'Variable':
      return b.kind === 'Variable' && a.name === b.name;
    case 'CountStar':
      return b.kind === 'CountStar';
    case 'List':
      return b.kind === 'List' && sameList(a.items, b.items);
    case 'Map':
      return (
        b.kind === 'Map' &&
        a.entries.length === b.entries.length &&
        a.entries.every((entry, i) => entry.key === b.entries[i]!.key && sameExpression(entry.value, b.entries[i]!.value))
      );
    case 'Property':
      return b.kind === 'Property' && a.key === b.key && sameExpression(a.object, b.object);
    case 'Binary':
      return b.kind === 'Binary' && a.operator === b.operator && sameExpression(a.left, b.left) && sameExpression(a.right, b.right);
    case 'Unary':
      return b.kind === 'Unary' && a.operator === b.operator && sameExpression(a.operand, b.operand);
    case 'IsNull':
      return b.kind === 'IsNull' && a.negated === b.negated && sameExpression(a.operand, b.operand);
    case 'Index':
      return b.kind === 'Index' && sameExpression(a.object, b.object) && sameExpression(a.index, b.index);
    case 'Slice':
      return b.kind === 'Slice' && sameExpression(a.object, b.object) && sameOptional(a.from, b.from) && sameOptional(a.to, b.to);
    case 'FunctionCall':
      return (
        b.kind === 'FunctionCall' &&
        a.distinct === b.distinct &&
        a.name.toLowerCase() === b.name.toLowerCase() &&
        sameList(a.args, b.args)
      );
    case 'Case':
      return (
        b.kind === 'Case' &&
        sameOptional(a.subject, b.subject) &&
        sameOptional(a.else, b.else) &&
        a.alternatives.length === b.alternatives.length &&
        a.alternatives.every((alternative, i) => sameExpression(alternative.when, b.alternatives[i]!.when) && sameExpression(alternative.then, b.alternatives[i]!.then))
      );
    case 'ListComprehension':
      return (
        b.kind === 'ListComprehension' &&
        a.variable === b.variable &&
        sameExpression(a.list, b.list) &&
        sameOptional(a.where, b.where) &&
        sameOptional(a.map, b.map)
      );
    case 'MapProjection':
      return (
        b.kind === 'MapProjection' &&
        a.variable === b.variable &&
        a.items.length === b.items.length &&
        a.items.every((item, i) => sameItem(item, b.items[i]!))
      );
  }
}

function sameList(a: readonly Expression[], b: readonly Expression[]): boolean {
  return a.length === b.length && a.every((item, i) => sameExpression(item, b[i]!));
}

function sameOptional(a: Expression | undefined, b: Expression | undefined): boolean {
  return a === undefined || b === undefined ? a === b : sameExpression(a, b);
}

function sameItem(a: MapProjectionItem, b: MapProjectionItem): boolean {
  switch (a.kind) {
    case 'AllProperties':
      return b.kind === 'AllProperties';
    case 'PropertySelector':
      return b.kind === 'PropertySelector' && a.key === b.key;
    case 'VariableSelector':
      return b.kind === 'VariableSelector' && a.name === b.name;
    case 'LiteralEntry':
      return b.kind === 'LiteralEntry' && a.key === b.key && sameExpression(a.value, b.value);
  }
}
