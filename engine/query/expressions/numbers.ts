/**
 * INTEGER (bigint, 64-bit) and FLOAT (number) arithmetic with Cypher's rules: integer
 * results must fit in 64 bits (`long overflow` otherwise), integer division truncates and
 * refuses zero (`/ by zero`), anything with a FLOAT is FLOAT, `^` is always FLOAT.
 */
import { INT64_MAX, INT64_MIN } from '../../store/property-value.js';
import { arithmeticError } from '../query-errors.js';

export function isNumber(value: unknown): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

export function checkedInteger(value: bigint): bigint {
  if (value > INT64_MAX || value < INT64_MIN) throw arithmeticError('long overflow');
  return value;
}

/**
 * Compares two numbers by value across INTEGER and FLOAT without losing precision:
 * negative, zero or positive, NaN when either is NaN (unordered).
 */
export function compareNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    const reversed = compareFloatWithInteger(b, a);
    return reversed === 0 ? 0 : -reversed;
  }
  if (typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  return compareFloatWithInteger(a, b);
}

function compareFloatWithInteger(float: number, integer: bigint): number {
  if (Number.isNaN(float)) return NaN;
  if (float === Infinity) return 1;
  if (float === -Infinity) return -1;
  const floor = Math.floor(float);
  const whole = BigInt(floor);
  if (whole < integer) return -1;
  if (whole > integer) return 1;
  return float === floor ? 0 : 1;
}

export function add(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInteger(a + b);
  return Number(a) + Number(b);
}

export function subtract(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInteger(a - b);
  return Number(a) - Number(b);
}

export function multiply(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkedInteger(a * b);
  return Number(a) * Number(b);
}

export function divide(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) throw arithmeticError('/ by zero');
    return checkedInteger(a / b);
  }
  return Number(a) / Number(b);
}

/** Java's remainder: the sign follows the dividend, as bigint `%` and number `%` both do. */
export function modulo(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) throw arithmeticError('/ by zero');
    return a % b;
  }
  return Number(a) % Number(b);
}

export function power(a: bigint | number, b: bigint | number): number {
  return Math.pow(Number(a), Number(b));
}

export function negate(a: bigint | number): bigint | number {
  return typeof a === 'bigint' ? checkedInteger(-a) : -a;
}

/**
 * A FLOAT as Java's Double.toString writes it (what Neo4j's toString() and string
 * concatenation produce): `1.0`, `0.001`, `1.0E7`, `1.234E-5`, `NaN`, `Infinity`.
 */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : text + '.0';
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : mantissa + '.0'}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}
