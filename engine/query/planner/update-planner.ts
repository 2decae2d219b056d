/**
 * Plans the updating clauses: CREATE, MERGE, SET, REMOVE, DELETE (their writes are in
 * operators/entity-writes.ts); FOREACH's body is planned by the clause planner it is
 * given, in a scope of its own.
 */
import type { Create, Delete, Expression, Merge, NodePattern, PatternPart, Remove, RemoveItem, SetClause, SetItem } from '../../../cypher/ast.js';
import { Neo4jError } from '../../../protocol/errors.js';
import type { ExecutionContext } from '../execution-context.js';
import type { Evaluator } from '../expressions/evaluator.js';
import { CreateOperator, type NodeToCreate, type PartToCreate, type RelationshipToCreate } from '../operators/create.js';
import { addLabels, deleteValue, lockForWrite, removeLabels, setProperties, setProperty } from '../operators/entity-writes.js';
import { MergeOperator } from '../operators/merge.js';
import type { Operator } from '../operators/operator.js';
import { UpdateOperator, type UpdateAction } from '../operators/update.js';
import { semanticError } from '../query-errors.js';
import type { Row } from '../runtime-values.js';
import type { Scope } from '../scope.js';
import { MatchPlanner } from './match-planner.js';
import type { PlannerContext } from './planner-context.js';

function slotOf(scope: Scope, name: string, position: Expression['position']): number {
  const slot = scope.slot(name);
  if (slot === undefined) throw semanticError(`Variable \`${name}\` not defined`, position);
  return slot;
}

/**
 * The part as a creation plan. Nodes whose variable is in `existing` (bound before the
 * clause) or that occurred earlier in the clause are used, not created.
 */
function partToCreate(
  part: PatternPart,
  scope: Scope,
  context: PlannerContext,
  existing: ReadonlySet<string>,
  /** Node variables created by earlier parts of the clause (added to). */
  created: Set<string>,
  /** CREATE declares the variables; MERGE's match planner has declared them already. */
  declare: boolean,
): PartToCreate {
  const compiler = context.compiler;
  const node = (pattern: NodePattern): NodeToCreate => {
    const name = pattern.variable;
    const reuse = name !== undefined && (existing.has(name) || created.has(name));
    if (reuse) {
      return { slot: slotOf(scope, name, pattern.position), create: false, name, labels: [], properties: undefined };
    }
    const properties = pattern.properties === undefined ? undefined : compiler.compile(pattern.properties, scope);
    const slot = name === undefined ? scope.allocator.allocate() : declare ? scope.declare(name) : slotOf(scope, name, pattern.position);
    if (name !== undefined) created.add(name);
    return { slot, create: true, name: name ?? '', labels: [...new Set(pattern.labels)], properties };
  };
  const nodes = part.nodes.map(node);
  const relationships: RelationshipToCreate[] = part.relationships.map((pattern) => {
    const name = pattern.variable;
    const properties = pattern.properties === undefined ? undefined : compiler.compile(pattern.properties, scope);
    const slot = name === undefined ? scope.allocator.allocate() : declare ? scope.declare(name) : slotOf(scope, name, pattern.position);
    return { slot, name: name ?? '', type: pattern.types[0]!, reversed: pattern.direction === 'incoming', properties };
  });
  let path: number | undefined;
  if (part.pathVariable !== undefined) {
    path = declare ? scope.declare(part.pathVariable) : slotOf(scope, part.pathVariable, part.position);
  }
  return { nodes, relationships, path };
}

export function planCreate(clause: Create, scope: Scope, context: PlannerContext): Operator {
  const existing = new Set(scope.names());
  const created = new Set<string>();
  return new CreateOperator(clause.pattern.map((part) => partToCreate(part, scope, context, existing, created, true)));
}

export function planMerge(clause: Merge, scope: Scope, context: PlannerContext): Operator {
  const existing = new Set(scope.names());
  const match = new MatchPlanner(context, scope, 'MERGE').plan([clause.part], undefined);
  // The match declared the variables; creation writes the same slots.
  const part = partToCreate(clause.part, scope, context, existing, new Set(), false);
  const checks = nullChecks(clause.part, scope, context, existing);
  const checkCreatable = (row: Row, executionContext: ExecutionContext): void => {
    for (const check of checks) check(row, executionContext);
  };
  return new MergeOperator(match.matcher, part, checkCreatable, planSetItems(clause.onMatch, scope, context), planSetItems(clause.onCreate, scope, context));
}

