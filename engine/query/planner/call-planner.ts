/**
 * Plans CALL of a built-in procedure: its arguments, the YIELDed columns (all of them
 * for a statement that is only the call), and the WHERE on them.
 */
import type { Call } from '../../../cypher/ast.js';
import { Neo4jError } from '../../../protocol/errors.js';
import { FilterOperator } from '../operators/filter.js';
import type { Operator } from '../operators/operator.js';
import { ProcedureCallOperator, type YieldedColumn } from '../operators/procedure-call.js';
import { findProcedure } from '../procedures/builtin-procedures.js';
import { at, semanticError, syntaxError } from '../query-errors.js';
import type { Scope } from '../scope.js';
import type { PlannerContext } from './planner-context.js';
import type { Column } from './projection-planner.js';

export interface CallPlan {
  readonly operators: readonly Operator[];
  /** The yielded columns, for a query that ends with the call. */
  readonly columns: readonly Column[];
}

export function planCall(clause: Call, scope: Scope, context: PlannerContext, standalone: boolean): CallPlan {
  const procedure = findProcedure(clause.procedure);
  if (procedure === undefined) {
    throw new Neo4jError(
      'Neo.ClientError.Procedure.ProcedureNotFound',
      `There is no procedure with the name \`${clause.procedure}\` registered for this database instance. ` +
        `Please ensure you've spelled the procedure name correctly and that the procedure is properly deployed.${at(clause.position)}`,
    );
  }
  const args = clause.args ?? [];
  if (args.length < procedure.minArgs || args.length > procedure.maxArgs) {
    throw syntaxError(
      `Procedure call does not provide the required number of arguments: got ${args.length} expected ${procedure.minArgs === procedure.maxArgs ? procedure.minArgs : `${procedure.minArgs} to ${procedure.maxArgs}`}`,
      clause.position,
    );
  }
  const compiled = args.map((argument) => context.compiler.compile(argument, scope));
  let selected: { name: string; alias: string }[];
  if (clause.yield === undefined) {
    if (!standalone) {
      throw syntaxError('Procedure call inside a query does not support naming results implicitly (name explicitly using `YIELD` instead)', clause.position);
    }
    selected = procedure.outputs.map((name) => ({ name, alias: name }));
  } else if (clause.yield === '*') {
    selected = procedure.outputs.map((name) => ({ name, alias: name }));
  } else {
    selected = clause.yield.map((item) => ({ name: item.name, alias: item.alias ?? item.name }));
  }
  const yields: YieldedColumn[] = [];
  const columns: Column[] = [];
  for (const item of selected) {
    const output = procedure.outputs.indexOf(item.name);
    if (output < 0) throw semanticError(`Unknown procedure output: \`${item.name}\``, clause.position);
    if (scope.has(item.alias)) throw semanticError(`Variable \`${item.alias}\` already declared`, clause.position);
    const slot = scope.declare(item.alias);
    yields.push({ output, slot });
    columns.push({ name: item.alias, slot });
  }
  const operators: Operator[] = [new ProcedureCallOperator(procedure, compiled, yields)];
  if (clause.where !== undefined) operators.push(new FilterOperator(context.compiler.compilePredicate(clause.where, scope)));
  return { operators, columns };
}
