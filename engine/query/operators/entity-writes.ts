/**
 * The writes of CREATE, MERGE, SET, REMOVE and DELETE, through the transaction, each
 * counted in the statement's statistics the way Neo4j counts it (a label already there
 * is not "added", removing a property that is not there sets nothing).
 *
 * Deleting a node that still has relationships is allowed until the end of the statement,
 * as Neo4j allows it until commit (`MATCH (n)-[r]-() DELETE n, r` deletes a node before its
 * second relationship): such a node is deleted by finishDeletes(), which refuses it then
 * if relationships remain.
 */
import { Neo4jError } from '../../../protocol/errors.js';
import type { PropertyValue } from '../../store/property-value.js';
import type { ExecutionContext } from '../execution-context.js';
import { propertiesOf } from '../expressions/entity-access.js';
import { typeError, typeMismatch } from '../query-errors.js';
import { NodeRef, PathRef, RelRef, isRuntimeMap, type RuntimeMap, type RuntimeValue } from '../runtime-values.js';

const NOT_PRIMITIVE = 'Property values can only be of primitive types or arrays thereof';

/** The value as a property value, null to remove the property; a TypeError for what cannot be stored. */
export function toPropertyValue(value: RuntimeValue): PropertyValue | null {
  switch (typeof value) {
    case 'boolean':
    case 'bigint':
    case 'number':
    case 'string':
      return value;
  }
  if (value === null) return null;
  if (!Array.isArray(value)) throw typeError(NOT_PRIMITIVE);
  const list = value as readonly RuntimeValue[];
  let type: string | undefined;
  for (const item of list) {
    if (item === null) throw typeError('Collections containing null values can not be stored in properties.');
    const itemType = typeof item;
    if (itemType !== 'boolean' && itemType !== 'bigint' && itemType !== 'number' && itemType !== 'string') throw typeError(NOT_PRIMITIVE);
    if (type !== undefined && itemType !== type) throw typeError('Collections containing mixed types can not be stored in properties.');
    type = itemType;
  }
  return list as PropertyValue;
}

/** A properties map of CREATE/MERGE as stored values, nulls left out. */
export function propertyMap(value: RuntimeValue): Record<string, PropertyValue> {
  if (!isRuntimeMap(value)) throw typeMismatch('Map', value);
  const properties: Record<string, PropertyValue> = Object.create(null) as Record<string, PropertyValue>;
  for (const key of Object.keys(value)) {
    const stored = toPropertyValue(value[key]!);
    if (stored !== null) properties[key] = stored;
  }
  return properties;
}

export async function createNode(labels: readonly string[], properties: Record<string, PropertyValue>, context: ExecutionContext): Promise<NodeRef> {
  const id = await context.tx.createNode(labels, properties);
  const statistics = context.statistics;
  statistics.nodesCreated++;
  statistics.labelsAdded += new Set(labels).size;
  statistics.propertiesSet += Object.keys(properties).length;
  return new NodeRef(id);
}

export async function createRelationship(
  start: NodeRef,
  end: NodeRef,
  type: string,
  properties: Record<string, PropertyValue>,
  context: ExecutionContext,
): Promise<RelRef> {
  const id = await context.tx.createRelationship(start.id, end.id, type, properties);
  context.statistics.relationshipsCreated++;
  context.statistics.propertiesSet += Object.keys(properties).length;
  return new RelRef(id, type, start.id, end.id);
}

function currentValue(entity: NodeRef | RelRef, key: string, context: ExecutionContext): PropertyValue | undefined {
  return entity instanceof NodeRef ? context.tx.nodeProperty(entity.id, key) : context.tx.relationshipProperty(entity.id, key);
}

function entity(target: RuntimeValue): NodeRef | RelRef | null {
  if (target === null) return null;
  if (target instanceof NodeRef || target instanceof RelRef) return target;
  throw typeMismatch('Node or Relationship', target);
}

/** Locks the entity a SET is about to change before its new value is computed (no lost updates). */
export async function lockForWrite(target: RuntimeValue, context: ExecutionContext): Promise<void> {
  if (target instanceof NodeRef) await context.tx.lockForWrite('node', target.id);
  else if (target instanceof RelRef) await context.tx.lockForWrite('relationship', target.id);
}

