/**
 * Cypher's operators over runtime values, with null semantics: arithmetic and string
 * predicates are null when an operand is null, AND/OR/XOR/NOT follow three-valued logic,
 * comparisons of values that do not compare are null.
 */
import { cypherToString } from '../functions/conversion-functions.js';
import { typeError, typeMismatch, typeName } from '../query-errors.js';
import type { RuntimeValue } from '../runtime-values.js';
import { equals } from './equality.js';
import { add, divide, isNumber, modulo, multiply, negate, power, subtract } from './numbers.js';
import { compareValues } from './ordering.js';
import { fullMatchRegex } from './regex.js';

function cannot(verb: string, a: RuntimeValue, preposition: string, b: RuntimeValue): never {
  throw typeError(`Cannot ${verb} \`${typeName(a)}\` ${preposition} \`${typeName(b)}\``);
}

export function plus(a: RuntimeValue, b: RuntimeValue): RuntimeValue {
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return add(a, b);
  if (Array.isArray(a)) return Array.isArray(b) ? [...a, ...b] : [...a, b];
  if (Array.isArray(b)) return [a, ...b];
  if (typeof a === 'string' && (typeof b === 'string' || isNumber(b))) return a + cypherToString(b);
  if (typeof b === 'string' && isNumber(a)) return cypherToString(a) + b;
  return cannot('add', a, 'and', b);
}

export function minus(a: RuntimeValue, b: RuntimeValue): RuntimeValue {
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return subtract(a, b);
  return cannot('subtract', b, 'from', a);
}

export function times(a: RuntimeValue, b: RuntimeValue): RuntimeValue {
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return multiply(a, b);
  return cannot('multiply', a, 'and', b);
}

export function dividedBy(a: RuntimeValue, b: RuntimeValue): RuntimeValue {
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return divide(a, b);
  return cannot('divide', a, 'by', b);
}

export function remainder(a: RuntimeValue, b: RuntimeValue): RuntimeValue {
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return modulo(a, b);
  return cannot('calculate modulus of', a, 'and', b);
}

export function raised(a: RuntimeValue, b: RuntimeValue): RuntimeValue {
  if (a === null || b === null) return null;
  if (isNumber(a) && isNumber(b)) return power(a, b);
  return cannot('raise', a, 'to the power of', b);
}

export function negative(a: RuntimeValue): RuntimeValue {
  if (a === null) return null;
  if (isNumber(a)) return negate(a);
  throw typeMismatch('Float or Integer', a);
}

export function positive(a: RuntimeValue): RuntimeValue {
  if (a === null || isNumber(a)) return a;
  throw typeMismatch('Float or Integer', a);
}

export function truth(value: RuntimeValue): boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  throw typeMismatch('Boolean', value);
}

export function not(value: RuntimeValue): boolean | null {
  const operand = truth(value);
  return operand === null ? null : !operand;
}

export function xor(a: RuntimeValue, b: RuntimeValue): boolean | null {
  const left = truth(a);
  const right = truth(b);
  return left === null || right === null ? null : left !== right;
}

export function notEquals(a: RuntimeValue, b: RuntimeValue): boolean | null {
  const result = equals(a, b);
  return result === null ? null : !result;
}

export function lessThan(a: RuntimeValue, b: RuntimeValue): boolean | null {
  const result = compareValues(a, b);
  return result === null ? null : result < 0;
}

export function lessThanOrEqual(a: RuntimeValue, b: RuntimeValue): boolean | null {
  const result = compareValues(a, b);
  return result === null ? null : result <= 0;
}

export function greaterThan(a: RuntimeValue, b: RuntimeValue): boolean | null {
  const result = compareValues(a, b);
  return result === null ? null : result > 0;
}

export function greaterThanOrEqual(a: RuntimeValue, b: RuntimeValue): boolean | null {
  const result = compareValues(a, b);
  return result === null ? null : result >= 0;
}

export function inList(value: RuntimeValue, list: RuntimeValue): boolean | null {
  if (list === null) return null;
  if (!Array.isArray(list)) throw typeMismatch('List', list);
  let unknown = false;
  for (const item of list as readonly RuntimeValue[]) {
    const result = equals(value, item);
    if (result === true) return true;
    if (result === null) unknown = true;
  }
  return unknown ? null : false;
}

export function startsWith(a: RuntimeValue, b: RuntimeValue): boolean | null {
  return typeof a === 'string' && typeof b === 'string' ? a.startsWith(b) : null;
}

export function endsWith(a: RuntimeValue, b: RuntimeValue): boolean | null {
  return typeof a === 'string' && typeof b === 'string' ? a.endsWith(b) : null;
}

export function contains(a: RuntimeValue, b: RuntimeValue): boolean | null {
  return typeof a === 'string' && typeof b === 'string' ? a.includes(b) : null;
}

export function matchesRegex(a: RuntimeValue, b: RuntimeValue): boolean | null {
  if (a === null || b === null) return null;
  if (typeof b !== 'string') throw typeMismatch('String', b);
  return typeof a === 'string' ? fullMatchRegex(b).test(a) : null;
}
