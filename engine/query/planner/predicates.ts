/**
 * WHERE as the pattern planner sees it: a list of conjuncts (the operands of top-level
 * ANDs), each placed on its own as soon as its variables are bound, and the conjuncts
 * that can start a match instead of filtering one: `n.key = value` (an index seek or a
 * label scan that compares) and `id(n) = value` / `id(n) IN list` (a lookup by id).
 */
import type { Expression } from '../../../cypher/ast.js';
import { freeVariables } from '../expressions/free-variables.js';

export function conjuncts(expression: Expression | undefined, into: Expression[] = []): Expression[] {
  if (expression === undefined) return into;
  if (expression.kind === 'Binary' && expression.operator === 'AND') {
    conjuncts(expression.left, into);
    conjuncts(expression.right, into);
  } else {
    into.push(expression);
  }
  return into;
}

export interface PropertyEquality {
  readonly variable: string;
  readonly key: string;
  readonly value: Expression;
}

export interface IdLookup {
  readonly variable: string;
  readonly value: Expression;
  /** `id(n) IN list` rather than `id(n) = value`. */
  readonly many: boolean;
}

function propertyOfVariable(expression: Expression): { variable: string; key: string } | undefined {
  if (expression.kind === 'Property' && expression.object.kind === 'Variable') return { variable: expression.object.name, key: expression.key };
  return undefined;
}

function idOfVariable(expression: Expression): string | undefined {
  if (expression.kind === 'FunctionCall' && expression.name.toLowerCase() === 'id' && expression.args.length === 1 && expression.args[0]!.kind === 'Variable') {
    return expression.args[0]!.name;
  }
  return undefined;
}

/** `n.key = value` or `value = n.key`, where value does not read n. */
export function propertyEquality(expression: Expression): PropertyEquality | undefined {
  if (expression.kind !== 'Binary' || expression.operator !== '=') return undefined;
  for (const [side, other] of [
    [expression.left, expression.right],
    [expression.right, expression.left],
  ] as const) {
    const property = propertyOfVariable(side);
    if (property !== undefined && !freeVariables(other).has(property.variable)) return { ...property, value: other };
  }
  return undefined;
}

/** `id(n) = value`, `value = id(n)` or `id(n) IN list`, where the value does not read n. */
export function idLookup(expression: Expression): IdLookup | undefined {
  if (expression.kind !== 'Binary') return undefined;
  if (expression.operator === 'IN') {
    const variable = idOfVariable(expression.left);
    if (variable !== undefined && !freeVariables(expression.right).has(variable)) return { variable, value: expression.right, many: true };
    return undefined;
  }
  if (expression.operator !== '=') return undefined;
  for (const [side, other] of [
    [expression.left, expression.right],
    [expression.right, expression.left],
  ] as const) {
    const variable = idOfVariable(side);
    if (variable !== undefined && !freeVariables(other).has(variable)) return { variable, value: other, many: false };
  }
  return undefined;
}
