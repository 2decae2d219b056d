/**
 * Turns an expression of the AST into a closure over (row, context), once per plan:
 * variables become slot reads, functions are looked up, operators are chosen, and names
 * that do not resolve fail here, with their position, before anything runs.
 *
 * Aggregating calls (count, sum, ...) are only allowed where the projection planner asks
 * for them: it passes an AggregateCollector, which gives each call a slot that the
 * aggregation operator fills; the compiled expression reads that slot.
 */
import type { BinaryOperator, Expression, MapProjectionItem } from '../../../cypher/ast.js';
import type { ExecutionContext } from '../execution-context.js';
import { aggregateName, scalarFunction, type AggregateName } from '../functions/function-table.js';
import { semanticError, syntaxError, typeMismatch } from '../query-errors.js';
import { isRuntimeMap, newMap, NodeRef, RelRef, type Row, type RuntimeValue } from '../runtime-values.js';
import type { Scope } from '../scope.js';
import { property, propertiesOf } from './entity-access.js';
import { equals } from './equality.js';
import type { Evaluator } from './evaluator.js';
import * as op from './operators.js';

export interface AggregateSpec {
  /** The slot the aggregation operator writes the result to. */
  readonly slot: number;
  /** `countRows` is count(*). */
  readonly name: AggregateName | 'countRows';
  readonly distinct: boolean;
  /** undefined for count(*). */
  readonly argument: Evaluator | undefined;
}

/** Collects the aggregating calls of a projection's items. */
export class AggregateCollector {
  readonly specs: AggregateSpec[] = [];

  register(scope: Scope, name: AggregateName | 'countRows', distinct: boolean, argument: Evaluator | undefined): number {
    const slot = scope.allocator.allocate();
    this.specs.push({ slot, name, distinct, argument });
    return slot;
  }
}

type BinaryFunction = (a: RuntimeValue, b: RuntimeValue) => RuntimeValue;

const BINARY: Readonly<Record<Exclude<BinaryOperator, 'AND' | 'OR'>, BinaryFunction>> = {
  '+': op.plus,
  '-': op.minus,
  '*': op.times,
  '/': op.dividedBy,
  '%': op.remainder,
  '^': op.raised,
  '=': equals,
  '<>': op.notEquals,
  '<': op.lessThan,
  '<=': op.lessThanOrEqual,
  '>': op.greaterThan,
  '>=': op.greaterThanOrEqual,
  XOR: op.xor,
  IN: op.inList,
  'STARTS WITH': op.startsWith,
  'ENDS WITH': op.endsWith,
  CONTAINS: op.contains,
  '=~': op.matchesRegex,
};

export class ExpressionCompiler {
  /** Every parameter a compiled expression reads: the statement's required parameters. */
  readonly parameters = new Set<string>();

  compile(expression: Expression, scope: Scope, aggregates?: AggregateCollector): Evaluator {
    switch (expression.kind) {
      case 'Literal': {
        const value = expression.value;
        return () => value;
      }
      case 'Parameter': {
        const name = expression.name;
        this.parameters.add(name);
        return (_row, context) => context.parameters[name] ?? null;
      }
      case 'Variable': {
        const slot = this.#slot(expression.name, scope, expression.position);
        return (row) => row[slot] ?? null;
      }
      case 'List': {
        const items = expression.items.map((item) => this.compile(item, scope, aggregates));
        return (row, context) => items.map((item) => item(row, context));
      }
      case 'Map': {
        const keys = expression.entries.map((entry) => entry.key);
        const values = expression.entries.map((entry) => this.compile(entry.value, scope, aggregates));
        return (row, context) => {
          const map = newMap();
          for (let i = 0; i < keys.length; i++) map[keys[i]!] = values[i]!(row, context);
          return map;
        };
      }
      case 'Property': {
        const object = this.compile(expression.object, scope, aggregates);
        const key = expression.key;
        return (row, context) => property(object(row, context), key, context);
      }
      case 'Binary':
        return this.#binary(expression.operator, this.compile(expression.left, scope, aggregates), this.compile(expression.right, scope, aggregates));
      case 'Unary': {
        const operand = this.compile(expression.operand, scope, aggregates);
        const apply = expression.operator === 'NOT' ? op.not : expression.operator === '-' ? op.negative : op.positive;
        return (row, context) => apply(operand(row, context));
      }
      case 'IsNull': {
        const operand = this.compile(expression.operand, scope, aggregates);
        return expression.negated ? (row, context) => operand(row, context) !== null : (row, context) => operand(row, context) === null;
      }
      case 'Index': {
        const object = this.compile(expression.object, scope, aggregates);
        const index = this.compile(expression.index, scope, aggregates);
        return (row, context) => indexInto(object(row, context), index(row, context), context);
      }
      case 'Slice': {
        const object = this.compile(expression.object, scope, aggregates);
        const from = expression.from === undefined ? undefined : this.compile(expression.from, scope, aggregates);
        const to = expression.to === undefined ? undefined : this.compile(expression.to, scope, aggregates);
        return (row, context) => slice(object(row, context), from?.(row, context), to?.(row, context));
      }
      case 'FunctionCall':
        return this.#call(expression, scope, aggregates);
      case 'CountStar': {
        if (aggregates === undefined) throw syntaxError('Invalid use of aggregating function count(...) in this context', expression.position);
        const slot = aggregates.register(scope, 'countRows', false, undefined);
        return (row) => row[slot] ?? null;
      }
      case 'Case':
        return this.#case(expression, scope, aggregates);
      case 'ListComprehension':
        return this.#listComprehension(expression, scope, aggregates);
      case 'MapProjection':
        return this.#mapProjection(expression, scope, aggregates);
    }
  }

