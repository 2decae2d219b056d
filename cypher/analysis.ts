/**
 * What a statement does, as far as routing and access control care: whether it writes,
 * which parameters it reads, which procedures and functions it calls. This is the one
 * definition of "this statement writes" in graphlb: the engine enforces READ access mode
 * with it and the proxy routes with it.
 */
import type { Clause, Expression, SingleQuery, Statement } from './ast.js';
import { forEachClauseExpression, walkExpression } from './walk.js';

export interface StatementInfo {
  /** Any CREATE, MERGE, SET, REMOVE, DELETE or FOREACH, in any part of a UNION. */
  readonly updating: boolean;
  /** CREATE or DROP of an index or constraint. SHOW INDEXES and SHOW CONSTRAINTS only read, so they are not. */
  readonly schema: boolean;
  /**
   * Every `$name` written in the statement, sorted, each once. A CALL without parentheses
   * also takes its procedure's arguments from parameters of the same names, which only
   * the procedure's signature knows; those are not listed.
   */
  readonly parameters: readonly string[];
  /** Every procedure CALLed, lower-cased, sorted, each once. */
  readonly procedures: readonly string[];
  /** Every function called, lower-cased, sorted, each once (`count(*)` is count; a label test `n:L` is labels). */
  readonly functions: readonly string[];
}

export function analyze(statement: Statement): StatementInfo {
  switch (statement.kind) {
    case 'Query':
      return analyzeQuery([statement.first, ...statement.unions.map((union) => union.query)]);
    case 'CreateIndex':
    case 'DropIndex':
    case 'CreateConstraint':
    case 'DropConstraint':
      return { updating: false, schema: true, parameters: [], procedures: [], functions: [] };
    case 'ShowIndexes':
    case 'ShowConstraints':
      return { updating: false, schema: false, parameters: [], procedures: [], functions: [] };
  }
}

/**
 * Whether a statement must run on the master: it updates, changes the schema, or calls a
 * procedure that is not known to only read (`readProcedures`, lower-cased).
 */
export function writes(info: StatementInfo, readProcedures: ReadonlySet<string>): boolean {
  return info.updating || info.schema || info.procedures.some((procedure) => !readProcedures.has(procedure));
}

function analyzeQuery(parts: readonly SingleQuery[]): StatementInfo {
  let updating = false;
  const parameters = new Set<string>();
  const procedures = new Set<string>();
  const functions = new Set<string>();
  const collect = (expression: Expression): void => {
    if (expression.kind === 'Parameter') parameters.add(expression.name);
    else if (expression.kind === 'FunctionCall') functions.add(expression.name.toLowerCase());
    else if (expression.kind === 'CountStar') functions.add('count');
  };
  const visit = (expression: Expression): void => walkExpression(expression, collect);
  for (const part of parts) {
    for (const clause of part.clauses) {
      if (isUpdatingClause(clause)) updating = true;
      else if (clause.kind === 'Call') procedures.add(clause.procedure.toLowerCase());
      forEachClauseExpression(clause, visit);
    }
  }
  return { updating, schema: false, parameters: [...parameters].sort(), procedures: [...procedures].sort(), functions: [...functions].sort() };
}

/** The clauses that change the graph: the one definition of "this statement writes" (with schema commands). */
export function isUpdatingClause(clause: Clause): boolean {
  switch (clause.kind) {
    case 'Create':
    case 'Merge':
    case 'Set':
    case 'Remove':
    case 'Delete':
    case 'Foreach':
      return true;
    default:
      return false;
  }
}
