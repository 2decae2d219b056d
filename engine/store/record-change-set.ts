/**
 * Turns one transaction's logical changes (create a node, set a property, delete a
 * relationship, ...) into the after-images of the records they change.
 *
 * The change set reads every record through its own working copies first, then the
 * after-images of transactions still waiting to be applied (PendingRecords), then the
 * committed store, so later operations see earlier ones and back-to-back commits see each
 * other. It writes nothing to the store: payload() hands the after-images to the
 * transaction log, and NeoStores.apply() writes them once the log entry is durable.
 *
 * Ids of the records it creates besides nodes, relationships, tokens and schema rules
 * (property records, dynamic records) are allocated here; abort() gives them back.
 * Records it frees join the free lists only when apply() writes them out of use.
 *
 * Contract with the caller (the transaction layer): it holds the locks that keep other
 * change sets off the same entities; it deletes a node's relationships before the node.
 */
import { encodeArray } from './array-codec.js';
import { dataSizeOf, decodeDynamic, encodeDynamic, type DynamicRecord } from './dynamic-record.js';
import { encodeLabelArray } from './label-array.js';
import { decodeNode, encodeNode, labelsFitInline, type NodeRecord } from './node-record.js';
import type { PendingRecords } from './pending-records.js';
import {
  BLOCK_AREA_SIZE,
  BLOCK_SIZE,
  blockCount,
  blockPointer,
  blockType,
  findBlock,
  inlineBlocks,
  MAX_PROPERTY_KEY_ID,
  PropertyType,
  removeBlocks,
  usedBlockBytes,
  writeDynamicProperty,
  writeInlineProperty,
} from './property-block.js';
import { decodeProperty, emptyPropertyRecord, encodeProperty, type PropertyRecord } from './property-record.js';
import { checkPropertyValue, checkStoredString, type PropertyValue } from './property-value.js';
import type { RecordCommand, TransactionPayload } from './record-command.js';
import { checkRecordId, NO_ID } from './record-id.js';
import { dynamicStoreOf, entityNotFound, findPropertyRecord, inconsistency, readNodeLabels, type RecordReader } from './record-reader.js';
import type { RecordDecoder, RecordStore } from './record-store.js';
import {
  chainNext,
  chainPrev,
  decodeRelationship,
  encodeRelationship,
  setChainNext,
  setChainPrev,
  type RelationshipRecord,
} from './relationship-record.js';
import { checkSchemaRule, encodeSchemaRule, type SchemaRule } from './schema-rule.js';
import { idOfKey, recordKey, storeDescriptors, storeOfKey, StoreType } from './store-type.js';
import { tokenStores, type TokenKind } from './token-kind.js';
import { decodeToken, encodeToken, type TokenRecord } from './token-record.js';

type PropertyOwner = NodeRecord | RelationshipRecord;
type OwnerStore = typeof StoreType.node | typeof StoreType.relationship;

export class RecordChangeSet implements RecordReader {
  readonly #stores: readonly RecordStore[];
  readonly #pending: PendingRecords;
  // Working copies by record: read ones are cached too, so every read sees earlier changes.
  readonly #nodes = new Map<number, NodeRecord>();
  readonly #relationships = new Map<number, RelationshipRecord>();
  readonly #properties = new Map<number, PropertyRecord>();
  readonly #dynamics = new Map<number, DynamicRecord>();
  readonly #tokens = new Map<number, TokenRecord>();
  /** recordKey of every record to write */
  readonly #changed = new Set<number>();
  /** recordKey of every id allocated here, for abort() */
  readonly #allocated: number[] = [];
  readonly #touchedNodes = new Set<number>();

  /** Built by NeoStores.newChangeSet. */
  constructor(stores: readonly RecordStore[], pending: PendingRecords) {
    this.#stores = stores;
    this.#pending = pending;
  }

  // ---- RecordReader: the working view ----

