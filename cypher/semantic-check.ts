/**
 * What a statement may mean, checked once it parses: which variables are in scope where,
 * where aggregation is allowed, how clauses may follow each other, and what CREATE and
 * MERGE can create. Messages are Neo4j's where Neo4j has one for the same mistake.
 *
 * Scope rules: MATCH, CREATE, MERGE, UNWIND and CALL ... YIELD add variables; WITH
 * replaces the scope with what it projects (`WITH *` keeps it); ORDER BY sees the
 * projected names and, unless the projection is DISTINCT or aggregates, the scope before
 * it; the variables of FOREACH and of list comprehensions live only inside them.
 * Whether DELETE is given a node, a relationship or a path is left to the runtime.
 */
import { isAggregatingFunction, containsAggregation } from './aggregating-functions.js';
import { isUpdatingClause } from './analysis.js';
import type { Clause, Expression, PatternPart, Position, Projection, Query, RemoveItem, SetItem, SingleQuery, Statement } from './ast.js';
import { CypherError } from './cypher-error.js';
import { sameExpression } from './same-expression.js';

type VariableType = 'Node' | 'Relationship' | 'Path' | 'Any';
type Scope = Map<string, VariableType>;

interface ExpressionContext {
  readonly scope: ReadonlyMap<string, VariableType>;
  /** ALLOWED, FORBIDDEN (Neo4j's general message) or the message for an aggregation found here. */
  readonly aggregation: string;
  /** ORDER BY after DISTINCT or aggregation: expressions equal to one of these are projected columns. */
  readonly projected?: readonly Expression[];
  /** ORDER BY after DISTINCT or aggregation: the scope before the projection, to explain why its names are gone. */
  readonly hidden?: ReadonlyMap<string, VariableType>;
  /** The message for a variable not in scope, when Neo4j words it differently (SKIP, LIMIT). */
  readonly variableMessage?: string;
}

const ALLOWED = 'allowed';
const FORBIDDEN = 'forbidden';

/** Throws a CypherError (SemanticError) for the first problem found in `statement`, written as `text`. */
export function checkSemantics(statement: Statement, text: string): void {
  if (statement.kind === 'Query') new Checker(text).query(statement);
}

class Checker {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  #error(description: string, position: Position): CypherError {
    return new CypherError('Neo.ClientError.Statement.SemanticError', description, position, this.#text);
  }

  query(query: Query): void {
    const columns = this.#singleQuery(query.first);
    let all: boolean | undefined;
    for (const union of query.unions) {
      if (all !== undefined && all !== union.all) throw this.#error('Invalid combination of UNION and UNION ALL', union.query.position);
      all = union.all;
      const other = this.#singleQuery(union.query);
      if (other.length !== columns.length || other.some((name, i) => name !== columns[i])) {
        throw this.#error(`All sub queries in an UNION must have the same column names (the first returns ${describe(columns)}, this one ${describe(other)})`, union.query.position);
      }
    }
  }

