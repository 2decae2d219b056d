import type { Evaluator } from '../expressions/evaluator.js';
import type { ExecutionContext } from '../execution-context.js';
import type { Operator, RowBatch } from './operator.js';

export interface ProjectedItem {
  readonly slot: number;
  readonly value: Evaluator;
}

/**
 * WITH / RETURN without aggregation: writes each item's value to its slot in a copy of
 * the row. Items are evaluated against the incoming row, so `WITH a.x AS a, a AS b` sees
 * the old `a` in both.
 */
export class ProjectionOperator implements Operator {
  readonly #items: readonly ProjectedItem[];

  constructor(items: readonly ProjectedItem[]) {
    this.#items = items;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    const items = this.#items;
    const values = new Array(items.length);
    for await (const batch of input) {
      const out: RowBatch = new Array(batch.length);
      for (let r = 0; r < batch.length; r++) {
        const row = batch[r]!;
        for (let i = 0; i < items.length; i++) values[i] = items[i]!.value(row, context);
        const next = row.slice();
        for (let i = 0; i < items.length; i++) next[items[i]!.slot] = values[i];
        out[r] = next;
      }
      yield out;
    }
  }
}
