import type { Evaluator } from '../expressions/evaluator.js';
import type { ExecutionContext } from '../execution-context.js';
import type { Procedure } from '../procedures/procedure.js';
import type { Operator, RowBatch } from './operator.js';

export interface YieldedColumn {
  /** Index into the procedure's outputs. */
  readonly output: number;
  readonly slot: number;
}

/** CALL proc(args) YIELD ...: a row per record the procedure returns, for every incoming row. */
export class ProcedureCallOperator implements Operator {
  readonly #procedure: Procedure;
  readonly #args: readonly Evaluator[];
  readonly #yields: readonly YieldedColumn[];

  constructor(procedure: Procedure, args: readonly Evaluator[], yields: readonly YieldedColumn[]) {
    this.#procedure = procedure;
    this.#args = args;
    this.#yields = yields;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    for await (const batch of input) {
      const out: RowBatch = [];
      for (const row of batch) {
        const records = this.#procedure.invoke(
          this.#args.map((argument) => argument(row, context)),
          context,
        );
        for (const record of records) {
          const next = row.slice();
          for (const column of this.#yields) next[column.slot] = record[column.output]!;
          out.push(next);
        }
      }
      if (out.length > 0) yield out;
    }
  }
}
