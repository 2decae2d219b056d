import type { ExecutionContext } from '../execution-context.js';
import type { RuntimeValue } from '../runtime-values.js';

/** A built-in procedure: its output columns, and a call that returns one record per row. */
export interface Procedure {
  /** Dotted name; procedure names are case-sensitive, as in Neo4j. */
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly outputs: readonly string[];
  invoke(args: readonly RuntimeValue[], context: ExecutionContext): RuntimeValue[][];
}
