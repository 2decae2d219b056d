/** Functions over strings: toLower, toUpper, trim, split, substring, replace, left, right, ... */
import { argumentError, typeMismatch } from '../query-errors.js';
import type { RuntimeValue } from '../runtime-values.js';
import { expectString, integerIndex } from './argument-checks.js';
import type { ScalarFunction } from './scalar-function.js';

/** A one-string-argument function that maps null to null. */
function onString(name: string, apply: (value: string) => RuntimeValue): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => (value === null ? null : apply(expectString(value!))),
  };
}

function nonNegative(value: RuntimeValue, functionName: string, what: string): number {
  const number = integerIndex(value);
  if (number < 0) throw argumentError(`Invalid input for function '${functionName}()': the ${what} must be a non-negative integer, but was ${number}`);
  return number;
}

export const stringFunctions: readonly ScalarFunction[] = [
  onString('toLower', (value) => value.toLowerCase()),
  onString('lower', (value) => value.toLowerCase()),
  onString('toUpper', (value) => value.toUpperCase()),
  onString('upper', (value) => value.toUpperCase()),
  onString('trim', (value) => value.trim()),
  onString('ltrim', (value) => value.trimStart()),
  onString('rtrim', (value) => value.trimEnd()),
  {
    name: 'split',
    minArgs: 2,
    maxArgs: 2,
    call: ([value, delimiter]) => {
      if (value === null || delimiter === null) return null;
      const text = expectString(value!);
      if (typeof delimiter === 'string') return text.split(delimiter);
      if (!Array.isArray(delimiter)) throw typeMismatch('String or List<String>', delimiter!);
      let parts = [text];
      for (const item of delimiter) {
        const separator = expectString(item);
        parts = parts.flatMap((part) => part.split(separator));
      }
      return parts;
    },
  },
  {
    name: 'substring',
    minArgs: 2,
    maxArgs: 3,
    call: ([value, startValue, lengthValue]) => {
      if (value === null) return null;
      const text = expectString(value!);
      const start = nonNegative(startValue!, 'substring', 'start index');
      if (lengthValue === undefined) return text.slice(start);
      const length = nonNegative(lengthValue, 'substring', 'length');
      return text.slice(start, start + length);
    },
  },
  {
    name: 'replace',
    minArgs: 3,
    maxArgs: 3,
    call: ([value, search, replacement]) => {
      if (value === null || search === null || replacement === null) return null;
      return expectString(value!).replaceAll(expectString(search!), expectString(replacement!));
    },
  },
  {
    name: 'left',
    minArgs: 2,
    maxArgs: 2,
    call: ([value, length]) => {
      if (value === null) return null;
      return expectString(value!).slice(0, nonNegative(length!, 'left', 'length'));
    },
  },
  {
    name: 'right',
    minArgs: 2,
    maxArgs: 2,
    call: ([value, length]) => {
      if (value === null) return null;
      const text = expectString(value!);
      const count = nonNegative(length!, 'right', 'length');
      return count === 0 ? '' : text.slice(Math.max(0, text.length - count));
    },
  },
];
