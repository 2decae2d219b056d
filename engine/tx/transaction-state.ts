/**
 * What one transaction has changed so far, as logical changes over the committed store:
 * created, changed and deleted nodes and relationships. Reads of the transaction merge
 * these over the store (read your own writes); commit turns them into records.
 */
import type { PropertyValue } from '../store/property-value.js';

export interface NodeChange {
  readonly id: number;
  readonly created: boolean;
  deleted: boolean;
  readonly labelsAdded: Set<number>;
  readonly labelsRemoved: Set<number>;
  /** property key id -> new value, or null when removed */
  readonly properties: Map<number, PropertyValue | null>;
}

export interface RelationshipChange {
  readonly id: number;
  readonly created: boolean;
  deleted: boolean;
  readonly type: number;
  readonly startNode: number;
  readonly endNode: number;
  readonly properties: Map<number, PropertyValue | null>;
}

export type SchemaChange =
  | { readonly kind: 'create'; readonly ruleKind: 'index' | 'uniqueness'; readonly name: string; readonly labelId: number; readonly propertyKeyId: number }
  | { readonly kind: 'drop'; readonly ruleId: number };

export class TransactionState {
  readonly nodes = new Map<number, NodeChange>();
  readonly relationships = new Map<number, RelationshipChange>();
  /** node id -> relationships this transaction created on it */
  readonly createdRelationshipsOf = new Map<number, Set<number>>();
  readonly schema: SchemaChange[] = [];

  get isEmpty(): boolean {
    return this.nodes.size === 0 && this.relationships.size === 0 && this.schema.length === 0;
  }

  get hasDataChanges(): boolean {
    return this.nodes.size > 0 || this.relationships.size > 0;
  }

  createNode(id: number, labels: Iterable<number>, properties: Map<number, PropertyValue | null>): NodeChange {
    const change: NodeChange = {
      id,
      created: true,
      deleted: false,
      labelsAdded: new Set(labels),
      labelsRemoved: new Set(),
      properties,
    };
    this.nodes.set(id, change);
    return change;
  }

  /** The change record of an existing node, created on first use. */
  changeNode(id: number): NodeChange {
    let change = this.nodes.get(id);
    if (change === undefined) {
      change = { id, created: false, deleted: false, labelsAdded: new Set(), labelsRemoved: new Set(), properties: new Map() };
      this.nodes.set(id, change);
    }
    return change;
  }

  createRelationship(
    id: number,
    type: number,
    startNode: number,
    endNode: number,
    properties: Map<number, PropertyValue | null>,
  ): RelationshipChange {
    const change: RelationshipChange = { id, created: true, deleted: false, type, startNode, endNode, properties };
    this.relationships.set(id, change);
    this.#linkCreated(startNode, id);
    if (endNode !== startNode) this.#linkCreated(endNode, id);
    return change;
  }

  changeRelationship(id: number, type: number, startNode: number, endNode: number): RelationshipChange {
    let change = this.relationships.get(id);
    if (change === undefined) {
      change = { id, created: false, deleted: false, type, startNode, endNode, properties: new Map() };
      this.relationships.set(id, change);
    }
    return change;
  }

  #linkCreated(nodeId: number, relationshipId: number): void {
    let ids = this.createdRelationshipsOf.get(nodeId);
    if (ids === undefined) this.createdRelationshipsOf.set(nodeId, (ids = new Set()));
    ids.add(relationshipId);
  }
}
