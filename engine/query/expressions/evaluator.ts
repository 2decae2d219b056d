import type { ExecutionContext } from '../execution-context.js';
import type { Row, RuntimeValue } from '../runtime-values.js';

/** A compiled expression: reads the row's slots and the context, returns a value. */
export type Evaluator = (row: Row, context: ExecutionContext) => RuntimeValue;
