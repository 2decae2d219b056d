/**
 * The steps a pattern is matched with, in the order the pattern planner chose: one
 * anchor per connected part (a node already bound, an id seek, a label+property seek, a
 * label scan, or all nodes), expansions along relationships from bound nodes, and
 * filters placed as soon as what they read is bound. Steps are synchronous: matching
 * only reads.
 *
 * Relationship uniqueness (Cypher's rule: within one MATCH, a relationship is matched at
 * most once) is checked by each expansion against the relationship slots bound before it.
 */
import type { PropertyValue } from '../../store/property-value.js';
import type { Direction } from '../../tx/transaction.js';
import type { ExecutionContext } from '../execution-context.js';
import { equals } from '../expressions/equality.js';
import type { Evaluator } from '../expressions/evaluator.js';
import { property } from '../expressions/entity-access.js';
import { typeMismatch } from '../query-errors.js';
import { NodeRef, PathRef, RelRef, type Row, type RuntimeValue } from '../runtime-values.js';

export interface FilterStep {
  readonly kind: 'filter';
  test(row: Row, context: ExecutionContext): boolean;
}

export interface ExpandStep {
  readonly kind: 'expand';
  expand(row: Row, context: ExecutionContext): Iterable<Row>;
}

export type MatchStep = FilterStep | ExpandStep;

function bind(row: Row, slot: number, value: RuntimeValue): Row {
  const next = row.slice();
  next[slot] = value;
  return next;
}

/** The node in `slot`, undefined for null (no match); a TypeError for anything else. */
function nodeIn(row: Row, slot: number): NodeRef | undefined {
  const value = row[slot] ?? null;
  if (value === null) return undefined;
  if (!(value instanceof NodeRef)) throw typeMismatch('Node', value);
  return value;
}

/** Whether relationship `id` is already used in one of `slots` (single relationships or var-length lists). */
function alreadyUsed(row: Row, slots: readonly number[], id: number): boolean {
  for (const slot of slots) {
    const value = row[slot];
    if (value instanceof RelRef) {
      if (value.id === id) return true;
    } else if (Array.isArray(value)) {
      for (const relationship of value) if ((relationship as RelRef).id === id) return true;
    }
  }
  return false;
}

/** A value that could equal a stored property, or undefined when none can (null, NaN, a map, a mixed list). */
function seekableValue(value: RuntimeValue): PropertyValue | undefined {
  switch (typeof value) {
    case 'boolean':
    case 'bigint':
    case 'string':
      return value;
    case 'number':
      return Number.isNaN(value) ? undefined : value;
  }
  if (!Array.isArray(value)) return undefined;
  const list = value as readonly RuntimeValue[];
  if (list.length === 0) return list as readonly string[];
  const type = typeof list[0];
  if (type !== 'boolean' && type !== 'bigint' && type !== 'string' && type !== 'number') return undefined;
  for (const item of list) if (typeof item !== type || (type === 'number' && Number.isNaN(item))) return undefined;
  return list as PropertyValue;
}

// ---------------------------------------------------------------- anchors

export class AllNodesScan implements ExpandStep {
  readonly kind = 'expand';
  constructor(readonly slot: number) {}

  *expand(row: Row, context: ExecutionContext): Iterable<Row> {
    for (const id of context.tx.allNodeIds()) yield bind(row, this.slot, new NodeRef(id));
  }
}

export class LabelScan implements ExpandStep {
  readonly kind = 'expand';
  constructor(
    readonly slot: number,
    readonly label: string,
  ) {}

  *expand(row: Row, context: ExecutionContext): Iterable<Row> {
    for (const id of context.tx.nodesWithLabel(this.label)) yield bind(row, this.slot, new NodeRef(id));
  }
}

/** Nodes with a label whose property equals a value: an index seek when an index covers (label, key). */
export class PropertySeek implements ExpandStep {
  readonly kind = 'expand';
  constructor(
    readonly slot: number,
    readonly label: string,
    readonly key: string,
    readonly value: Evaluator,
  ) {}

  *expand(row: Row, context: ExecutionContext): Iterable<Row> {
    const value = seekableValue(this.value(row, context));
    if (value === undefined) return;
    for (const id of context.tx.findNodes(this.label, this.key, value)) yield bind(row, this.slot, new NodeRef(id));
  }
}

