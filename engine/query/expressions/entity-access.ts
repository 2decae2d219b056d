/**
 * Reading entities through the transaction: properties, labels, and a node or
 * relationship as a map. Reading a property of an entity deleted in this transaction is
 * an error (EntityNotFound), as in Neo4j.
 */
import type { ExecutionContext } from '../execution-context.js';
import { entityNotFound, typeError, typeName } from '../query-errors.js';
import { NodeRef, RelRef, isRuntimeMap, newMap, type RuntimeMap, type RuntimeValue } from '../runtime-values.js';

export function property(value: RuntimeValue, key: string, context: ExecutionContext): RuntimeValue {
  if (value === null) return null;
  if (value instanceof NodeRef) {
    const found = context.tx.nodeProperty(value.id, key);
    if (found !== undefined) return found;
    if (!context.tx.nodeExists(value.id)) throw entityNotFound('Node', value.id);
    return null;
  }
  if (value instanceof RelRef) {
    const found = context.tx.relationshipProperty(value.id, key);
    if (found !== undefined) return found;
    if (context.tx.relationship(value.id) === null) throw entityNotFound('Relationship', value.id);
    return null;
  }
  if (isRuntimeMap(value)) return Object.hasOwn(value, key) ? value[key]! : null;
  throw typeError(`Type mismatch: expected Map, Node or Relationship but was ${typeName(value)} (reading property \`${key}\`)`);
}

/** The properties of a node or relationship as a fresh map; null for null; the map itself for a map. */
export function propertiesOf(value: RuntimeValue, context: ExecutionContext, what: string): RuntimeMap | null {
  if (value === null) return null;
  if (value instanceof NodeRef) {
    if (!context.tx.nodeExists(value.id)) throw entityNotFound('Node', value.id);
    return toMap(context.tx.nodeProperties(value.id));
  }
  if (value instanceof RelRef) {
    if (context.tx.relationship(value.id) === null) throw entityNotFound('Relationship', value.id);
    return toMap(context.tx.relationshipProperties(value.id));
  }
  if (isRuntimeMap(value)) return value;
  throw typeError(`Type mismatch: expected Map, Node or Relationship but was ${typeName(value)} (${what})`);
}

function toMap(properties: Readonly<Record<string, RuntimeValue>>): RuntimeMap {
  const map = newMap();
  for (const key of Object.keys(properties)) map[key] = properties[key]!;
  return map;
}