  node(id: number): NodeRecord {
    return this.#load(this.#nodes, StoreType.node, id, id, decodeNode);
  }

  relationship(id: number): RelationshipRecord {
    return this.#load(this.#relationships, StoreType.relationship, id, id, decodeRelationship);
  }

  property(id: number): PropertyRecord {
    return this.#load(this.#properties, StoreType.property, id, id, decodeProperty);
  }

  dynamic(store: StoreType, id: number): DynamicRecord {
    return this.#load(this.#dynamics, store, recordKey(store, id), id, decodeDynamic);
  }

  token(store: StoreType, id: number): TokenRecord {
    return this.#load(this.#tokens, store, recordKey(store, id), id, decodeToken);
  }

  highId(store: StoreType): number {
    return this.#stores[store]!.ids.highId;
  }

  // ---- nodes ----

  /** The node's label ids as this change set sees them (own changes, then pending, then the store), ascending. */
  nodeLabels(id: number): number[] {
    return readNodeLabels(this, this.#existingNode(id));
  }

  createNode(id: number, labelIds: readonly number[], properties: ReadonlyMap<number, PropertyValue>): void {
    checkRecordId('node', id);
    const labels = normalizeLabels(labelIds);
    checkProperties(properties);
    const node = this.node(id);
    if (node.inUse) throw new Error(`node ${id} already exists: a new node needs an id from allocateNodeId()`);
    node.inUse = true;
    node.firstRel = NO_ID;
    node.firstProp = NO_ID;
    node.inlineLabels = [];
    node.dynamicLabels = NO_ID;
    this.#changed.add(recordKey(StoreType.node, id));
    this.#writeLabels(node, labels);
    node.firstProp = this.#createPropertyChain(properties);
    this.#touchedNodes.add(id);
  }

  /** The caller guarantees the node has no relationships left; frees its property and label records. */
  deleteNode(id: number): void {
    const node = this.#existingNode(id);
    if (node.firstRel !== NO_ID) {
      throw new Error(`node ${id} still has relationships (relationship ${node.firstRel} first): delete them before the node`);
    }
    this.#changed.add(recordKey(StoreType.node, id));
    this.#freePropertyChain(node.firstProp);
    if (node.dynamicLabels !== NO_ID) this.#freeDynamic(StoreType.nodeLabels, node.dynamicLabels);
    node.inUse = false;
    node.firstProp = NO_ID;
    node.inlineLabels = [];
    node.dynamicLabels = NO_ID;
    this.#touchedNodes.add(id);
  }

  setNodeLabels(id: number, labelIds: readonly number[]): void {
    const labels = normalizeLabels(labelIds);
    const node = this.#existingNode(id);
    this.#changed.add(recordKey(StoreType.node, id));
    if (node.dynamicLabels !== NO_ID) this.#freeDynamic(StoreType.nodeLabels, node.dynamicLabels);
    this.#writeLabels(node, labels);
    this.#touchedNodes.add(id);
  }

  /** Adds the property or replaces its value. */
  setNodeProperty(id: number, keyId: number, value: PropertyValue): void {
    checkPropertyKey(keyId);
    checkPropertyValue(value);
    const node = this.#existingNode(id);
    this.#removeProperty(StoreType.node, node, keyId);
    this.#addProperty(StoreType.node, node, keyId, value);
    this.#touchedNodes.add(id);
  }

  /** Removes the property; nothing happens when the node does not have it. */
  removeNodeProperty(id: number, keyId: number): void {
    checkPropertyKey(keyId);
    const node = this.#existingNode(id);
    if (this.#removeProperty(StoreType.node, node, keyId)) this.#touchedNodes.add(id);
  }

  // ---- relationships ----

  createRelationship(
    id: number,
    typeId: number,
    startNode: number,
    endNode: number,
    properties: ReadonlyMap<number, PropertyValue>,
  ): void {
    checkRecordId('relationship', id);
    checkRecordId('relationship type', typeId);
    checkProperties(properties);
    const relationship = this.relationship(id);
    if (relationship.inUse) {
      throw new Error(`relationship ${id} already exists: a new relationship needs an id from allocateRelationshipId()`);
    }
    const start = this.#existingNode(startNode);
    const end = startNode === endNode ? start : this.#existingNode(endNode);
    relationship.inUse = true;
    relationship.type = typeId;
    relationship.startNode = startNode;
    relationship.endNode = endNode;
    relationship.startPrev = relationship.startNext = relationship.endPrev = relationship.endNext = NO_ID;
    relationship.firstInStartChain = relationship.firstInEndChain = false;
    this.#changed.add(recordKey(StoreType.relationship, id));
    relationship.firstProp = this.#createPropertyChain(properties);
    this.#linkAtHead(relationship, start);
    // A self-loop is in its node's chain once, through its start fields.
    if (end !== start) this.#linkAtHead(relationship, end);
  }

  /** Unlinks the relationship from both chains and frees its properties. */
  deleteRelationship(id: number): void {
    const relationship = this.#existingRelationship(id);
    this.#changed.add(recordKey(StoreType.relationship, id));
    this.#unlink(relationship, relationship.startNode);
    if (relationship.endNode !== relationship.startNode) this.#unlink(relationship, relationship.endNode);
    this.#freePropertyChain(relationship.firstProp);
    relationship.inUse = false;
  }

  setRelationshipProperty(id: number, keyId: number, value: PropertyValue): void {
    checkPropertyKey(keyId);
    checkPropertyValue(value);
    const relationship = this.#existingRelationship(id);
    this.#removeProperty(StoreType.relationship, relationship, keyId);
    this.#addProperty(StoreType.relationship, relationship, keyId, value);
  }

  removeRelationshipProperty(id: number, keyId: number): void {
    checkPropertyKey(keyId);
    this.#removeProperty(StoreType.relationship, this.#existingRelationship(id), keyId);
  }

  // ---- tokens and schema ----

  /** Writes a token whose id came from NeoStores.allocateTokenId. */
  createToken(kind: TokenKind, id: number, name: string): void {
    checkRecordId(`${kind} token`, id);
    checkStoredString(name, `the name of ${kind} token ${id}`);
    const stores = tokenStores[kind];
    const token = this.token(stores.token, id);
    if (token.inUse) throw new Error(`${kind} token ${id} already exists: a new token needs an id from allocateTokenId()`);
    token.inUse = true;
    token.nameRecord = this.#writeDynamic(stores.names, Buffer.from(name, 'utf8'), NO_ID);
    this.#changed.add(recordKey(stores.token, id));
  }

  /** Writes a rule whose id came from NeoStores.allocateSchemaRuleId. */
  createSchemaRule(rule: SchemaRule): void {
    checkSchemaRule(rule);
    if (this.dynamic(StoreType.schema, rule.id).inUse) {
      throw new Error(`schema rule ${rule.id} already exists: a new rule needs an id from allocateSchemaRuleId()`);
    }
    this.#writeDynamic(StoreType.schema, encodeSchemaRule(rule), rule.id);
  }

  dropSchemaRule(id: number): void {
    checkRecordId('schema rule', id);
    const head = this.dynamic(StoreType.schema, id);
    if (!head.inUse || !head.first) throw new Error(`schema rule ${id} does not exist, so it cannot be dropped`);
    this.#freeDynamic(StoreType.schema, id);
  }

  // ---- results ----

  /** Every changed record's after-image, ordered by store and id, plus the touched nodes, ascending. */
  payload(): TransactionPayload {
    const keys = [...this.#changed].sort((a, b) => a - b);
    const commands: RecordCommand[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const store = storeOfKey(key);
      const id = idOfKey(key);
      commands[i] = { store, id, after: this.#encode(store, key, id) };
    }
    return { commands, touchedNodes: [...this.#touchedNodes].sort((a, b) => a - b) };
  }

  /** For a transaction that will not commit: gives back the ids this change set allocated. */
  abort(): void {
    for (const key of this.#allocated) this.#stores[storeOfKey(key)]!.ids.release(idOfKey(key));
    this.#allocated.length = 0;
    this.#changed.clear();
    this.#touchedNodes.clear();
  }

  // ---- internals ----

  #load<R>(map: Map<number, R>, store: StoreType, key: number, id: number, decode: RecordDecoder<R>): R {
    let record = map.get(key);
    if (record === undefined) {
      const pending = this.#pending.get(store, id);
      record = pending !== undefined ? decode(pending, 0, id, pending.length) : this.#stores[store]!.read(id, decode);
      map.set(key, record);
    }
    return record;
  }

  #encode(store: StoreType, key: number, id: number): Buffer {
    const descriptor = storeDescriptors[store]!;
    const after = Buffer.allocUnsafe(descriptor.recordSize);
    switch (descriptor.format) {
      case 'node':
        encodeNode(this.#nodes.get(id)!, after, 0);
        break;
      case 'relationship':
        encodeRelationship(this.#relationships.get(id)!, after, 0);
        break;
      case 'property':
        encodeProperty(this.#properties.get(id)!, after, 0);
        break;
      case 'dynamic':
        encodeDynamic(this.#dynamics.get(key)!, after, 0, descriptor.recordSize);
        break;
      case 'token':
        encodeToken(this.#tokens.get(key)!, after, 0);
        break;
    }
    return after;
  }

  #allocate(store: StoreType): number {
    const id = this.#stores[store]!.ids.allocate();
    this.#allocated.push(recordKey(store, id));
    return id;
  }

  #existingNode(id: number): NodeRecord {
    checkRecordId('node', id);
    const node = this.node(id);
    if (!node.inUse) throw entityNotFound('node', id);
    return node;
  }

  #existingRelationship(id: number): RelationshipRecord {
    checkRecordId('relationship', id);
    const relationship = this.relationship(id);
    if (!relationship.inUse) throw entityNotFound('relationship', id);
    return relationship;
  }

  /** A relationship another record points at, for changing it. */
  #linkedRelationship(id: number, from: string): RelationshipRecord {
    const relationship = this.relationship(id);
    if (!relationship.inUse) throw inconsistency(`${from} points at relationship ${id}, which is not in use`);
    this.#changed.add(recordKey(StoreType.relationship, id));
    return relationship;
  }

  #writeLabels(node: NodeRecord, labels: number[]): void {
    if (labelsFitInline(labels)) {
      node.inlineLabels = labels;
      node.dynamicLabels = NO_ID;
    } else {
      node.inlineLabels = [];
      node.dynamicLabels = this.#writeDynamic(StoreType.nodeLabels, encodeLabelArray(labels), NO_ID);
    }
  }

  /** Puts the relationship at the head of `node`'s chain. */
  #linkAtHead(relationship: RelationshipRecord, node: NodeRecord): void {
    const head = node.firstRel;
    setChainPrev(relationship, node.id, NO_ID);
    setChainNext(relationship, node.id, head);
    if (head !== NO_ID) setChainPrev(this.#linkedRelationship(head, `node ${node.id}`), node.id, relationship.id);
    node.firstRel = relationship.id;
    this.#changed.add(recordKey(StoreType.node, node.id));
  }

  /** Takes the relationship out of `nodeId`'s chain, joining its neighbours. */
  #unlink(relationship: RelationshipRecord, nodeId: number): void {
    const prev = chainPrev(relationship, nodeId);
    const next = chainNext(relationship, nodeId);
    if (prev === NO_ID) {
      const node = this.node(nodeId);
      if (!node.inUse) {
        throw new Error(`relationship ${relationship.id} is attached to node ${nodeId}, which was deleted: delete relationships before their nodes`);
      }
      if (node.firstRel !== relationship.id) {
        throw inconsistency(`relationship ${relationship.id} is first in node ${nodeId}'s chain, but the node starts with ${node.firstRel}`);
      }
      node.firstRel = next;
      this.#changed.add(recordKey(StoreType.node, nodeId));
    } else {
      setChainNext(this.#linkedRelationship(prev, `relationship ${relationship.id}`), nodeId, next);
    }
    if (next !== NO_ID) setChainPrev(this.#linkedRelationship(next, `relationship ${relationship.id}`), nodeId, prev);
  }

  #newPropertyRecord(): PropertyRecord {
    const record = emptyPropertyRecord(this.#allocate(StoreType.property));
    record.inUse = true;
    this.#properties.set(record.id, record);
    this.#changed.add(recordKey(StoreType.property, record.id));
    return record;
  }

  /** Packs `properties` (by ascending key) into a new chain; returns its first record or NO_ID. */
  #createPropertyChain(properties: ReadonlyMap<number, PropertyValue>): number {
    if (properties.size === 0) return NO_ID;
    const keys = [...properties.keys()].sort((a, b) => a - b);
    let first = NO_ID;
    let current: PropertyRecord | undefined;
    let used = 0;
    for (const keyId of keys) {
      const value = properties.get(keyId)!;
      const inline = inlineBlocks(value);
      const size = (inline === 0 ? 1 : inline) * BLOCK_SIZE;
      if (current === undefined || used + size > BLOCK_AREA_SIZE) {
        const record = this.#newPropertyRecord();
        if (current === undefined) {
          first = record.id;
        } else {
          current.nextProp = record.id;
          record.prevProp = current.id;
        }
        current = record;
        used = 0;
      }
      this.#writeProperty(current.blocks, used, keyId, value, inline);
      used += size;
    }
    return first;
  }

  #writeProperty(blocks: Buffer, offset: number, keyId: number, value: PropertyValue, inline: number): void {
    if (inline > 0) {
      writeInlineProperty(blocks, offset, keyId, value);
    } else if (typeof value === 'string') {
      const first = this.#writeDynamic(StoreType.propertyStrings, Buffer.from(value, 'utf8'), NO_ID);
      writeDynamicProperty(blocks, offset, keyId, PropertyType.string, first);
    } else {
      const first = this.#writeDynamic(StoreType.propertyArrays, encodeArray(value as readonly string[]), NO_ID);
      writeDynamicProperty(blocks, offset, keyId, PropertyType.array, first);
    }
  }

  #addProperty(ownerStore: OwnerStore, owner: PropertyOwner, keyId: number, value: PropertyValue): void {
    const inline = inlineBlocks(value);
    const size = (inline === 0 ? 1 : inline) * BLOCK_SIZE;
    let target = findPropertyRecord(this, owner.firstProp, (record) => usedBlockBytes(record.blocks) + size <= BLOCK_AREA_SIZE);
    if (target === undefined) {
      target = this.#newPropertyRecord();
      target.nextProp = owner.firstProp;
      if (owner.firstProp !== NO_ID) this.#changeProperty(owner.firstProp).prevProp = target.id;
      owner.firstProp = target.id;
      this.#changed.add(recordKey(ownerStore, owner.id));
    } else {
      this.#changed.add(recordKey(StoreType.property, target.id));
    }
    this.#writeProperty(target.blocks, usedBlockBytes(target.blocks), keyId, value, inline);
  }

  /** Returns whether the owner had the property. */
  #removeProperty(ownerStore: OwnerStore, owner: PropertyOwner, keyId: number): boolean {
    const record = findPropertyRecord(this, owner.firstProp, (candidate) => findBlock(candidate.blocks, keyId) >= 0);
    if (record === undefined) return false;
    this.#changed.add(recordKey(StoreType.property, record.id));
    const offset = findBlock(record.blocks, keyId);
    const store = dynamicStoreOf(blockType(record.blocks, offset));
    if (store !== undefined) this.#freeDynamic(store, blockPointer(record.blocks, offset));
    removeBlocks(record.blocks, offset);
    if (usedBlockBytes(record.blocks) > 0) return true;
    // An emptied record leaves the chain.
    if (record.prevProp === NO_ID) {
      owner.firstProp = record.nextProp;
      this.#changed.add(recordKey(ownerStore, owner.id));
    } else {
      this.#changeProperty(record.prevProp).nextProp = record.nextProp;
    }
    if (record.nextProp !== NO_ID) this.#changeProperty(record.nextProp).prevProp = record.prevProp;
    record.inUse = false;
    return true;
  }

  #changeProperty(id: number): PropertyRecord {
    const record = this.property(id);
    if (!record.inUse) throw inconsistency(`a property chain points at property record ${id}, which is not in use`);
    this.#changed.add(recordKey(StoreType.property, id));
    return record;
  }

  /** Takes every record of a property chain, and the values they point at, out of use. */
  #freePropertyChain(first: number): void {
    findPropertyRecord(this, first, (record) => {
      this.#changed.add(recordKey(StoreType.property, record.id));
      const blocks = record.blocks;
      const used = usedBlockBytes(blocks);
      for (let offset = 0; offset < used; offset += blockCount(blocks, offset) * BLOCK_SIZE) {
        const store = dynamicStoreOf(blockType(blocks, offset));
        if (store !== undefined) this.#freeDynamic(store, blockPointer(blocks, offset));
      }
      // The walk reads nextProp after this; the encoder writes a record out of use as zeros.
      record.inUse = false;
      return false;
    });
  }