/** `id(n) = x` (one id) or `id(n) IN list`. */
export class IdSeek implements ExpandStep {
  readonly kind = 'expand';
  constructor(
    readonly slot: number,
    readonly ids: Evaluator,
    readonly many: boolean,
  ) {}

  *expand(row: Row, context: ExecutionContext): Iterable<Row> {
    const value = this.ids(row, context);
    const candidates = this.many ? (Array.isArray(value) ? (value as readonly RuntimeValue[]) : []) : [value];
    const seen = new Set<number>();
    for (const candidate of candidates) {
      const id = typeof candidate === 'bigint' ? Number(candidate) : typeof candidate === 'number' && Number.isInteger(candidate) ? candidate : -1;
      if (id < 0 || !Number.isSafeInteger(id) || seen.has(id) || !context.tx.nodeExists(id)) continue;
      seen.add(id);
      yield bind(row, this.slot, new NodeRef(id));
    }
  }
}

/** A node variable bound before this MATCH: it must hold a node (null matches nothing). */
export class BoundNodeCheck implements FilterStep {
  readonly kind = 'filter';
  constructor(readonly slot: number) {}

  test(row: Row): boolean {
    return nodeIn(row, this.slot) !== undefined;
  }
}

// ---------------------------------------------------------------- filters

export class LabelFilter implements FilterStep {
  readonly kind = 'filter';
  constructor(
    readonly slot: number,
    readonly label: string,
  ) {}

  test(row: Row, context: ExecutionContext): boolean {
    return context.tx.hasLabel((row[this.slot] as NodeRef).id, this.label);
  }
}

/** `(n {key: value})` / `-[r {key: value}]-`: the entity's property equals the value. */
export class PropertyFilter implements FilterStep {
  readonly kind = 'filter';
  constructor(
    readonly slot: number,
    readonly key: string,
    readonly value: Evaluator,
  ) {}

  test(row: Row, context: ExecutionContext): boolean {
    return equals(property(row[this.slot]!, this.key, context), this.value(row, context)) === true;
  }
}

export class PredicateFilter implements FilterStep {
  readonly kind = 'filter';
  constructor(readonly predicate: (row: Row, context: ExecutionContext) => boolean) {}

  test(row: Row, context: ExecutionContext): boolean {
    return this.predicate(row, context);
  }
}

// ---------------------------------------------------------------- expansions

export interface ExpansionShape {
  readonly from: number;
  readonly relationship: number;
  readonly to: number;
  /** Seen from the `from` node. */
  readonly direction: Direction;
  readonly types: readonly string[];
  /** The `to` node is bound already: the expansion only checks it. */
  readonly toBound: boolean;
  /** Relationship slots bound earlier in this MATCH (uniqueness). */
  readonly unique: readonly number[];
}

function otherEnd(relationship: { readonly startNode: number; readonly endNode: number }, from: number, direction: Direction): number {
  if (direction === 'outgoing') return relationship.endNode;
  if (direction === 'incoming') return relationship.startNode;
  return relationship.startNode === from ? relationship.endNode : relationship.startNode;
}

/** One hop: binds the relationship and (unless bound) the node at its other end. */
export class Expand implements ExpandStep {
  readonly kind = 'expand';
  constructor(readonly shape: ExpansionShape) {}

  *expand(row: Row, context: ExecutionContext): Iterable<Row> {
    const shape = this.shape;
    const source = nodeIn(row, shape.from);
    if (source === undefined) return;
    const target = shape.toBound ? nodeIn(row, shape.to) : undefined;
    if (shape.toBound && target === undefined) return;
    for (const view of context.tx.relationships(source.id, shape.direction, shape.types)) {
      if (alreadyUsed(row, shape.unique, view.id)) continue;
      const other = otherEnd(view, source.id, shape.direction);
      if (target !== undefined && target.id !== other) continue;
      const next = row.slice();
      next[shape.relationship] = RelRef.of(view);
      if (target === undefined) next[shape.to] = new NodeRef(other);
      yield next;
    }
  }
}

/** A relationship variable bound before this MATCH: it must join the nodes as the pattern says. */
export class BoundRelationshipExpand implements ExpandStep {
  readonly kind = 'expand';
  constructor(readonly shape: ExpansionShape) {}

