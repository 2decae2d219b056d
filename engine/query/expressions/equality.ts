/**
 * Two notions of sameness. `equals` is Cypher's `=`: three-valued (null when either side
 * is null, or when a list or map comparison reaches a null and finds no difference),
 * numbers compared by value across INTEGER and FLOAT, values of different types unequal.
 * `equivalenceKey` is what DISTINCT, grouping and UNION use: null is equivalent to null,
 * NaN to NaN, and 1 to 1.0, as in Neo4j; equal keys mean equivalent values.
 */
import { NodeRef, PathRef, RelRef, isRuntimeMap, type RuntimeValue } from '../runtime-values.js';
import { compareNumbers, isNumber } from './numbers.js';

export function equals(a: RuntimeValue, b: RuntimeValue): boolean | null {
  if (a === null || b === null) return null;
  switch (typeof a) {
    case 'bigint':
    case 'number':
      return isNumber(b) ? compareNumbers(a, b) === 0 : false;
    case 'string':
    case 'boolean':
      return a === b;
  }
  if (Array.isArray(a)) return Array.isArray(b) ? listEquals(a, b) : false;
  if (a instanceof NodeRef) return b instanceof NodeRef && a.id === b.id;
  if (a instanceof RelRef) return b instanceof RelRef && a.id === b.id;
  if (a instanceof PathRef) return b instanceof PathRef && pathEquals(a, b);
  if (!isRuntimeMap(b) || !isRuntimeMap(a)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  let unknown = false;
  for (const key of keys) {
    if (!(key in b)) return false;
    const result = equals(a[key]!, b[key]!);
    if (result === false) return false;
    if (result === null) unknown = true;
  }
  return unknown ? null : true;
}

function listEquals(a: readonly RuntimeValue[], b: readonly RuntimeValue[]): boolean | null {
  if (a.length !== b.length) return false;
  let unknown = false;
  for (let i = 0; i < a.length; i++) {
    const result = equals(a[i]!, b[i]!);
    if (result === false) return false;
    if (result === null) unknown = true;
  }
  return unknown ? null : true;
}

function pathEquals(a: PathRef, b: PathRef): boolean {
  if (a.relationships.length !== b.relationships.length) return false;
  for (let i = 0; i < a.nodes.length; i++) if (a.nodes[i]!.id !== b.nodes[i]!.id) return false;
  for (let i = 0; i < a.relationships.length; i++) if (a.relationships[i]!.id !== b.relationships[i]!.id) return false;
  return true;
}

/** A string that is the same for equivalent values and different otherwise. */
export function equivalenceKey(value: RuntimeValue | undefined): string {
  if (value === null || value === undefined) return '~';
  switch (typeof value) {
    case 'boolean':
      return value ? 'T' : 'F';
    case 'bigint':
      return 'n' + value.toString();
    case 'number':
      return 'n' + numberKey(value);
    case 'string':
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let key = '[';
    for (let i = 0; i < value.length; i++) key += (i === 0 ? '' : ',') + equivalenceKey(value[i]);
    return key + ']';
  }
  if (value instanceof NodeRef) return 'N' + value.id;
  if (value instanceof RelRef) return 'R' + value.id;
  if (value instanceof PathRef) {
    return 'P' + value.nodes.map((node) => node.id).join(',') + ';' + value.relationships.map((relationship) => relationship.id).join(',');
  }
  const map = value as Readonly<Record<string, RuntimeValue>>;
  let key = '{';
  for (const name of Object.keys(map).sort()) key += JSON.stringify(name) + ':' + equivalenceKey(map[name]) + ',';
  return key + '}';
}

/** The key of several values at once (a grouping key, a DISTINCT row). */
export function rowKey(values: readonly (RuntimeValue | undefined)[]): string {
  if (values.length === 1) return equivalenceKey(values[0]);
  let key = '';
  for (const value of values) key += equivalenceKey(value) + '\u0001';
  return key;
}

function numberKey(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value).toString();
  if (value === 0) return '0';
  return String(value);
}
