/**
 * Result values: references turned into the snapshots of values.ts while the
 * transaction is still open, so the caller can render them after commit. An entity
 * deleted meanwhile is a snapshot with `deleted` set and nothing else.
 */
import type { Transaction } from '../tx/transaction.js';
import { NodeRef, PathRef, RelRef, type RuntimeValue } from './runtime-values.js';
import { mapValue, Node, Path, Relationship, type MapValue, type Value } from './values.js';

function properties(record: Readonly<Record<string, Value>>): MapValue {
  return mapValue(Object.keys(record).map((key) => [key, record[key]!] as const));
}

function node(ref: NodeRef, tx: Transaction): Node {
  if (!tx.nodeExists(ref.id)) return new Node(ref.id, [], mapValue([]), true);
  return new Node(ref.id, tx.nodeLabels(ref.id), properties(tx.nodeProperties(ref.id)));
}

function relationship(ref: RelRef, tx: Transaction): Relationship {
  if (tx.relationship(ref.id) === null) return new Relationship(ref.id, ref.type, ref.startNode, ref.endNode, mapValue([]), true);
  return new Relationship(ref.id, ref.type, ref.startNode, ref.endNode, properties(tx.relationshipProperties(ref.id)));
}

export function materialize(value: RuntimeValue | undefined, tx: Transaction): Value {
  if (value === undefined || value === null || typeof value !== 'object') return value ?? null;
  if (value instanceof NodeRef) return node(value, tx);
  if (value instanceof RelRef) return relationship(value, tx);
  if (value instanceof PathRef) {
    return new Path(
      value.nodes.map((ref) => node(ref, tx)),
      value.relationships.map((ref) => relationship(ref, tx)),
    );
  }
  if (Array.isArray(value)) {
    const list = value as readonly RuntimeValue[];
    return needsMaterializing(list) ? list.map((item) => materialize(item, tx)) : (list as readonly Value[]);
  }
  const map = value as Readonly<Record<string, RuntimeValue>>;
  return mapValue(Object.keys(map).map((key) => [key, materialize(map[key], tx)] as const));
}

function needsMaterializing(list: readonly RuntimeValue[]): boolean {
  for (const item of list) if (item !== null && typeof item === 'object') return true;
  return false;
}
