/** toString, toInteger, toFloat, toBoolean: Neo4j's conversions, null for a string that does not parse. */
import { INT64_MAX, INT64_MIN } from '../../store/property-value.js';
import { formatFloat } from '../expressions/numbers.js';
import { typeError, typeName } from '../query-errors.js';
import type { RuntimeValue } from '../runtime-values.js';
import type { ScalarFunction } from './scalar-function.js';

const INTEGER_TEXT = /^[+-]?\d+$/;
// Java's Double.parseDouble syntax (decimal forms, optional exponent and type suffix).
const FLOAT_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

function unsupported(functionName: string, expected: string, value: RuntimeValue): never {
  throw typeError(`Invalid input for function '${functionName}()': Expected ${expected}, got: ${typeName(value)}`);
}

/** Java's (long) cast of a double: truncates, NaN is 0, out-of-range saturates. */
function truncateToInteger(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= 9223372036854775807) return INT64_MAX;
  if (value <= -9223372036854775808) return INT64_MIN;
  return BigInt(Math.trunc(value));
}

function parseFloatText(text: string): number | null {
  const trimmed = text.trim();
  if (!FLOAT_TEXT.test(trimmed)) return null;
  return Number(trimmed.replace(/[fFdD]$/, ''));
}

export function cypherToString(value: RuntimeValue): string | null {
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'number':
      return formatFloat(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value === null) return null;
  return unsupported('toString', 'a String, Number or Boolean', value);
}

export const conversionFunctions: readonly ScalarFunction[] = [
  { name: 'toString', minArgs: 1, maxArgs: 1, call: ([value]) => cypherToString(value!) },
  {
    name: 'toInteger',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      switch (typeof value) {
        case 'bigint':
          return value;
        case 'number':
          return truncateToInteger(value);
        case 'boolean':
          return value ? 1n : 0n;
        case 'string': {
          const trimmed = value.trim();
          if (INTEGER_TEXT.test(trimmed)) {
            const integer = BigInt(trimmed);
            if (integer <= INT64_MAX && integer >= INT64_MIN) return integer;
          }
          const float = parseFloatText(trimmed);
          return float === null ? null : truncateToInteger(float);
        }
      }
      if (value === null) return null;
      return unsupported('toInteger', 'a String, Number or Boolean', value!);
    },
  },
  {
    name: 'toFloat',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      switch (typeof value) {
        case 'number':
          return value;
        case 'bigint':
          return Number(value);
        case 'string':
          return parseFloatText(value);
      }
      if (value === null) return null;
      return unsupported('toFloat', 'a String or Number', value!);
    },
  },
  {
    name: 'toBoolean',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      switch (typeof value) {
        case 'boolean':
          return value;
        case 'bigint':
          return value !== 0n;
        case 'string': {
          const text = value.trim().toLowerCase();
          return text === 'true' ? true : text === 'false' ? false : null;
        }
      }
      if (value === null) return null;
      return unsupported('toBoolean', 'a String, Integer or Boolean', value!);
    },
  },
];
