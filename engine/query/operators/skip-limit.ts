import type { Evaluator } from '../expressions/evaluator.js';
import type { ExecutionContext } from '../execution-context.js';
import { argumentError } from '../query-errors.js';
import type { Operator, RowBatch } from './operator.js';

/** SKIP and LIMIT take a non-negative INTEGER that does not depend on the rows. */
function count(value: Evaluator, clause: string, context: ExecutionContext): number {
  const result = value([], context);
  if (typeof result !== 'bigint' || result < 0n) {
    throw argumentError(`Invalid input. '${String(result)}' is not a valid value for ${clause}. Must be a non-negative integer.`);
  }
  return result > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(result);
}

export class SkipOperator implements Operator {
  readonly #count: Evaluator;

  constructor(count: Evaluator) {
    this.#count = count;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    let remaining = count(this.#count, 'SKIP', context);
    for await (const batch of input) {
      if (remaining >= batch.length) {
        remaining -= batch.length;
        continue;
      }
      yield remaining === 0 ? batch : batch.slice(remaining);
      remaining = 0;
    }
  }
}

/**
 * Stops pulling from the stages before it as soon as it has its rows, unless its query
 * part writes: LIMIT does not stop side effects in the same query part (Neo4j 4.3+), so
 * then it reads the rest and drops it.
 */
export class LimitOperator implements Operator {
  readonly #count: Evaluator;
  readonly #drain: boolean;

  constructor(count: Evaluator, drain: boolean) {
    this.#count = count;
    this.#drain = drain;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    let remaining = count(this.#count, 'LIMIT', context);
    if (remaining === 0 && !this.#drain) return;
    for await (const batch of input) {
      if (remaining === 0) continue;
      if (batch.length >= remaining) {
        yield batch.length === remaining ? batch : batch.slice(0, remaining);
        remaining = 0;
        if (!this.#drain) return;
        continue;
      }
      remaining -= batch.length;
      yield batch;
    }
  }
}
