/**
 * What functions expect of their arguments, with Neo4j's wording when an argument is of
 * the wrong type.
 */
import { typeMismatch } from '../query-errors.js';
import type { RuntimeValue } from '../runtime-values.js';

export function expectString(value: RuntimeValue): string {
  if (typeof value !== 'string') throw typeMismatch('String', value);
  return value;
}

export function expectInteger(value: RuntimeValue): bigint {
  if (typeof value !== 'bigint') throw typeMismatch('Integer', value);
  return value;
}

export function expectNumber(value: RuntimeValue): bigint | number {
  if (typeof value !== 'bigint' && typeof value !== 'number') throw typeMismatch('Float or Integer', value);
  return value;
}

export function expectList(value: RuntimeValue): readonly RuntimeValue[] {
  if (!Array.isArray(value)) throw typeMismatch('List', value);
  return value;
}

/** An INTEGER argument as a JS number, clamped to the safe range (string and list lengths never exceed it). */
export function integerIndex(value: RuntimeValue): number {
  const integer = expectInteger(value);
  if (integer > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (integer < BigInt(Number.MIN_SAFE_INTEGER)) return Number.MIN_SAFE_INTEGER;
  return Number(integer);
}
