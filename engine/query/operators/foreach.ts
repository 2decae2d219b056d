import type { Evaluator } from '../expressions/evaluator.js';
import type { ExecutionContext } from '../execution-context.js';
import { typeMismatch } from '../query-errors.js';
import type { RuntimeValue } from '../runtime-values.js';
import { rowsOf, runPipeline, type Operator, type RowBatch } from './operator.js';

/** FOREACH: runs its updating clauses once per element of the list; rows pass on unchanged. */
export class ForeachOperator implements Operator {
  readonly #list: Evaluator;
  readonly #slot: number;
  readonly #body: readonly Operator[];

  constructor(list: Evaluator, slot: number, body: readonly Operator[]) {
    this.#list = list;
    this.#slot = slot;
    this.#body = body;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    for await (const batch of input) {
      for (const row of batch) {
        const list = this.#list(row, context);
        if (list === null) continue;
        if (!Array.isArray(list)) throw typeMismatch('List', list);
        for (const item of list as readonly RuntimeValue[]) {
          const inner = row.slice();
          inner[this.#slot] = item;
          for await (const _ of runPipeline(this.#body, rowsOf([inner]), context)) {
            // drained for its side effects
          }
        }
      }
      yield batch;
    }
  }
}
