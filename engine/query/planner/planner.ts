/**
 * Turns a parsed statement into a plan: for a query, one pipeline of operators per
 * single query (UNION joins them); for a schema command, the command itself.
 *
 * Clauses are planned in order. Reads and writes of one query are kept apart the way
 * Neo4j's Eager does it: a clause that reads the graph after a write in the same pipeline
 * gets every row of the write first (it must see all of it), and a creating clause after a
 * read gets every row of the read first (the read must not see what is being created).
 */
import type { Clause, Query, SingleQuery, Statement } from '../../../cypher/ast.js';
import { ExpressionCompiler } from '../expressions/compile-expression.js';
import { EagerOperator } from '../operators/eager.js';
import { ForeachOperator } from '../operators/foreach.js';
import { MatchOperator } from '../operators/match.js';
import type { Operator } from '../operators/operator.js';
import { UnwindOperator } from '../operators/unwind.js';
import { Scope, SlotAllocator } from '../scope.js';
import { planCall } from './call-planner.js';
import { MatchPlanner } from './match-planner.js';
import type { PlannerContext } from './planner-context.js';
import { planProjection, type Column } from './projection-planner.js';
import { planCreate, planDelete, planMerge, planRemove, planSet } from './update-planner.js';

export interface SingleQueryPlan {
  readonly operators: readonly Operator[];
  /** The returned columns; none for a query without RETURN. */
  readonly columns: readonly Column[];
  /** The number of slots a row of this query has. */
  readonly slots: number;
}

export type SchemaStatement = Exclude<Statement, Query>;

export type StatementPlan =
  | {
      readonly kind: 'query';
      readonly parts: readonly SingleQueryPlan[];
      /** UNION (without ALL): duplicates removed across the parts. */
      readonly distinct: boolean;
      readonly columns: readonly string[];
      readonly parameters: ReadonlySet<string>;
    }
  | { readonly kind: 'schema'; readonly statement: SchemaStatement; readonly parameters: ReadonlySet<string> };

/** Plans a statement; `hasIndex` tells the planner which label+property pairs an index covers now. */
export function planStatement(statement: Statement, hasIndex: (label: string, key: string) => boolean): StatementPlan {
  const compiler = new ExpressionCompiler();
  if (statement.kind !== 'Query') return { kind: 'schema', statement, parameters: compiler.parameters };
  const context: PlannerContext = { compiler, hasIndex };
  // The parser checked that UNION parts agree on their columns and on ALL.
  const parts = [statement.first, ...statement.unions.map((union) => union.query)].map((query) => planSingleQuery(query, context));
  const columns = parts[0]!.columns.map((column) => column.name);
  return { kind: 'query', parts, distinct: statement.unions.length > 0 && !statement.unions[0]!.all, columns, parameters: compiler.parameters };
}

function planSingleQuery(query: SingleQuery, context: PlannerContext): SingleQueryPlan {
  const allocator = new SlotAllocator();
  const { operators, columns } = planClauses(query.clauses, new Scope(allocator), context);
  return { operators, columns, slots: allocator.count };
}

/** The clauses of a single query, or of a FOREACH body (then in a scope of its own). */
function planClauses(clauses: readonly Clause[], scope: Scope, context: PlannerContext): { operators: Operator[]; columns: readonly Column[] } {
  const operators: Operator[] = [];
  let columns: readonly Column[] = [];
  let readsSinceBarrier = false;
  let writesSinceBarrier = false;
  /** Whether the current query part (since the last WITH) writes: its LIMIT must not stop the writes. */
  let partWrites = false;
  const barrier = (): void => {
    operators.push(new EagerOperator());
    readsSinceBarrier = false;
    writesSinceBarrier = false;
  };
  clauses.forEach((clause, index) => {
    const last = index === clauses.length - 1;
    switch (clause.kind) {
      case 'Match': {
        if (writesSinceBarrier) barrier();
        const plan = new MatchPlanner(context, scope, 'MATCH').plan(clause.pattern, clause.where);
        operators.push(new MatchOperator(plan.matcher, clause.optional, plan.newSlots));
        readsSinceBarrier = true;
        break;
      }
      case 'Unwind': {
        const list = context.compiler.compile(clause.expression, scope);
        operators.push(new UnwindOperator(list, scope.declare(clause.variable)));
        break;
      }
      case 'With': {
        const plan = planProjection(clause.projection, clause.where, scope, context, clause.position, partWrites);
        operators.push(...plan.operators);
        scope = plan.scope;
        partWrites = false;
        break;
      }
      case 'Return': {
        const plan = planProjection(clause.projection, undefined, scope, context, clause.position, partWrites);
        operators.push(...plan.operators);
        columns = plan.columns;
        break;
      }
      case 'Create':
        if (readsSinceBarrier) barrier();
        operators.push(planCreate(clause, scope, context));
        writesSinceBarrier = partWrites = true;
        break;
      case 'Merge':
        if (readsSinceBarrier || writesSinceBarrier) barrier();
        operators.push(planMerge(clause, scope, context));
        readsSinceBarrier = writesSinceBarrier = partWrites = true;
        break;
      case 'Set':
        operators.push(planSet(clause, scope, context));
        writesSinceBarrier = partWrites = true;
        break;
      case 'Remove':
        operators.push(planRemove(clause, scope, context));
        writesSinceBarrier = partWrites = true;
        break;
      case 'Delete':
        operators.push(planDelete(clause, scope, context));
        writesSinceBarrier = partWrites = true;
        break;
      case 'Foreach': {
        const list = context.compiler.compile(clause.list, scope);
        const inner = scope.child();
        const slot = inner.declare(clause.variable);
        const body = planClauses(clause.clauses, inner, context);
        operators.push(new ForeachOperator(list, slot, body.operators));
        writesSinceBarrier = partWrites = true;
        break;
      }
      case 'Call': {
        if (writesSinceBarrier) barrier();
        const plan = planCall(clause, scope, context, clauses.length === 1);
        operators.push(...plan.operators);
        if (last) columns = plan.columns;
        readsSinceBarrier = true;
        break;
      }
    }
  });
  return { operators, columns };
}
