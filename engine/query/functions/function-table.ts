/**
 * Every built-in function by lower-cased name (Cypher function names are
 * case-insensitive), and the names of the aggregating ones, which the projection planner
 * handles instead.
 */
import { conversionFunctions } from './conversion-functions.js';
import { entityFunctions } from './entity-functions.js';
import { listFunctions } from './list-functions.js';
import { mathFunctions } from './math-functions.js';
import type { ScalarFunction } from './scalar-function.js';
import { stringFunctions } from './string-functions.js';

const scalarFunctions = new Map<string, ScalarFunction>();
for (const definition of [...entityFunctions, ...listFunctions, ...stringFunctions, ...conversionFunctions, ...mathFunctions]) {
  scalarFunctions.set(definition.name.toLowerCase(), definition);
}

export type AggregateName = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'collect';

const AGGREGATES: ReadonlySet<string> = new Set<AggregateName>(['count', 'sum', 'avg', 'min', 'max', 'collect']);

export function scalarFunction(name: string): ScalarFunction | undefined {
  return scalarFunctions.get(name.toLowerCase());
}

export function aggregateName(name: string): AggregateName | undefined {
  const lower = name.toLowerCase();
  return AGGREGATES.has(lower) ? (lower as AggregateName) : undefined;
}
