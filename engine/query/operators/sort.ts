import type { Evaluator } from '../expressions/evaluator.js';
import { orderValues } from '../expressions/ordering.js';
import type { ExecutionContext } from '../execution-context.js';
import type { RuntimeValue } from '../runtime-values.js';
import { BATCH_SIZE, type Operator, type RowBatch } from './operator.js';

export interface SortKey {
  readonly value: Evaluator;
  readonly descending: boolean;
}

/** ORDER BY: a stable sort by the keys in Neo4j's orderability (null last ascending, first descending). */
export class SortOperator implements Operator {
  readonly #keys: readonly SortKey[];

  constructor(keys: readonly SortKey[]) {
    this.#keys = keys;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    const keys = this.#keys;
    const entries: { row: RowBatch[number]; values: RuntimeValue[] }[] = [];
    for await (const batch of input) {
      for (const row of batch) entries.push({ row, values: keys.map((key) => key.value(row, context)) });
      context.checkSize(entries.length, 'rows to sort');
    }
    entries.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const order = orderValues(a.values[i], b.values[i]);
        if (order !== 0) return keys[i]!.descending ? -order : order;
      }
      return 0;
    });
    for (let i = 0; i < entries.length; i += BATCH_SIZE) yield entries.slice(i, i + BATCH_SIZE).map((entry) => entry.row);
  }
}
