import type { ExecutionContext } from '../execution-context.js';
import type { RuntimeValue } from '../runtime-values.js';

/** A built-in non-aggregating function. */
export interface ScalarFunction {
  /** As Neo4j spells it (lookups are case-insensitive). */
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly call: (args: readonly RuntimeValue[], context: ExecutionContext) => RuntimeValue;
}
