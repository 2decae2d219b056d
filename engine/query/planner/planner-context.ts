import type { ExpressionCompiler } from '../expressions/compile-expression.js';

/** What planning one statement shares across its clauses. */
export interface PlannerContext {
  readonly compiler: ExpressionCompiler;
  /** Whether an index or unique constraint covers (label, key) in the schema the plan is made for. */
  hasIndex(label: string, key: string): boolean;
}
