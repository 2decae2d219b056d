import type { ExecutionContext } from '../execution-context.js';
import type { Row } from '../runtime-values.js';
import type { Operator, RowBatch } from './operator.js';

/** One write of SET, REMOVE or DELETE against one row. */
export type UpdateAction = (row: Row, context: ExecutionContext) => Promise<void>;

/** SET, REMOVE, DELETE: the clause's actions, in order, for every row; rows pass on unchanged. */
export class UpdateOperator implements Operator {
  readonly #actions: readonly UpdateAction[];

  constructor(actions: readonly UpdateAction[]) {
    this.#actions = actions;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    for await (const batch of input) {
      for (const row of batch) for (const action of this.#actions) await action(row, context);
      yield batch;
    }
  }
}
