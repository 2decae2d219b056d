import type { Evaluator } from '../expressions/evaluator.js';
import type { ExecutionContext } from '../execution-context.js';
import { BATCH_SIZE, type Operator, type RowBatch } from './operator.js';

/** UNWIND: a row per element of a list; null gives no row, a value that is not a list gives one. */
export class UnwindOperator implements Operator {
  readonly #list: Evaluator;
  readonly #slot: number;

  constructor(list: Evaluator, slot: number) {
    this.#list = list;
    this.#slot = slot;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    const slot = this.#slot;
    let out: RowBatch = [];
    for await (const batch of input) {
      for (const row of batch) {
        const value = this.#list(row, context);
        if (value === null) continue;
        const items = Array.isArray(value) ? value : [value];
        for (const item of items) {
          const next = row.slice();
          next[slot] = item;
          out.push(next);
          if (out.length >= BATCH_SIZE) {
            yield out;
            out = [];
            await context.pace(BATCH_SIZE);
          }
        }
      }
    }
    if (out.length > 0) yield out;
  }
}