  /**
   * Writes `bytes` as a new dynamic chain of `store` and returns its first record: `firstId`
   * when given (an id allocated by the caller), else a newly allocated one.
   */
  #writeDynamic(store: StoreType, bytes: Buffer, firstId: number): number {
    const dataSize = dataSizeOf(storeDescriptors[store]!.recordSize);
    const count = Math.max(1, Math.ceil(bytes.length / dataSize));
    const first = firstId === NO_ID ? this.#allocate(store) : firstId;
    let id = first;
    for (let i = 0; i < count; i++) {
      const next = i + 1 < count ? this.#allocate(store) : NO_ID;
      const key = recordKey(store, id);
      this.#dynamics.set(key, {
        id,
        inUse: true,
        first: i === 0,
        next,
        data: bytes.subarray(i * dataSize, Math.min(bytes.length, (i + 1) * dataSize)),
      });
      this.#changed.add(key);
      id = next;
    }
    return first;
  }

  #freeDynamic(store: StoreType, first: number): void {
    let limit = this.highId(store);
    for (let id = first; id !== NO_ID; ) {
      const record = this.dynamic(store, id);
      if (!record.inUse || limit-- <= 0) {
        throw inconsistency(
          `${storeDescriptors[store]!.fileName} record ${id} in the chain starting at ${first} ${record.inUse ? 'closes a cycle' : 'is not in use'}`,
        );
      }
      this.#changed.add(recordKey(store, id));
      record.inUse = false;
      id = record.next;
    }
  }
}

function checkPropertyKey(keyId: number): void {
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > MAX_PROPERTY_KEY_ID) {
    throw new Error(`property key id ${keyId} cannot be stored: expected an integer from 0 to ${MAX_PROPERTY_KEY_ID}`);
  }
}

function checkProperties(properties: ReadonlyMap<number, PropertyValue>): void {
  for (const [keyId, value] of properties) {
    checkPropertyKey(keyId);
    checkPropertyValue(value);
  }
}

/** Ascending, without duplicates; throws for an id that is not a label id. */
function normalizeLabels(labelIds: readonly number[]): number[] {
  for (const label of labelIds) checkRecordId('label', label);
  const sorted = [...labelIds].sort((a, b) => a - b);
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[kept++] = sorted[i]!;
  }
  sorted.length = kept;
  return sorted;
}
