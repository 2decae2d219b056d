import type { ExecutionContext } from '../execution-context.js';
import type { Row } from '../runtime-values.js';
import type { MatchStep } from './match-steps.js';

/** Runs a pattern's steps over one row, lazily: each match is produced before the next is looked for. */
export class PatternMatcher {
  readonly steps: readonly MatchStep[];

  constructor(steps: readonly MatchStep[]) {
    this.steps = steps;
  }

  matches(row: Row, context: ExecutionContext): Iterable<Row> {
    return this.#from(0, row, context);
  }

  *#from(start: number, row: Row, context: ExecutionContext): Generator<Row> {
    const steps = this.steps;
    let i = start;
    for (; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.kind !== 'filter') break;
      if (!step.test(row, context)) return;
    }
    if (i === steps.length) {
      yield row;
      return;
    }
    const step = steps[i]!;
    if (step.kind === 'expand') for (const next of step.expand(row, context)) yield* this.#from(i + 1, next, context);
  }
}
