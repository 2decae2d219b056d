/**
 * The values a property can hold, and the one check every value passes before it is
 * encoded. Cypher INTEGER is a bigint limited to 64 bits, FLOAT is a number (NaN,
 * infinities and -0 included); arrays hold one type; null is never stored (removing a
 * property is how a value becomes null).
 */

export type PropertyValue =
  | boolean
  | bigint
  | number
  | string
  | readonly boolean[]
  | readonly bigint[]
  | readonly number[]
  | readonly string[];

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

// A lone surrogate has no UTF-8 form: storing it would silently change the string.
const LONE_SURROGATE = /\p{Cs}/u;

/** Throws an Error saying what is wrong when `value` cannot be stored exactly. */
export function checkPropertyValue(value: unknown): asserts value is PropertyValue {
  if (Array.isArray(value)) {
    checkArray(value);
    return;
  }
  checkScalar(value, 'property value');
}

/** Throws unless `value` is a string that survives a UTF-8 round trip. */
export function checkStoredString(value: string, what: string): void {
  if (LONE_SURROGATE.test(value)) {
    throw new Error(
      `${what} contains an unpaired UTF-16 surrogate, which cannot be stored: expected well-formed Unicode text; ` +
        `remove or replace the broken character`,
    );
  }
}

function checkArray(values: readonly unknown[]): void {
  if (values.length === 0) return;
  const first = typeof values[0];
  for (let i = 0; i < values.length; i++) {
    const element = values[i];
    if (Array.isArray(element)) {
      throw new Error('property arrays cannot be nested: expected an array of booleans, integers, floats or strings');
    }
    checkScalar(element, `element ${i} of a property array`);
    if (typeof element !== first) {
      throw new Error(
        `property arrays must hold one type, but element 0 is ${describe(values[0])} and element ${i} is ${describe(element)}: ` +
          'convert the elements to one type first',
      );
    }
  }
}

function checkScalar(value: unknown, what: string): void {
  switch (typeof value) {
    case 'boolean':
    case 'number':
      return;
    case 'bigint':
      if (value < INT64_MIN || value > INT64_MAX) {
        throw new Error(
          `${what} ${value} is outside the INTEGER range: expected ${INT64_MIN}..${INT64_MAX} (64-bit signed); ` +
            'store it as a FLOAT or a string instead',
        );
      }
      return;
    case 'string':
      checkStoredString(value, what);
      return;
    default:
      throw new Error(
        `${what} is ${describe(value)}, which cannot be stored: expected a boolean, an INTEGER (bigint), a FLOAT (number), ` +
          'a string, or an array of one of these' + (value === null || value === undefined ? '; remove the property instead of storing null' : ''),
      );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return 'an INTEGER';
  if (typeof value === 'number') return 'a FLOAT';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
