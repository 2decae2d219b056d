/**
 * The aggregating functions, one accumulator per group: count (count(*) counts rows,
 * count(x) non-null values), sum and avg (INTEGER while every input is, FLOAT as soon as
 * one is; sum of nothing is 0, avg of nothing is null), min and max (Neo4j's orderability
 * across types), collect (skips nulls). DISTINCT drops equivalent inputs first. Every one
 * of them ignores nulls.
 */
import type { ExecutionContext } from '../execution-context.js';
import { equivalenceKey } from '../expressions/equality.js';
import { add, isNumber } from '../expressions/numbers.js';
import { orderValues } from '../expressions/ordering.js';
import type { AggregateName } from '../functions/function-table.js';
import { typeError, typeName } from '../query-errors.js';
import type { RuntimeValue } from '../runtime-values.js';

export interface Aggregator {
  add(value: RuntimeValue): void;
  result(): RuntimeValue;
}

class CountRows implements Aggregator {
  #count = 0n;
  add(): void {
    this.#count++;
  }
  result(): RuntimeValue {
    return this.#count;
  }
}

class Count implements Aggregator {
  #count = 0n;
  add(value: RuntimeValue): void {
    if (value !== null) this.#count++;
  }
  result(): RuntimeValue {
    return this.#count;
  }
}

function numeric(name: string, value: RuntimeValue): bigint | number {
  if (!isNumber(value)) throw typeError(`${name}() can only handle numerical values and null, but got ${typeName(value)}`);
  return value;
}

class Sum implements Aggregator {
  #sum: bigint | number = 0n;
  add(value: RuntimeValue): void {
    if (value !== null) this.#sum = add(this.#sum, numeric('sum', value));
  }
  result(): RuntimeValue {
    return this.#sum;
  }
}

class Avg implements Aggregator {
  #sum: bigint | number = 0n;
  #count = 0;
  add(value: RuntimeValue): void {
    if (value === null) return;
    const number = numeric('avg', value);
    // An INTEGER sum may pass 64 bits before the division brings it back: keep it exact.
    this.#sum = typeof this.#sum === 'bigint' && typeof number === 'bigint' ? this.#sum + number : Number(this.#sum) + Number(number);
    this.#count++;
  }
  result(): RuntimeValue {
    return this.#count === 0 ? null : Number(this.#sum) / this.#count;
  }
}

const MIN = 1;
const MAX = -1;

/** min (sign MIN) or max (sign MAX): keeps the value that orders first once multiplied by the sign. */
class Extreme implements Aggregator {
  readonly #sign: number;
  #best: RuntimeValue = null;
  constructor(sign: number) {
    this.#sign = sign;
  }
  add(value: RuntimeValue): void {
    if (value === null) return;
    if (this.#best === null || orderValues(value, this.#best) * this.#sign < 0) this.#best = value;
  }
  result(): RuntimeValue {
    return this.#best;
  }
}

class Collect implements Aggregator {
  readonly #items: RuntimeValue[] = [];
  readonly #context: ExecutionContext;
  constructor(context: ExecutionContext) {
    this.#context = context;
  }
  add(value: RuntimeValue): void {
    if (value === null) return;
    this.#items.push(value);
    this.#context.checkSize(this.#items.length, 'elements in a list built by collect()');
  }
  result(): RuntimeValue {
    return this.#items;
  }
}

class Distinct implements Aggregator {
  readonly #inner: Aggregator;
  readonly #seen = new Set<string>();
  constructor(inner: Aggregator) {
    this.#inner = inner;
  }
  add(value: RuntimeValue): void {
    if (value === null) return;
    const key = equivalenceKey(value);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#inner.add(value);
  }
  result(): RuntimeValue {
    return this.#inner.result();
  }
}

/** A fresh accumulator; `countRows` is count(*). */
export function createAggregator(name: AggregateName | 'countRows', distinct: boolean, context: ExecutionContext): Aggregator {
  let aggregator: Aggregator;
  switch (name) {
    case 'countRows':
      return new CountRows();
    case 'count':
      aggregator = new Count();
      break;
    case 'sum':
      aggregator = new Sum();
      break;
    case 'avg':
      aggregator = new Avg();
      break;
    case 'min':
      aggregator = new Extreme(MIN);
      break;
    case 'max':
      aggregator = new Extreme(MAX);
      break;
    case 'collect':
      aggregator = new Collect(context);
      break;
  }
  return distinct ? new Distinct(aggregator) : aggregator;
}
