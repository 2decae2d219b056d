import { rowKey } from '../expressions/equality.js';
import type { ExecutionContext } from '../execution-context.js';
import type { Operator, RowBatch } from './operator.js';

/** DISTINCT: the first row of every set of equivalent values in the given slots. */
export class DistinctOperator implements Operator {
  readonly #slots: readonly number[];

  constructor(slots: readonly number[]) {
    this.#slots = slots;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    const seen = new Set<string>();
    const slots = this.#slots;
    for await (const batch of input) {
      const kept: RowBatch = [];
      for (const row of batch) {
        const key = rowKey(slots.map((slot) => row[slot]));
        if (seen.has(key)) continue;
        seen.add(key);
        kept.push(row);
      }
      context.checkSize(seen.size, 'distinct rows');
      if (kept.length > 0) yield kept;
    }
  }
}