  /** A predicate: true passes, false and null do not; a non-boolean is a TypeError. */
  compilePredicate(expression: Expression, scope: Scope): (row: Row, context: ExecutionContext) => boolean {
    const evaluate = this.compile(expression, scope);
    return (row, context) => op.truth(evaluate(row, context)) === true;
  }

  #slot(name: string, scope: Scope, position: Expression['position']): number {
    const slot = scope.slot(name);
    if (slot === undefined) throw semanticError(`Variable \`${name}\` not defined`, position);
    return slot;
  }

  #binary(operator: BinaryOperator, left: Evaluator, right: Evaluator): Evaluator {
    if (operator === 'AND') {
      return (row, context) => {
        const a = op.truth(left(row, context));
        if (a === false) return false;
        const b = op.truth(right(row, context));
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    }
    if (operator === 'OR') {
      return (row, context) => {
        const a = op.truth(left(row, context));
        if (a === true) return true;
        const b = op.truth(right(row, context));
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    }
    const apply = BINARY[operator];
    return (row, context) => apply(left(row, context), right(row, context));
  }

  #call(expression: Extract<Expression, { kind: 'FunctionCall' }>, scope: Scope, aggregates: AggregateCollector | undefined): Evaluator {
    const aggregate = aggregateName(expression.name);
    if (aggregate !== undefined) {
      if (aggregates === undefined) {
        throw syntaxError(`Invalid use of aggregating function ${expression.name}(...) in this context`, expression.position);
      }
      if (expression.args.length !== 1) {
        throw syntaxError(`${expression.args.length === 0 ? 'Insufficient' : 'Too many'} parameters for function '${aggregate}'`, expression.position);
      }
      // No collector for the argument: an aggregate inside an aggregate is refused.
      const argument = this.compile(expression.args[0]!, scope);
      const slot = aggregates.register(scope, aggregate, expression.distinct, argument);
      return (row) => row[slot] ?? null;
    }
    const definition = scalarFunction(expression.name);
    if (definition === undefined) throw syntaxError(`Unknown function '${expression.name}'`, expression.position);
    if (expression.args.length < definition.minArgs) throw syntaxError(`Insufficient parameters for function '${definition.name}'`, expression.position);
    if (expression.args.length > definition.maxArgs) throw syntaxError(`Too many parameters for function '${definition.name}'`, expression.position);
    const args = expression.args.map((argument) => this.compile(argument, scope, aggregates));
    const call = definition.call;
    switch (args.length) {
      case 0:
        return (_row, context) => call([], context);
      case 1: {
        const [first] = args as [Evaluator];
        return (row, context) => call([first(row, context)], context);
      }
      default:
        return (row, context) =>
          call(
            args.map((argument) => argument(row, context)),
            context,
          );
    }
  }

  #case(expression: Extract<Expression, { kind: 'Case' }>, scope: Scope, aggregates: AggregateCollector | undefined): Evaluator {
    const subject = expression.subject === undefined ? undefined : this.compile(expression.subject, scope, aggregates);
    const whens = expression.alternatives.map((alternative) => this.compile(alternative.when, scope, aggregates));
    const thens = expression.alternatives.map((alternative) => this.compile(alternative.then, scope, aggregates));
    const otherwise = expression.else === undefined ? undefined : this.compile(expression.else, scope, aggregates);
    return (row, context) => {
      const value = subject?.(row, context);
      for (let i = 0; i < whens.length; i++) {
        const when = whens[i]!(row, context);
        const hit = subject === undefined ? op.truth(when) === true : equals(value!, when) === true;
        if (hit) return thens[i]!(row, context);
      }
      return otherwise === undefined ? null : otherwise(row, context);
    };
  }

  #listComprehension(
    expression: Extract<Expression, { kind: 'ListComprehension' }>,
    scope: Scope,
    aggregates: AggregateCollector | undefined,
  ): Evaluator {
    const list = this.compile(expression.list, scope, aggregates);
    const inner = scope.child();
    const slot = inner.declare(expression.variable);
    const where = expression.where === undefined ? undefined : this.compile(expression.where, inner);
    const map = expression.map === undefined ? undefined : this.compile(expression.map, inner);
    return (row, context) => {
      const items = list(row, context);
      if (items === null) return null;
      if (!Array.isArray(items)) throw typeMismatch('List', items);
      const result: RuntimeValue[] = [];
      // The element is bound in place and the slot restored: evaluation is synchronous.
      const saved = row[slot];
      try {
        for (const item of items as readonly RuntimeValue[]) {
          row[slot] = item;
          if (where !== undefined && op.truth(where(row, context)) !== true) continue;
          result.push(map === undefined ? item : map(row, context));
        }
      } finally {
        row[slot] = saved;
      }
      return result;
    };
  }

  #mapProjection(
    expression: Extract<Expression, { kind: 'MapProjection' }>,
    scope: Scope,
    aggregates: AggregateCollector | undefined,
  ): Evaluator {
    const subject = this.#slot(expression.variable, scope, expression.position);
    const items = expression.items.map((item) => this.#projectionItem(item, scope, aggregates, expression.position));
    return (row, context) => {
      const value = row[subject] ?? null;
      if (value === null) return null;
      if (!(value instanceof NodeRef || value instanceof RelRef || isRuntimeMap(value))) throw typeMismatch('Map, Node or Relationship', value);
      const map = newMap();
      for (const item of items) item(map, value, row, context);
      return map;
    };
  }

  #projectionItem(
    item: MapProjectionItem,
    scope: Scope,
    aggregates: AggregateCollector | undefined,
    position: Expression['position'],
  ): (map: Record<string, RuntimeValue>, subject: RuntimeValue, row: Row, context: ExecutionContext) => void {
    switch (item.kind) {
      case 'PropertySelector': {
        const key = item.key;
        return (map, subject, _row, context) => {
          map[key] = property(subject, key, context);
        };
      }
      case 'AllProperties':
        return (map, subject, _row, context) => {
          const all = propertiesOf(subject, context, 'map projection')!;
          for (const key of Object.keys(all)) map[key] = all[key]!;
        };
      case 'LiteralEntry': {
        const key = item.key;
        const value = this.compile(item.value, scope, aggregates);
        return (map, _subject, row, context) => {
          map[key] = value(row, context);
        };
      }
      case 'VariableSelector': {
        const name = item.name;
        const slot = this.#slot(name, scope, position);
        return (map, _subject, row) => {
          map[name] = row[slot] ?? null;
        };
      }
    }
  }
}