/** MERGE refuses to create an entity with a null property: it could never be matched again. */
function nullChecks(part: PatternPart, scope: Scope, context: PlannerContext, existing: ReadonlySet<string>): ((row: Row, context: ExecutionContext) => void)[] {
  const checks: ((row: Row, context: ExecutionContext) => void)[] = [];
  const add = (properties: Expression | undefined, what: string, describe: string): void => {
    if (properties === undefined || properties.kind !== 'Map') return;
    for (const entry of properties.entries) {
      const value: Evaluator = context.compiler.compile(entry.value, scope);
      checks.push((row, executionContext) => {
        if (value(row, executionContext) !== null) return;
        throw new Neo4jError(
          'Neo.ClientError.Statement.SemanticError',
          `Cannot merge the following ${what} because of null property value for '${entry.key}': ${describe.replace('{}', `{${entry.key}: null}`)}`,
        );
      });
    }
  };
  for (const node of part.nodes) {
    if (node.variable !== undefined && existing.has(node.variable)) continue;
    add(node.properties, 'node', `(${node.variable ?? ''}${node.labels.map((label) => ':' + label).join('')} {})`);
  }
  for (const relationship of part.relationships) {
    add(relationship.properties, 'relationship', `()-[${relationship.variable ?? ''}:${relationship.types[0] ?? ''} {}]-()`);
  }
  return checks;
}

function setAction(item: SetItem, scope: Scope, context: PlannerContext): UpdateAction {
  const compiler = context.compiler;
  switch (item.kind) {
    case 'SetProperty': {
      const target = compiler.compile(item.target, scope);
      const value = compiler.compile(item.value, scope);
      const key = item.key;
      return async (row, executionContext) => {
        const entity = target(row, executionContext);
        await lockForWrite(entity, executionContext);
        await setProperty(entity, key, value(row, executionContext), executionContext);
      };
    }
    case 'SetVariable': {
      const slot = slotOf(scope, item.variable, item.position);
      const value = compiler.compile(item.value, scope);
      const merge = item.merge;
      return async (row, executionContext) => {
        const entity = row[slot] ?? null;
        await lockForWrite(entity, executionContext);
        await setProperties(entity, value(row, executionContext), merge, executionContext);
      };
    }
    case 'SetLabels': {
      const slot = slotOf(scope, item.variable, item.position);
      const labels = item.labels;
      return (row, executionContext) => addLabels(row[slot] ?? null, labels, executionContext);
    }
  }
}

function planSetItems(items: readonly SetItem[], scope: Scope, context: PlannerContext): UpdateAction[] {
  return items.map((item) => setAction(item, scope, context));
}

export function planSet(clause: SetClause, scope: Scope, context: PlannerContext): Operator {
  return new UpdateOperator(planSetItems(clause.items, scope, context));
}

function removeAction(item: RemoveItem, scope: Scope, context: PlannerContext): UpdateAction {
  if (item.kind === 'RemoveProperty') {
    const target = context.compiler.compile(item.target, scope);
    const key = item.key;
    return (row, executionContext) => setProperty(target(row, executionContext), key, null, executionContext);
  }
  const slot = slotOf(scope, item.variable, item.position);
  const labels = item.labels;
  return (row, executionContext) => removeLabels(row[slot] ?? null, labels, executionContext);
}

export function planRemove(clause: Remove, scope: Scope, context: PlannerContext): Operator {
  return new UpdateOperator(clause.items.map((item) => removeAction(item, scope, context)));
}

export function planDelete(clause: Delete, scope: Scope, context: PlannerContext): Operator {
  const detach = clause.detach;
  return new UpdateOperator(
    clause.expressions.map((expression) => {
      const value = context.compiler.compile(expression, scope);
      return (row, executionContext) => deleteValue(value(row, executionContext), detach, executionContext);
    }),
  );
}
