/** Numeric functions: abs, sign, ceil, floor, round, sqrt, exp, log, log10, rand, timestamp. */
import { checkedInteger } from '../expressions/numbers.js';
import type { RuntimeValue } from '../runtime-values.js';
import { expectNumber } from './argument-checks.js';
import type { ScalarFunction } from './scalar-function.js';

/** A one-number function returning FLOAT, null for null. */
function onFloat(name: string, apply: (value: number) => number): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => (value === null ? null : apply(Number(expectNumber(value!)))),
  };
}

function abs(value: RuntimeValue): RuntimeValue {
  if (value === null) return null;
  const number = expectNumber(value);
  return typeof number === 'bigint' ? checkedInteger(number < 0n ? -number : number) : Math.abs(number);
}

function sign(value: RuntimeValue): RuntimeValue {
  if (value === null) return null;
  const number = expectNumber(value);
  if (typeof number === 'bigint') return number > 0n ? 1n : number < 0n ? -1n : 0n;
  return BigInt(Math.sign(number) || 0);
}

export const mathFunctions: readonly ScalarFunction[] = [
  { name: 'abs', minArgs: 1, maxArgs: 1, call: ([value]) => abs(value!) },
  { name: 'sign', minArgs: 1, maxArgs: 1, call: ([value]) => sign(value!) },
  onFloat('ceil', Math.ceil),
  onFloat('floor', Math.floor),
  // Java's Math.round: halves go up (round(-2.5) = -2.0), as JavaScript's does.
  onFloat('round', Math.round),
  onFloat('sqrt', Math.sqrt),
  onFloat('exp', Math.exp),
  onFloat('log', Math.log),
  onFloat('log10', Math.log10),
  { name: 'rand', minArgs: 0, maxArgs: 0, call: () => Math.random() },
  { name: 'timestamp', minArgs: 0, maxArgs: 0, call: (_args, context) => context.timestamp },
];
