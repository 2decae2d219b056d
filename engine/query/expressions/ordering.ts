/**
 * Comparing values. `compareValues` is what `<`, `<=`, `>`, `>=` use: only numbers with
 * numbers, strings with strings, booleans with booleans and lists with lists compare;
 * anything else (or null) is null. `orderValues` is the total order of ORDER BY, min and
 * max (Neo4j's orderability): MAP < NODE < RELATIONSHIP < LIST < PATH < STRING < BOOLEAN
 * < NUMBER (NaN above every number) < NULL.
 */
import { NodeRef, PathRef, RelRef, isRuntimeMap, type RuntimeValue } from '../runtime-values.js';
import { compareNumbers, isNumber } from './numbers.js';

/** Negative, zero or positive; NaN when both are numbers but one is NaN; null when not comparable. */
export function compareValues(a: RuntimeValue, b: RuntimeValue): number | null {
  if (a === null || b === null) return null;
  if (isNumber(a)) return isNumber(b) ? compareNumbers(a, b) : null;
  if (typeof a === 'string') return typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : null;
  if (typeof a === 'boolean') return typeof b === 'boolean' ? Number(a) - Number(b) : null;
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const result = compareValues(a[i]!, b[i]!);
      if (result === null || result !== 0) return result;
    }
    return a.length - b.length;
  }
  return null;
}

function rank(value: RuntimeValue | undefined): number {
  if (value === null || value === undefined) return 8;
  switch (typeof value) {
    case 'bigint':
    case 'number':
      return 7;
    case 'boolean':
      return 6;
    case 'string':
      return 5;
  }
  if (Array.isArray(value)) return 3;
  if (value instanceof NodeRef) return 1;
  if (value instanceof RelRef) return 2;
  if (value instanceof PathRef) return 4;
  return 0;
}

export function orderValues(a: RuntimeValue | undefined, b: RuntimeValue | undefined): number {
  const rankA = rank(a);
  const rankB = rank(b);
  if (rankA !== rankB) return rankA - rankB;
  switch (rankA) {
    case 7: {
      const x = a as bigint | number;
      const y = b as bigint | number;
      const nanX = typeof x === 'number' && Number.isNaN(x);
      const nanY = typeof y === 'number' && Number.isNaN(y);
      if (nanX || nanY) return Number(nanX) - Number(nanY);
      return compareNumbers(x, y);
    }
    case 6:
      return Number(a) - Number(b);
    case 5:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 3:
      return orderLists(a as readonly RuntimeValue[], b as readonly RuntimeValue[]);
    case 1:
      return (a as NodeRef).id - (b as NodeRef).id;
    case 2:
      return (a as RelRef).id - (b as RelRef).id;
    case 4:
      return orderPaths(a as PathRef, b as PathRef);
    case 0:
      return orderMaps(a as Readonly<Record<string, RuntimeValue>>, b as Readonly<Record<string, RuntimeValue>>);
    default:
      return 0;
  }
}

function orderLists(a: readonly RuntimeValue[], b: readonly RuntimeValue[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const result = orderValues(a[i], b[i]);
    if (result !== 0) return result;
  }
  return a.length - b.length;
}

function orderPaths(a: PathRef, b: PathRef): number {
  const length = Math.min(a.relationships.length, b.relationships.length);
  for (let i = 0; i < length; i++) {
    const byNode = a.nodes[i]!.id - b.nodes[i]!.id;
    if (byNode !== 0) return byNode;
    const byRelationship = a.relationships[i]!.id - b.relationships[i]!.id;
    if (byRelationship !== 0) return byRelationship;
  }
  if (a.relationships.length !== b.relationships.length) return a.relationships.length - b.relationships.length;
  return a.nodes[length]!.id - b.nodes[length]!.id;
}

/** Maps order by their sorted keys first, then by the values under those keys. */
function orderMaps(a: Readonly<Record<string, RuntimeValue>>, b: Readonly<Record<string, RuntimeValue>>): number {
  if (!isRuntimeMap(a) || !isRuntimeMap(b)) return 0;
  const keysA = Object.keys(a).sort();
  const keysB = Object.keys(b).sort();
  const byKeys = orderLists(keysA, keysB);
  if (byKeys !== 0) return byKeys;
  for (const key of keysA) {
    const result = orderValues(a[key], b[key]);
    if (result !== 0) return result;
  }
  return 0;
}
