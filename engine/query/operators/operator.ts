/**
 * Operators are the stages of a plan. Each takes the rows of the stage before it, in
 * batches, and yields its own; a plan is a list of operators run one over the other.
 * Batches keep the per-row cost of the async stages low, and stopping early (LIMIT)
 * still stops the stages before it after at most one batch.
 *
 * Operators hold only what planning decided; everything of one run lives in the
 * generator's locals and the ExecutionContext, so a cached plan serves concurrent runs.
 */
import type { ExecutionContext } from '../execution-context.js';
import type { Row } from '../runtime-values.js';

export type RowBatch = Row[];

export const BATCH_SIZE = 256;

export interface Operator {
  run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch>;
}

/** The operators applied in order over `input`. */
export function runPipeline(operators: readonly Operator[], input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
  let stream = input;
  for (const operator of operators) stream = operator.run(stream, context);
  return stream;
}

/** One batch of the given rows. */
export async function* rowsOf(rows: RowBatch): AsyncIterable<RowBatch> {
  yield rows;
}