  /** Checks one query part and returns its column names. */
  #singleQuery(query: SingleQuery): string[] {
    const clauses = query.clauses;
    const last = clauses.length - 1;
    let scope: Scope = new Map();
    let columns: string[] = [];
    let update: Clause | undefined;
    for (let i = 0; i <= last; i++) {
      const clause = clauses[i]!;
      if (clause.kind === 'Return' && i !== last) throw this.#error('RETURN can only be used at the end of the query', clause.position);
      if (isReading(clause) && update !== undefined) throw this.#error(`WITH is required between ${clauseName(update)} and ${clauseName(clause)}`, clause.position);
      if (isUpdatingClause(clause)) update = clause;
      else if (clause.kind === 'With') update = undefined;
      if (clause.kind === 'Call') {
        if (clause.yield === undefined && i !== last) {
          throw this.#error('Procedure call inside a query does not support naming results implicitly (name explicitly using `YIELD` instead)', clause.position);
        }
        if (clause.yield === '*' && clauses.length !== 1) throw this.#error('Cannot use `YIELD *` outside standalone call', clause.position);
      }
      if (clause.kind === 'With') {
        scope = this.#projection(clause.projection, scope, 'WITH', clause.position).scope;
        if (clause.where !== undefined) this.#expression(clause.where, { scope, aggregation: FORBIDDEN });
      } else if (clause.kind === 'Return') {
        columns = this.#projection(clause.projection, scope, 'RETURN', clause.position).columns;
      } else {
        this.#clause(clause, scope);
      }
    }
    const end = clauses[last]!;
    const standaloneCall = end.kind === 'Call' && (clauses.length === 1 || end.yield === undefined);
    if (end.kind !== 'Return' && !isUpdatingClause(end) && !standaloneCall) {
      throw this.#error(`Query cannot conclude with ${clauseName(end)} (must be RETURN or an update clause)`, end.position);
    }
    return columns;
  }

  /** Checks a clause other than WITH and RETURN, adding what it declares to `scope`. */
  #clause(clause: Clause, scope: Scope): void {
    const plain: ExpressionContext = { scope, aggregation: FORBIDDEN };
    switch (clause.kind) {
      case 'Match':
        this.#pattern(clause.pattern, scope, clause.optional ? 'OPTIONAL MATCH' : 'MATCH');
        if (clause.where !== undefined) this.#expression(clause.where, plain);
        return;
      case 'Unwind':
        this.#expression(clause.expression, plain);
        this.#declare(scope, clause.variable, 'Any', clause.position);
        return;
      case 'Create':
        this.#pattern(clause.pattern, scope, 'CREATE');
        return;
      case 'Merge':
        this.#pattern([clause.part], scope, 'MERGE');
        for (const item of clause.onCreate) this.#setItem(item, plain);
        for (const item of clause.onMatch) this.#setItem(item, plain);
        return;
      case 'Set':
        for (const item of clause.items) this.#setItem(item, plain);
        return;
      case 'Remove':
        for (const item of clause.items) this.#removeItem(item, plain);
        return;
      case 'Delete':
        for (const expression of clause.expressions) this.#expression(expression, plain);
        return;
      case 'Foreach': {
        this.#expression(clause.list, plain);
        const inner: Scope = new Map(scope);
        this.#declare(inner, clause.variable, 'Any', clause.position);
        for (const nested of clause.clauses) this.#clause(nested, inner);
        return;
      }
      case 'Call': {
        const args: ExpressionContext = { scope, aggregation: "Procedure call cannot take an aggregating function as argument, please add a 'WITH' to your statement." };
        if (clause.args !== undefined) for (const arg of clause.args) this.#expression(arg, args);
        if (clause.yield !== undefined && clause.yield !== '*') {
          for (const item of clause.yield) this.#declare(scope, item.alias ?? item.name, 'Any', clause.position);
        }
        if (clause.where !== undefined) this.#expression(clause.where, plain);
        return;
      }
      case 'With':
      case 'Return':
        return;
    }
  }

  #declare(scope: Scope, name: string, type: VariableType, position: Position): void {
    if (scope.has(name)) throw this.#error(`Variable \`${name}\` already declared`, position);
    scope.set(name, type);
  }

  #bind(scope: Scope, name: string, type: VariableType, position: Position): void {
    const existing = scope.get(name);
    if (existing !== undefined && existing !== 'Any' && type !== 'Any' && existing !== type) {
      throw this.#error(`Type mismatch: ${name} defined with conflicting type ${existing} (expected ${type})`, position);
    }
    if (existing === undefined || existing === 'Any') scope.set(name, type);
  }

  #pattern(parts: readonly PatternPart[], scope: Scope, clause: 'MATCH' | 'OPTIONAL MATCH' | 'CREATE' | 'MERGE'): void {
    const creates = clause === 'CREATE' || clause === 'MERGE';
    const relationshipsHere = new Set<string>();
    for (const part of parts) {
      if (part.pathVariable !== undefined && scope.has(part.pathVariable)) throw this.#error(`Variable \`${part.pathVariable}\` already declared`, part.position);
      for (const node of part.nodes) {
        if (node.variable !== undefined) {
          if (creates && scope.has(node.variable)) {
            if (node.labels.length > 0 || node.properties !== undefined) {
              throw this.#error(`Can't create node \`${node.variable}\` with labels or properties here. The variable is already declared in this context`, node.position);
            }
            if (part.nodes.length === 1) throw this.#error(`Variable \`${node.variable}\` already declared`, node.position);
          }
          this.#bind(scope, node.variable, 'Node', node.position);
        }
        if (node.properties?.kind === 'Parameter' && clause !== 'CREATE') throw this.#error(parameterMapMessage(clause, node.properties.name), node.properties.position);
      }
      for (const relationship of part.relationships) {
        const name = relationship.variable;
        if (name !== undefined) {
          if (creates && scope.has(name)) throw this.#error(`Variable \`${name}\` already declared`, relationship.position);
          if (relationshipsHere.has(name)) throw this.#error(`Cannot use the same relationship variable '${name}' for multiple patterns`, relationship.position);
          relationshipsHere.add(name);
          // A variable-length relationship is bound to a list of relationships.
          this.#bind(scope, name, relationship.length === undefined ? 'Relationship' : 'Any', relationship.position);
        }
        if (relationship.properties?.kind === 'Parameter' && clause !== 'CREATE') throw this.#error(parameterMapMessage(clause, relationship.properties.name), relationship.properties.position);
        if (clause === 'CREATE') {
          if (relationship.types.length !== 1) throw this.#error('A single relationship type must be specified for CREATE', relationship.position);
          if (relationship.direction === 'both') throw this.#error('Only directed relationships are supported in CREATE', relationship.position);
          if (relationship.length !== undefined) throw this.#error('Variable length relationships cannot be used in CREATE', relationship.position);
        } else if (clause === 'MERGE') {
          if (relationship.types.length !== 1) {
            throw this.#error("Exactly one relationship type must be specified for MERGE. Did you forget to prefix your relationship type with a ':'?", relationship.position);
          }
          if (relationship.length !== undefined) throw this.#error('Variable length relationships cannot be used in MERGE', relationship.position);
        }
      }
      if (part.pathVariable !== undefined) scope.set(part.pathVariable, 'Path');
    }
    // Property maps may refer to any variable of the pattern, so they are checked once all are bound.
    const context: ExpressionContext = { scope, aggregation: FORBIDDEN };
    for (const part of parts) {
      for (const node of part.nodes) if (node.properties !== undefined) this.#expression(node.properties, context);
      for (const relationship of part.relationships) if (relationship.properties !== undefined) this.#expression(relationship.properties, context);
    }
  }

  #setItem(item: SetItem, context: ExpressionContext): void {
    switch (item.kind) {
      case 'SetProperty':
        this.#expression(item.target, context);
        this.#expression(item.value, context);
        return;
      case 'SetVariable':
        this.#variable(item.variable, item.position, context);
        this.#expression(item.value, context);
        return;
      case 'SetLabels':
        this.#variable(item.variable, item.position, context);
        return;
    }
  }

  #removeItem(item: RemoveItem, context: ExpressionContext): void {
    if (item.kind === 'RemoveProperty') this.#expression(item.target, context);
    else this.#variable(item.variable, item.position, context);
  }

  /** Checks a WITH or RETURN body against `scope`; returns the scope after it and its column names. */
  #projection(projection: Projection, scope: Scope, clause: 'WITH' | 'RETURN', position: Position): { scope: Scope; columns: string[] } {
    if (projection.star && scope.size === 0) throw this.#error(`${clause} * is not allowed when there are no variables in scope`, position);
    const columns = projection.star ? [...scope.keys()].sort() : [];
    const projected: Scope = projection.star ? new Map(scope) : new Map();
    const items: ExpressionContext = { scope, aggregation: ALLOWED };
    let aggregating = false;
    for (const item of projection.items) {
      const expression = item.expression;
      this.#expression(expression, items);
      aggregating ||= containsAggregation(expression);
      let name = item.alias ?? (expression.kind === 'Variable' ? expression.name : undefined);
      if (name === undefined) {
        if (clause === 'WITH') throw this.#error('Expression in WITH must be aliased (use AS)', expression.position);
        name = item.text;
      }
      if (columns.includes(name)) throw this.#error('Multiple result columns with the same name are not supported', expression.position);
      columns.push(name);
      projected.set(name, expression.kind === 'Variable' ? (scope.get(expression.name) ?? 'Any') : 'Any');
    }
    if (projection.orderBy !== undefined) {
      let context: ExpressionContext;
      if (aggregating || projection.distinct) {
        context = {
          scope: projected,
          aggregation: aggregating
            ? `Aggregation expressions must be listed in the ${clause} clause to be used in ORDER BY`
            : `Cannot use aggregation in ORDER BY if there are no aggregate expressions in the preceding ${clause}`,
          projected: projection.items.map((item) => item.expression),
          hidden: scope,
        };
      } else {
        const visible: Scope = new Map(scope);
        for (const [name, type] of projected) visible.set(name, type);
        context = { scope: visible, aggregation: `Cannot use aggregation in ORDER BY if there are no aggregate expressions in the preceding ${clause}` };
      }
      for (const sort of projection.orderBy) this.#expression(sort.expression, context);
    }
    const empty = new Map<string, VariableType>();
    if (projection.skip !== undefined) this.#expression(projection.skip, { scope: empty, aggregation: FORBIDDEN, variableMessage: 'It is not allowed to refer to variables in SKIP' });
    if (projection.limit !== undefined) this.#expression(projection.limit, { scope: empty, aggregation: FORBIDDEN, variableMessage: 'It is not allowed to refer to variables in LIMIT' });
    return { scope: projected, columns };
  }

  #variable(name: string, position: Position, context: ExpressionContext): void {
    if (context.scope.has(name)) return;
    if (context.variableMessage !== undefined) throw this.#error(context.variableMessage, position);
    if (context.hidden?.has(name)) {
      throw this.#error(`In a WITH/RETURN with DISTINCT or an aggregation, it is not possible to access variables declared before the WITH/RETURN: ${name}`, position);
    }
    throw this.#error(`Variable \`${name}\` not defined`, position);
  }

  /**
   * `inAggregate`: inside the arguments of an aggregating function; `inList`: inside
   * the WHERE or mapping of a list comprehension, which runs once per element.
   */
  #expression(expression: Expression, context: ExpressionContext, inAggregate = false, inList = false): void {
    if (isProjected(expression, context)) return;
    switch (expression.kind) {
      case 'Literal':
      case 'Parameter':
        return;
      case 'Variable':
        this.#variable(expression.name, expression.position, context);
        return;
      case 'List':
        for (const item of expression.items) this.#expression(item, context, inAggregate, inList);
        return;
      case 'Map':
        for (const entry of expression.entries) this.#expression(entry.value, context, inAggregate, inList);
        return;
      case 'Property':
        this.#expression(expression.object, context, inAggregate, inList);
        return;
      case 'Binary': {
        // Down the left spine by iteration: `a OR b OR c ...` nests to the left, and may be long.
        const rights = [expression.right];
        let left = expression.left;
        while (left.kind === 'Binary' && !isProjected(left, context)) {
          rights.push(left.right);
          left = left.left;
        }
        this.#expression(left, context, inAggregate, inList);
        for (let i = rights.length - 1; i >= 0; i--) this.#expression(rights[i]!, context, inAggregate, inList);
        return;
      }
      case 'Unary':
      case 'IsNull':
        this.#expression(expression.operand, context, inAggregate, inList);
        return;
      case 'Index':
        this.#expression(expression.object, context, inAggregate, inList);
        this.#expression(expression.index, context, inAggregate, inList);
        return;
      case 'Slice':
        this.#expression(expression.object, context, inAggregate, inList);
        if (expression.from !== undefined) this.#expression(expression.from, context, inAggregate, inList);
        if (expression.to !== undefined) this.#expression(expression.to, context, inAggregate, inList);
        return;
      case 'CountStar':
        this.#aggregation('count', expression.position, context, inAggregate, inList);
        return;
      case 'FunctionCall': {
        const aggregating = isAggregatingFunction(expression.name);
        if (aggregating) this.#aggregation(expression.name, expression.position, context, inAggregate, inList);
        else if (expression.distinct) throw this.#error(`Invalid use of DISTINCT with function '${expression.name}'`, expression.position);
        for (const arg of expression.args) this.#expression(arg, context, inAggregate || aggregating, inList);
        return;
      }
      case 'Case':
        if (expression.subject !== undefined) this.#expression(expression.subject, context, inAggregate, inList);
        for (const alternative of expression.alternatives) {
          this.#expression(alternative.when, context, inAggregate, inList);
          this.#expression(alternative.then, context, inAggregate, inList);
        }
        if (expression.else !== undefined) this.#expression(expression.else, context, inAggregate, inList);
        return;
      case 'ListComprehension': {
        this.#expression(expression.list, context, inAggregate, inList);
        const scope = new Map(context.scope);
        scope.set(expression.variable, 'Any');
        const inner: ExpressionContext = { ...context, scope };
        if (expression.where !== undefined) this.#expression(expression.where, inner, inAggregate, true);
        if (expression.map !== undefined) this.#expression(expression.map, inner, inAggregate, true);
        return;
      }
      case 'MapProjection':
        this.#variable(expression.variable, expression.position, context);
        for (const item of expression.items) {
          if (item.kind === 'LiteralEntry') this.#expression(item.value, context, inAggregate, inList);
          else if (item.kind === 'VariableSelector') this.#variable(item.name, expression.position, context);
        }
        return;
    }
  }

  #aggregation(name: string, position: Position, context: ExpressionContext, inAggregate: boolean, inList: boolean): void {
    if (context.aggregation === FORBIDDEN) throw this.#error(`Invalid use of aggregating function ${name}(...) in this context`, position);
    if (context.aggregation !== ALLOWED) throw this.#error(context.aggregation, position);
    if (inAggregate) throw this.#error("Can't use aggregate functions inside of aggregate functions.", position);
    if (inList) throw this.#error("Can't use aggregating expressions inside of expressions executing over lists", position);
  }
}

function isProjected(expression: Expression, context: ExpressionContext): boolean {
  return context.projected !== undefined && context.projected.some((item) => sameExpression(item, expression));
}

function parameterMapMessage(clause: string, name: string): string {
  const kind = clause === 'MERGE' ? 'MERGE' : 'MATCH';
  return `Parameter maps cannot be used in ${kind} patterns (use a literal map instead, e.g. {id: $${name}.id})`;
}

function isReading(clause: Clause): boolean {
  return clause.kind === 'Match' || clause.kind === 'Unwind' || clause.kind === 'Call';
}

function clauseName(clause: Clause): string {
  switch (clause.kind) {
    case 'Match':
      return clause.optional ? 'OPTIONAL MATCH' : 'MATCH';
    case 'Delete':
      return clause.detach ? 'DETACH DELETE' : 'DELETE';
    default:
      return clause.kind.toUpperCase();
  }
}

function describe(columns: readonly string[]): string {
  return columns.length === 0 ? 'no columns' : columns.map((name) => `\`${name}\``).join(', ');
}
