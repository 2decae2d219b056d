/** Functions over lists (and size() over strings): size, head, last, tail, range, coalesce, reverse. */
import { argumentError, typeMismatch } from '../query-errors.js';
import type { RuntimeValue } from '../runtime-values.js';
import { expectInteger } from './argument-checks.js';
import type { ScalarFunction } from './scalar-function.js';

function list(value: RuntimeValue): readonly RuntimeValue[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw typeMismatch('List', value);
  return value;
}

export const listFunctions: readonly ScalarFunction[] = [
  {
    name: 'size',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      if (value === null) return null;
      if (typeof value === 'string' || Array.isArray(value)) return BigInt(value.length);
      throw typeMismatch('List or String', value!);
    },
  },
  {
    name: 'head',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      const items = list(value!);
      return items === null || items.length === 0 ? null : items[0]!;
    },
  },
  {
    name: 'last',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      const items = list(value!);
      return items === null || items.length === 0 ? null : items[items.length - 1]!;
    },
  },
  { name: 'tail', minArgs: 1, maxArgs: 1, call: ([value]) => list(value!)?.slice(1) ?? null },
  {
    name: 'reverse',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      if (value === null) return null;
      if (typeof value === 'string') return [...value].reverse().join('');
      return list(value!)!.slice().reverse();
    },
  },
  {
    name: 'coalesce',
    minArgs: 1,
    maxArgs: Infinity,
    call: (args) => {
      for (const value of args) if (value !== null) return value;
      return null;
    },
  },
  {
    name: 'range',
    minArgs: 2,
    maxArgs: 3,
    call: ([startValue, endValue, stepValue], context) => {
      const start = expectInteger(startValue!);
      const end = expectInteger(endValue!);
      const step = stepValue === undefined ? 1n : expectInteger(stepValue);
      if (step === 0n) throw argumentError('Step argument to range() cannot be zero');
      const empty = step > 0n ? start > end : start < end;
      const span = (end - start) / step + 1n;
      const count = empty ? 0 : span > BigInt(context.maxRows) ? context.maxRows + 1 : Number(span);
      context.checkSize(count, 'elements in the list built by range()');
      const items = new Array<bigint>(count);
      for (let i = 0, value = start; i < count; i++, value += step) items[i] = value;
      return items;
    },
  },
];