/** `SET x.key = value`; null as the target does nothing, null as the value removes the property. */
export async function setProperty(target: RuntimeValue, key: string, value: RuntimeValue, context: ExecutionContext): Promise<void> {
  const found = entity(target);
  if (found === null) return;
  const stored = toPropertyValue(value);
  if (stored === null && currentValue(found, key, context) === undefined) {
    // Still takes the write lock, and fails for a deleted entity, as the write would.
    if (found instanceof NodeRef) await context.tx.removeNodeProperty(found.id, key);
    else await context.tx.removeRelationshipProperty(found.id, key);
    return;
  }
  if (found instanceof NodeRef) await context.tx.setNodeProperty(found.id, key, stored);
  else await context.tx.setRelationshipProperty(found.id, key, stored);
  context.statistics.propertiesSet++;
}

/** `SET x = map` (replace) and `SET x += map` (merge); the map may also be a node or relationship. */
export async function setProperties(target: RuntimeValue, source: RuntimeValue, merge: boolean, context: ExecutionContext): Promise<void> {
  const found = entity(target);
  if (found === null) return;
  const map: RuntimeMap = source === null ? Object.create(null) : propertiesOf(source, context, 'SET')!;
  if (!merge) {
    const existing = found instanceof NodeRef ? context.tx.nodeProperties(found.id) : context.tx.relationshipProperties(found.id);
    for (const key of Object.keys(existing)) {
      if (!Object.hasOwn(map, key) || map[key] === null) await setProperty(found, key, null, context);
    }
  }
  for (const key of Object.keys(map)) await setProperty(found, key, map[key]!, context);
}

export async function addLabels(target: RuntimeValue, labels: readonly string[], context: ExecutionContext): Promise<void> {
  if (target === null) return;
  if (!(target instanceof NodeRef)) throw typeMismatch('Node', target);
  for (const label of labels) {
    if (context.tx.hasLabel(target.id, label)) continue;
    await context.tx.addLabel(target.id, label);
    context.statistics.labelsAdded++;
  }
}

export async function removeLabels(target: RuntimeValue, labels: readonly string[], context: ExecutionContext): Promise<void> {
  if (target === null) return;
  if (!(target instanceof NodeRef)) throw typeMismatch('Node', target);
  for (const label of labels) {
    if (!context.tx.hasLabel(target.id, label)) continue;
    await context.tx.removeLabel(target.id, label);
    context.statistics.labelsRemoved++;
  }
}

async function deleteRelationship(relationship: RelRef, context: ExecutionContext): Promise<void> {
  if (context.tx.relationship(relationship.id) === null) return;
  await context.tx.deleteRelationship(relationship.id);
  context.statistics.relationshipsDeleted++;
}

async function deleteNode(node: NodeRef, detach: boolean, context: ExecutionContext): Promise<void> {
  const tx = context.tx;
  if (!tx.nodeExists(node.id)) return;
  const relationships = tx.relationships(node.id);
  if (relationships.length > 0) {
    if (!detach) {
      context.pendingNodeDeletes.add(node.id);
      return;
    }
    for (const relationship of relationships) await deleteRelationship(RelRef.of(relationship), context);
  }
  await tx.deleteNode(node.id);
  context.statistics.nodesDeleted++;
}

/** DELETE / DETACH DELETE of a node, relationship, path (or a list of them); null does nothing. */
export async function deleteValue(value: RuntimeValue, detach: boolean, context: ExecutionContext): Promise<void> {
  if (value === null) return;
  if (value instanceof NodeRef) return deleteNode(value, detach, context);
  if (value instanceof RelRef) return deleteRelationship(value, context);
  if (value instanceof PathRef) {
    for (const relationship of value.relationships) await deleteRelationship(relationship, context);
    for (const node of value.nodes) await deleteNode(node, detach, context);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value as readonly RuntimeValue[]) await deleteValue(item, detach, context);
    return;
  }
  throw typeMismatch('Node, Relationship or Path', value);
}

/** Deletes the nodes DELETE left for the end of the statement; a node still connected then is refused. */
export async function finishDeletes(context: ExecutionContext): Promise<void> {
  for (const id of context.pendingNodeDeletes) {
    if (!context.tx.nodeExists(id)) continue;
    if (context.tx.relationships(id).length > 0) {
      throw new Neo4jError(
        'Neo.ClientError.Schema.ConstraintValidationFailed',
        `Cannot delete node<${id}>, because it still has relationships. To delete this node, you must first delete its relationships.`,
      );
    }
    await context.tx.deleteNode(id);
    context.statistics.nodesDeleted++;
  }
  context.pendingNodeDeletes.clear();
}
