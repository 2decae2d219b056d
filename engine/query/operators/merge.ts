import type { ExecutionContext } from '../execution-context.js';
import type { Row } from '../runtime-values.js';
import { createPart, type PartToCreate } from './create.js';
import { BATCH_SIZE, type Operator, type RowBatch } from './operator.js';
import type { PatternMatcher } from './pattern-matcher.js';
import type { UpdateAction } from './update.js';

/**
 * MERGE: every match of the whole pattern (then ON MATCH SET), or, when there is none,
 * the pattern created (then ON CREATE SET). Rows are handled one after the other, so a
 * row sees what MERGE created for the rows before it.
 */
export class MergeOperator implements Operator {
  readonly #matcher: PatternMatcher;
  readonly #part: PartToCreate;
  /** Refuses to create with a null property value (Neo4j: a null can never be matched again). */
  readonly #checkCreatable: (row: Row, context: ExecutionContext) => void;
  readonly #onMatch: readonly UpdateAction[];
  readonly #onCreate: readonly UpdateAction[];

  constructor(
    matcher: PatternMatcher,
    part: PartToCreate,
    checkCreatable: (row: Row, context: ExecutionContext) => void,
    onMatch: readonly UpdateAction[],
    onCreate: readonly UpdateAction[],
  ) {
    this.#matcher = matcher;
    this.#part = part;
    this.#checkCreatable = checkCreatable;
    this.#onMatch = onMatch;
    this.#onCreate = onCreate;
  }

  async *run(input: AsyncIterable<RowBatch>, context: ExecutionContext): AsyncIterable<RowBatch> {
    let out: RowBatch = [];
    for await (const batch of input) {
      for (const row of batch) {
        const matches = [...this.#matcher.matches(row, context)];
        if (matches.length > 0) {
          for (const match of matches) {
            for (const action of this.#onMatch) await action(match, context);
            out.push(match);
          }
        } else {
          this.#checkCreatable(row, context);
          const created = await createPart(row, this.#part, context);
          for (const action of this.#onCreate) await action(created, context);
          out.push(created);
        }
        if (out.length >= BATCH_SIZE) {
          yield out;
          out = [];
        }
      }
    }
    if (out.length > 0) yield out;
  }
}