  *expand(row: Row): Iterable<Row> {
    const shape = this.shape;
    const source = nodeIn(row, shape.from);
    const value = row[shape.relationship] ?? null;
    if (source === undefined || value === null) return;
    if (!(value instanceof RelRef)) throw typeMismatch('Relationship', value);
    if (shape.types.length > 0 && !shape.types.includes(value.type)) return;
    if (alreadyUsed(row, shape.unique, value.id)) return;
    const joins =
      shape.direction === 'outgoing' ? value.startNode === source.id : shape.direction === 'incoming' ? value.endNode === source.id : value.startNode === source.id || value.endNode === source.id;
    if (!joins) return;
    const other = otherEnd(value, source.id, shape.direction);
    if (shape.toBound) {
      const target = nodeIn(row, shape.to);
      if (target !== undefined && target.id === other) yield row;
      return;
    }
    const next = row.slice();
    next[shape.to] = new NodeRef(other);
    yield next;
  }
}

/**
 * `*min..max` hops (depth-first); binds the list of relationships. No relationship twice
 * in one path, nor one bound earlier in the MATCH.
 */
export class VarLengthExpand implements ExpandStep {
  readonly kind = 'expand';
  constructor(
    readonly shape: ExpansionShape,
    readonly min: number,
    readonly max: number,
    /** Inline properties `-[:T* {k: v}]-`, which every relationship of the path must have. */
    readonly accept: ((relationship: RelRef, row: Row, context: ExecutionContext) => boolean) | undefined,
  ) {}

  *expand(row: Row, context: ExecutionContext): Iterable<Row> {
    const shape = this.shape;
    const source = nodeIn(row, shape.from);
    if (source === undefined) return;
    const target = shape.toBound ? nodeIn(row, shape.to) : undefined;
    if (shape.toBound && target === undefined) return;
    yield* this.#walk(source.id, { row, context, target, path: [], inPath: new Set() });
  }

  *#walk(node: number, walk: { row: Row; context: ExecutionContext; target: NodeRef | undefined; path: RelRef[]; inPath: Set<number> }): Generator<Row> {
    const { row, context, target, path, inPath } = walk;
    const shape = this.shape;
    if (path.length >= this.min && (target === undefined || target.id === node)) {
      const next = row.slice();
      next[shape.relationship] = path.slice();
      if (target === undefined) next[shape.to] = new NodeRef(node);
      yield next;
    }
    if (path.length >= this.max) return;
    for (const view of context.tx.relationships(node, shape.direction, shape.types)) {
      if (inPath.has(view.id) || alreadyUsed(row, shape.unique, view.id)) continue;
      const relationship = RelRef.of(view);
      if (this.accept !== undefined && !this.accept(relationship, row, context)) continue;
      path.push(relationship);
      inPath.add(view.id);
      yield* this.#walk(otherEnd(view, node, shape.direction), walk);
      path.pop();
      inPath.delete(view.id);
    }
  }
}

/** `p = (...)`: the path of a fully bound pattern part. */
export class BindPath implements ExpandStep {
  readonly kind = 'expand';
  constructor(
    readonly slot: number,
    readonly nodes: readonly number[],
    readonly relationships: readonly { readonly slot: number; readonly varLength: boolean }[],
  ) {}

  *expand(row: Row): Iterable<Row> {
    yield bind(row, this.slot, buildPath(row, this.nodes, this.relationships));
  }
}

export function buildPath(row: Row, nodeSlots: readonly number[], relationshipSlots: readonly { readonly slot: number; readonly varLength: boolean }[]): PathRef {
  const nodes: NodeRef[] = [row[nodeSlots[0]!] as NodeRef];
  const relationships: RelRef[] = [];
  for (let i = 0; i < relationshipSlots.length; i++) {
    const { slot, varLength } = relationshipSlots[i]!;
    if (varLength) {
      let current = nodes[nodes.length - 1]!.id;
      for (const relationship of row[slot] as readonly RelRef[]) {
        relationships.push(relationship);
        current = relationship.startNode === current ? relationship.endNode : relationship.startNode;
        nodes.push(new NodeRef(current));
      }
    } else {
      relationships.push(row[slot] as RelRef);
      nodes.push(row[nodeSlots[i + 1]!] as NodeRef);
    }
  }
  return new PathRef(nodes, relationships);
}
