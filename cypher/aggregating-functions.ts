import type { Expression } from './ast.js';
import { walkExpression } from './walk.js';

/** Cypher's aggregating functions, lower-cased (function names are case-insensitive). */
export const aggregatingFunctions: ReadonlySet<string> = new Set(['avg', 'collect', 'count', 'max', 'min', 'percentilecont', 'percentiledisc', 'stdev', 'stdevp', 'sum']);

export function isAggregatingFunction(name: string): boolean {
  return aggregatingFunctions.has(name.toLowerCase());
}

/** Whether `expression` is or contains an aggregation (`count(*)` included). */
export function containsAggregation(expression: Expression): boolean {
  let found = false;
  walkExpression(expression, (inner) => {
    if (found) return false;
    if (inner.kind === 'CountStar' || (inner.kind === 'FunctionCall' && isAggregatingFunction(inner.name))) found = true;
    return !found;
  });
  return found;
}
