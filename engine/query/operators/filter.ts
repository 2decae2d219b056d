import type { ExecutionContext } from '../execution-context.js';
import type { Row } from '../runtime-values.js';
import type { Operator, RowBatch } from './operator.js';

/** Keeps the rows for which the predicate is true (WHERE after WITH, YIELD ... WHERE). */
export class FilterOperator implements Operator {
  readonly #predicate: (row: Row, context: ExecutionContext) => boolean;

  constructor(predicate: (row: Row, context: ExecutionContext) => boolean) {
    this.#predicate = predicate;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    const predicate = this.#predicate;
    for await (const batch of input) {
      const kept = batch.filter((row) => predicate(row, context));
      if (kept.length > 0) yield kept;
    }
  }
}
