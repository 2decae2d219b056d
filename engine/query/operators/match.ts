import type { ExecutionContext } from '../execution-context.js';
import { BATCH_SIZE, type Operator, type RowBatch } from './operator.js';
import type { PatternMatcher } from './pattern-matcher.js';

/**
 * MATCH: every match of the pattern for every incoming row. OPTIONAL MATCH keeps a row
 * that matches nothing, with the pattern's new variables set to null.
 */
export class MatchOperator implements Operator {
  readonly #matcher: PatternMatcher;
  readonly #optional: boolean;
  /** Slots this MATCH binds: nulled for an optional miss. */
  readonly #newSlots: readonly number[];

  constructor(matcher: PatternMatcher, optional: boolean, newSlots: readonly number[]) {
    this.#matcher = matcher;
    this.#optional = optional;
    this.#newSlots = newSlots;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    let out: RowBatch = [];
    for await (const batch of input) {
      for (const row of batch) {
        let found = false;
        for (const match of this.#matcher.matches(row, context)) {
          found = true;
          out.push(match);
          if (out.length >= BATCH_SIZE) {
            yield out;
            out = [];
            await context.pace(BATCH_SIZE);
          }
        }
        if (!found && this.#optional) {
          const next = row.slice();
          for (const slot of this.#newSlots) next[slot] = null;
          out.push(next);
        }
      }
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
  }
}
