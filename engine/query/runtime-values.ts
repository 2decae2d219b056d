/**
 * Values while a statement runs. Entities are references (ids), not snapshots: a node's
 * labels and properties are read from the transaction when an expression asks, so a
 * later clause sees what an earlier SET wrote. Results turn references into the
 * snapshots of values.ts (materialize.ts) before the caller gets them.
 *
 * A row is an array of slots; the planner gives every variable of a query part a slot
 * number, so an expression reads `row[slot]` instead of looking a name up.
 */
import type { RelationshipView } from '../tx/transaction.js';

export class NodeRef {
  constructor(readonly id: number) {}
}

export class RelRef {
  constructor(
    readonly id: number,
    readonly type: string,
    readonly startNode: number,
    readonly endNode: number,
  ) {}

  static of(view: RelationshipView): RelRef {
    return new RelRef(view.id, view.type, view.startNode, view.endNode);
  }
}

export class PathRef {
  /** nodes.length === relationships.length + 1; relationships[i] joins nodes[i] and nodes[i + 1]. */
  constructor(
    readonly nodes: readonly NodeRef[],
    readonly relationships: readonly RelRef[],
  ) {}
}

export type RuntimeValue = null | boolean | bigint | number | string | readonly RuntimeValue[] | RuntimeMap | NodeRef | RelRef | PathRef;

/** A map: a plain object with a null prototype (so `__proto__` is an ordinary key). */
export interface RuntimeMap {
  readonly [key: string]: RuntimeValue;
}

/** Slots of the variables of one query part; a slot not bound yet is undefined. */
export type Row = (RuntimeValue | undefined)[];

export function isRuntimeMap(value: RuntimeValue | undefined): value is RuntimeMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === null || prototype === Object.prototype;
}

export function isList(value: RuntimeValue | undefined): value is readonly RuntimeValue[] {
  return Array.isArray(value);
}

export function newMap(): Record<string, RuntimeValue> {
  return Object.create(null) as Record<string, RuntimeValue>;
}
