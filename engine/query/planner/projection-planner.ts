/**
 * Plans WITH and RETURN: projection or aggregation (an item containing an aggregating
 * call makes the others grouping keys), then DISTINCT, ORDER BY, SKIP, LIMIT and, for
 * WITH, WHERE, in that order. The projected names become the next clause's scope.
 *
 * ORDER BY sees the projected names and, unless the projection aggregates or is
 * DISTINCT, the variables from before it; a sort key written exactly like a projected
 * expression (`RETURN n.name, count(*) ORDER BY count(*)`) reads that column.
 */
import type { Expression, Projection } from '../../../cypher/ast.js';
import { AggregateCollector } from '../expressions/compile-expression.js';
import { aggregateName } from '../functions/function-table.js';
import { AggregationOperator } from '../operators/aggregation.js';
import { DistinctOperator } from '../operators/distinct.js';
import { FilterOperator } from '../operators/filter.js';
import type { Operator } from '../operators/operator.js';
import { ProjectionOperator, type ProjectedItem } from '../operators/projection.js';
import { LimitOperator, SkipOperator } from '../operators/skip-limit.js';
import { SortOperator, type SortKey } from '../operators/sort.js';
import { syntaxError } from '../query-errors.js';
import { Scope } from '../scope.js';
import type { PlannerContext } from './planner-context.js';

export interface Column {
  readonly name: string;
  readonly slot: number;
}

export interface ProjectionPlan {
  readonly operators: readonly Operator[];
  /** The scope after the projection: its items only. */
  readonly scope: Scope;
  readonly columns: readonly Column[];
}

interface Item {
  readonly name: string;
  readonly expression: Expression;
  readonly aggregating: boolean;
}

export function containsAggregate(expression: Expression): boolean {
  switch (expression.kind) {
    case 'CountStar':
      return true;
    case 'FunctionCall':
      return aggregateName(expression.name) !== undefined || expression.args.some(containsAggregate);
    case 'List':
      return expression.items.some(containsAggregate);
    case 'Map':
      return expression.entries.some((entry) => containsAggregate(entry.value));
    case 'Property':
      return containsAggregate(expression.object);
    case 'Binary':
      return containsAggregate(expression.left) || containsAggregate(expression.right);
    case 'Unary':
    case 'IsNull':
      return containsAggregate(expression.operand);
    case 'Index':
      return containsAggregate(expression.object) || containsAggregate(expression.index);
    case 'Slice':
      return containsAggregate(expression.object) || (expression.from !== undefined && containsAggregate(expression.from)) || (expression.to !== undefined && containsAggregate(expression.to));
    case 'Case':
      return (
        (expression.subject !== undefined && containsAggregate(expression.subject)) ||
        expression.alternatives.some((alternative) => containsAggregate(alternative.when) || containsAggregate(alternative.then)) ||
        (expression.else !== undefined && containsAggregate(expression.else))
      );
    case 'MapProjection':
      return expression.items.some((item) => item.kind === 'LiteralEntry' && containsAggregate(item.value));
    default:
      return false;
  }
}

/** Structural equality of two expressions, positions ignored. */
function sameExpression(a: Expression, b: Expression): boolean {
  const text = (expression: Expression): string =>
    JSON.stringify(expression, (key, value: unknown) => (key === 'position' ? undefined : typeof value === 'bigint' ? `${value}n` : value));
  return a.kind === b.kind && text(a) === text(b);
}

function items(projection: Projection, scope: Scope, position: Expression['position']): Item[] {
  const result: Item[] = [];
  if (projection.star) {
    // RETURN * lists the variables in name order, as Neo4j does.
    for (const name of scope.names().sort()) result.push({ name, expression: { kind: 'Variable', name, position }, aggregating: false });
  }
  for (const item of projection.items) {
    const name = item.alias ?? (item.expression.kind === 'Variable' ? item.expression.name : item.text);
    result.push({ name, expression: item.expression, aggregating: containsAggregate(item.expression) });
  }
  return result;
}

/** A literal SKIP or LIMIT is checked now, as Neo4j checks it when it compiles the statement. */
function checkedCount(expression: Expression, clause: 'SKIP' | 'LIMIT'): Expression {
  if (expression.kind === 'Literal' && (typeof expression.value !== 'bigint' || expression.value < 0n)) {
    throw syntaxError(`Invalid input. '${String(expression.value)}' is not a valid value for ${clause}. Must be a non-negative integer.`, expression.position);
  }
  return expression;
}

export function planProjection(
  projection: Projection,
  where: Expression | undefined,
  scope: Scope,
  context: PlannerContext,
  position: Expression['position'],
  /** The query part writes: LIMIT must not stop the writes before it. */
  writes: boolean,
): ProjectionPlan {
  const compiler = context.compiler;
  const projected = items(projection, scope, position);
  const aggregating = projected.some((item) => item.aggregating);
  const next = new Scope(scope.allocator);
  const columns: Column[] = [];
  const operators: Operator[] = [];

  // A variable projected under its own name keeps its slot: nothing to copy.
  const slotOf = (item: Item): number =>
    item.expression.kind === 'Variable' && item.expression.name === item.name && scope.has(item.name) ? scope.slot(item.name)! : scope.allocator.allocate();

  if (aggregating) {
    const keys: ProjectedItem[] = [];
    const results: ProjectedItem[] = [];
    const collector = new AggregateCollector();
    for (const item of projected) {
      const slot = item.aggregating ? scope.allocator.allocate() : slotOf(item);
      if (item.aggregating) results.push({ slot, value: compiler.compile(item.expression, scope, collector) });
      else keys.push({ slot, value: compiler.compile(item.expression, scope) });
      columns.push({ name: item.name, slot });
    }
    operators.push(new AggregationOperator(keys, collector.specs, results));
  } else {
    const computed: ProjectedItem[] = [];
    for (const item of projected) {
      const slot = slotOf(item);
      if (!(item.expression.kind === 'Variable' && scope.slot(item.expression.name) === slot)) {
        computed.push({ slot, value: compiler.compile(item.expression, scope) });
      }
      columns.push({ name: item.name, slot });
    }
    if (computed.length > 0) operators.push(new ProjectionOperator(computed));
  }
  for (const column of columns) next.bind(column.name, column.slot);

  if (projection.distinct) operators.push(new DistinctOperator(columns.map((column) => column.slot)));

  if (projection.orderBy !== undefined) {
    let sortScope = next;
    if (!aggregating && !projection.distinct) {
      sortScope = scope.child();
      for (const column of columns) sortScope.bind(column.name, column.slot);
    }
    const keys: SortKey[] = projection.orderBy.map((sortItem) => {
      const index = projected.findIndex((item) => sameExpression(item.expression, sortItem.expression));
      if (index >= 0) {
        const slot = columns[index]!.slot;
        return { value: (row) => row[slot] ?? null, descending: sortItem.descending };
      }
      return { value: compiler.compile(sortItem.expression, sortScope), descending: sortItem.descending };
    });
    operators.push(new SortOperator(keys));
  }

  // SKIP and LIMIT see no variables: they are evaluated once, before any row.
  const noVariables = new Scope(scope.allocator);
  if (projection.skip !== undefined) operators.push(new SkipOperator(compiler.compile(checkedCount(projection.skip, 'SKIP'), noVariables)));
  if (projection.limit !== undefined) operators.push(new LimitOperator(compiler.compile(checkedCount(projection.limit, 'LIMIT'), noVariables), writes));

  if (where !== undefined) operators.push(new FilterOperator(compiler.compilePredicate(where, next)));
  return { operators, scope: next, columns };
}
