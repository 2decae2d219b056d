/**
 * The key under which a property value is filed in a schema index.
 *
 * Cypher compares numbers by value across INTEGER and FLOAT (`1 = 1.0` is true), so both
 * map to one numeric key; every other type is kept apart by a one-letter prefix.
 */
import type { PropertyValue } from '../store/property-value.js';

export function indexKey(value: PropertyValue): string {
  switch (typeof value) {
    case 'string':
      return 's' + value;
    case 'bigint':
      return 'n' + value.toString();
    case 'number':
      return 'n' + numberKey(value);
    case 'boolean':
      return value ? 'b1' : 'b0';
    default:
      return 'a' + JSON.stringify(value.map((element) => indexKey(element)));
  }
}

function numberKey(value: number): string {
  // An integral float has the same key as the INTEGER of that value.
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value).toString();
  return String(value);
}