function indexInto(object: RuntimeValue, index: RuntimeValue, context: ExecutionContext): RuntimeValue {
  if (object === null || index === null) return null;
  if (Array.isArray(object)) {
    if (typeof index !== 'bigint') throw typeMismatch('Integer', index);
    const list = object as readonly RuntimeValue[];
    const position = index < 0n ? BigInt(list.length) + index : index;
    return position < 0n || position >= BigInt(list.length) ? null : list[Number(position)]!;
  }
  if (typeof index === 'string' && (object instanceof NodeRef || object instanceof RelRef || isRuntimeMap(object))) {
    return property(object, index, context);
  }
  if (typeof index !== 'string') throw typeMismatch(Array.isArray(object) ? 'Integer' : 'String', index);
  throw typeMismatch('List, Map, Node or Relationship', object);
}

function slice(object: RuntimeValue, from: RuntimeValue | undefined, to: RuntimeValue | undefined): RuntimeValue {
  if (object === null || from === null || to === null) return null;
  if (!Array.isArray(object)) throw typeMismatch('List', object);
  const list = object as readonly RuntimeValue[];
  const bound = (value: RuntimeValue | undefined, otherwise: number): number => {
    if (value === undefined) return otherwise;
    if (typeof value !== 'bigint') throw typeMismatch('Integer', value);
    const position = value < 0n ? BigInt(list.length) + value : value;
    return Number(position < 0n ? 0n : position > BigInt(list.length) ? BigInt(list.length) : position);
  };
  return list.slice(bound(from, 0), bound(to, list.length));
}
