import type { ExecutionContext } from '../execution-context.js';
import { BATCH_SIZE, type Operator, type RowBatch } from './operator.js';

/**
 * Reads every row before passing any on: placed between a write and a later read (the
 * read sees every write) and before a creating write that follows a read (the read is
 * not disturbed by what the write creates).
 */
export class EagerOperator implements Operator {
  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    const rows: RowBatch = [];
    for await (const batch of input) {
      for (const row of batch) rows.push(row);
      context.checkSize(rows.length, 'rows between two clauses');
    }
    for (let i = 0; i < rows.length; i += BATCH_SIZE) yield rows.slice(i, i + BATCH_SIZE);
  }
}
