/**
 * Turns a transaction's logical changes into record changes, in an order that keeps the
 * store's chains valid at every step: relationships are removed before the nodes they
 * hang on, nodes are created before the relationships that link them.
 */
import type { NeoStores } from '../store/neo-stores.js';
import type { RecordChangeSet } from '../store/record-change-set.js';
import type { PropertyValue } from '../store/property-value.js';
import type { TransactionState } from './transaction-state.js';

export function writeTransactionState(state: TransactionState, stores: NeoStores, changes: RecordChangeSet): void {
  for (const change of state.relationships.values()) {
    if (change.deleted && !change.created) changes.deleteRelationship(change.id);
  }
  for (const change of state.nodes.values()) {
    if (!change.created || change.deleted) continue;
    changes.createNode(change.id, [...change.labelsAdded].sort((a, b) => a - b), present(change.properties));
  }
  for (const change of state.relationships.values()) {
    if (!change.created || change.deleted) continue;
    changes.createRelationship(change.id, change.type, change.startNode, change.endNode, present(change.properties));
  }
  for (const change of state.nodes.values()) {
    if (change.created || change.deleted) continue;
    if (change.labelsAdded.size > 0 || change.labelsRemoved.size > 0) {
      const labels = changes.nodeLabels(change.id).filter((labelId) => !change.labelsRemoved.has(labelId));
      for (const labelId of change.labelsAdded) if (!labels.includes(labelId)) labels.push(labelId);
      changes.setNodeLabels(change.id, labels.sort((a, b) => a - b));
    }
    for (const [keyId, value] of change.properties) {
      if (value === null) changes.removeNodeProperty(change.id, keyId);
      else changes.setNodeProperty(change.id, keyId, value);
    }
  }
  for (const change of state.relationships.values()) {
    if (change.created || change.deleted) continue;
    for (const [keyId, value] of change.properties) {
      if (value === null) changes.removeRelationshipProperty(change.id, keyId);
      else changes.setRelationshipProperty(change.id, keyId, value);
    }
  }
  for (const change of state.nodes.values()) {
    if (change.deleted && !change.created) changes.deleteNode(change.id);
  }
  for (const schemaChange of state.schema) {
    if (schemaChange.kind === 'drop') {
      changes.dropSchemaRule(schemaChange.ruleId);
    } else {
      changes.createSchemaRule({
        id: stores.allocateSchemaRuleId(),
        kind: schemaChange.ruleKind,
        name: schemaChange.name,
        labelId: schemaChange.labelId,
        propertyKeyId: schemaChange.propertyKeyId,
      });
    }
  }
}

function present(properties: ReadonlyMap<number, PropertyValue | null>): Map<number, PropertyValue> {
  const result = new Map<number, PropertyValue>();
  for (const [keyId, value] of properties) if (value !== null) result.set(keyId, value);
  return result;
}
