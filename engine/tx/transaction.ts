/**
 * A transaction of the engine: reads see committed data with the transaction's own
 * changes merged over it (read committed, read your own writes); writes lock what they
 * change and record logical changes; commit hands them to the commit pipeline.
 *
 *            write op (may await a lock)
 *           +-------+
 *           v       |
 *   begin -> OPEN ---+--- commit() ---> COMMITTING ---> COMMITTED
 *             |  \                           |
 *             |   +-- a write fails with      +-----> FAILED (commit error: nothing applied)
 *             |       deadlock / lock error
 *             |       ---> MARKED_FOR_TERMINATION --- rollback() --+
 *             +--- rollback() ------------------------------------+--> ROLLED_BACK
 *
 * A write that fails for any other reason (entity gone, constraint) throws and leaves the
 * transaction OPEN: the caller decides (the query layer rolls a failed statement back).
 * Labels, relationship types and property keys are names at this API; a name seen for
 * the first time is created as a token in a transaction of its own, as Neo4j does, so
 * that a rollback never leaves a token half known.
 */
import { Neo4jError } from '../../protocol/errors.js';
import type { NeoStores, RelationshipData, TokenKind } from '../store/neo-stores.js';
import { checkPropertyValue, type PropertyValue } from '../store/property-value.js';
import type { IndexSet } from '../index/index-set.js';
import { indexKey } from '../index/value-key.js';
import type { LockClient, LockManager, LockMode } from './lock-manager.js';
import { TransactionState } from './transaction-state.js';

export type AccessMode = 'READ' | 'WRITE';
export type Direction = 'outgoing' | 'incoming' | 'both';
export type TransactionStatus = 'open' | 'marked_for_termination' | 'committing' | 'committed' | 'rolled_back' | 'failed';

export interface RelationshipView {
  readonly id: number;
  readonly type: string;
  readonly startNode: number;
  readonly endNode: number;
}

export interface SchemaRuleView {
  readonly id: number;
  readonly name: string;
  readonly kind: 'index' | 'uniqueness';
  readonly label: string;
  readonly property: string;
}

/** What a transaction needs of the database around it. */
export interface TransactionKernel {
  readonly stores: NeoStores;
  readonly indexes: IndexSet;
  readonly locks: LockManager;
  /** The id of the token, creating it (committed on its own) when it does not exist yet. */
  tokenFor(kind: TokenKind, name: string): number | Promise<number>;
  /** Runs the commit pipeline; resolves with the tx id once durable and applied. */
  commit(transaction: Transaction): Promise<number>;
  /** The transaction ended (committed, failed or rolled back). */
  closed(transaction: Transaction, outcome: 'committed' | 'rolled_back' | 'failed'): void;
}

type Properties = Readonly<Record<string, PropertyValue | null | undefined>>;

export class Transaction {
  readonly mode: AccessMode;
  readonly state = new TransactionState();
  readonly lockClient: LockClient;
  readonly #kernel: TransactionKernel;
  #status: TransactionStatus = 'open';
  /** Unique-constraint values this transaction has written: rule id -> value key -> node id. */
  readonly #uniqueValues = new Map<number, Map<string, number>>();

  constructor(kernel: TransactionKernel, mode: AccessMode, lockClient: LockClient) {
    this.#kernel = kernel;
    this.mode = mode;
    this.lockClient = lockClient;
  }

  get status(): TransactionStatus {
    return this.#status;
  }

  get id(): number {
    return this.lockClient.id;
  }

  // ---------------------------------------------------------------- reads

  nodeExists(id: number): boolean {
    const change = this.state.nodes.get(id);
    if (change !== undefined) return !change.deleted;
    return this.#kernel.stores.nodeExists(id);
  }

  nodeLabels(id: number): string[] {
    return this.#labelIds(id).map((labelId) => this.#kernel.stores.tokenName('label', labelId));
  }

  hasLabel(id: number, label: string): boolean {
    const labelId = this.#kernel.stores.tokenId('label', label);
    return labelId !== undefined && this.#labelIds(id).includes(labelId);
  }

  nodeProperty(id: number, key: string): PropertyValue | undefined {
    const keyId = this.#kernel.stores.tokenId('propertyKey', key);
    if (keyId === undefined || !this.nodeExists(id)) return undefined;
    return this.#nodePropertyById(id, keyId);
  }

  nodeProperties(id: number): Record<string, PropertyValue> {
    const change = this.state.nodes.get(id);
    if (change?.deleted) return {};
    const merged = change?.created ? new Map<number, PropertyValue | null>() : this.#kernel.stores.nodeProperties(id);
    if (change !== undefined) for (const [keyId, value] of change.properties) merged.set(keyId, value);
    return this.#named(merged);
  }

  relationship(id: number): RelationshipView | null {
    const data = this.#relationshipData(id);
    return data === null ? null : this.#view(data);
  }

  relationshipProperty(id: number, key: string): PropertyValue | undefined {
    const keyId = this.#kernel.stores.tokenId('propertyKey', key);
    if (keyId === undefined || this.#relationshipData(id) === null) return undefined;
    const change = this.state.relationships.get(id);
    if (change !== undefined && change.properties.has(keyId)) return change.properties.get(keyId) ?? undefined;
    if (change?.created) return undefined;
    return this.#kernel.stores.relationshipProperty(id, keyId);
  }

  relationshipProperties(id: number): Record<string, PropertyValue> {
    const change = this.state.relationships.get(id);
    if (change?.deleted) return {};
    const merged = change?.created ? new Map<number, PropertyValue | null>() : this.#kernel.stores.relationshipProperties(id);
    if (change !== undefined) for (const [keyId, value] of change.properties) merged.set(keyId, value);
    return this.#named(merged);
  }

  /** The node's relationships in the given direction, optionally of some types; a self-loop once. */
  relationships(nodeId: number, direction: Direction = 'both', types?: readonly string[]): RelationshipView[] {
    let typeIds: Set<number> | undefined;
    if (types !== undefined && types.length > 0) {
      typeIds = new Set();
      for (const type of types) {
        const typeId = this.#kernel.stores.tokenId('relationshipType', type);
        if (typeId !== undefined) typeIds.add(typeId);
      }
      if (typeIds.size === 0) return [];
    }
    const result: RelationshipView[] = [];
    const accept = (data: RelationshipData): void => {
      if (typeIds !== undefined && !typeIds.has(data.type)) return;
      if (direction === 'outgoing' && data.startNode !== nodeId) return;
      if (direction === 'incoming' && data.endNode !== nodeId) return;
      result.push(this.#view(data));
    };
    const nodeChange = this.state.nodes.get(nodeId);
    if (nodeChange?.deleted) return result;
    if (nodeChange === undefined || !nodeChange.created) {
      for (const data of this.#kernel.stores.nodeRelationships(nodeId)) {
        if (this.state.relationships.get(data.id)?.deleted) continue;
        accept(data);
      }
    }
    const created = this.state.createdRelationshipsOf.get(nodeId);
    if (created !== undefined) {
      for (const relationshipId of created) {
        const change = this.state.relationships.get(relationshipId)!;
        if (!change.deleted) accept(change);
      }
    }
    return result;
  }

  /** Every node id, ascending for committed nodes, then the ones this transaction created. */
  *allNodeIds(): Generator<number> {
    for (const id of this.#kernel.stores.allNodeIds()) {
      if (!this.state.nodes.get(id)?.deleted) yield id;
    }
    for (const change of this.state.nodes.values()) if (change.created && !change.deleted) yield change.id;
  }

  *allRelationshipIds(): Generator<number> {
    for (const id of this.#kernel.stores.allRelationshipIds()) {
      if (!this.state.relationships.get(id)?.deleted) yield id;
    }
    for (const change of this.state.relationships.values()) if (change.created && !change.deleted) yield change.id;
  }

  /** Node ids with the label (label scan index merged with this transaction's changes). */
  nodesWithLabel(label: string): number[] {
    const labelId = this.#kernel.stores.tokenId('label', label);
    if (labelId === undefined) return [];
    const result: number[] = [];
    for (const id of this.#kernel.indexes.nodesWithLabel(labelId)) {
      const change = this.state.nodes.get(id);
      if (change === undefined || (!change.deleted && !change.labelsRemoved.has(labelId))) result.push(id);
    }
    for (const change of this.state.nodes.values()) {
      if (!change.deleted && change.labelsAdded.has(labelId) && !this.#kernel.indexes.nodesWithLabel(labelId).has(change.id)) {
        result.push(change.id);
      }
    }
    return result;
  }

  /**
   * Nodes with the label whose property equals `value`: an index seek when an index or
   * unique constraint covers (label, key), else a label scan that compares values.
   */
  findNodes(label: string, key: string, value: PropertyValue): number[] {
    const stores = this.#kernel.stores;
    const labelId = stores.tokenId('label', label);
    const keyId = stores.tokenId('propertyKey', key);
    if (labelId === undefined || keyId === undefined) return [];
    const index = this.#kernel.indexes.find(labelId, keyId);
    const wanted = indexKey(value);
    if (index === undefined) {
      return this.nodesWithLabel(label).filter((id) => {
        const actual = this.#nodePropertyById(id, keyId);
        return actual !== undefined && indexKey(actual) === wanted;
      });
    }
    const result: number[] = [];
    for (const id of this.#kernel.indexes.seek(index, value)) {
      if (!this.state.nodes.has(id)) result.push(id);
    }
    // Nodes this transaction touched are judged by their state in it.
    for (const change of this.state.nodes.values()) {
      if (change.deleted || !this.#labelIds(change.id).includes(labelId)) continue;
      const actual = this.#nodePropertyById(change.id, keyId);
      if (actual !== undefined && indexKey(actual) === wanted) result.push(change.id);
    }
    return result;
  }

  /** Indexes and constraints as committed plus this transaction's schema changes are not shown until commit. */
  schemaRules(): SchemaRuleView[] {
    const stores = this.#kernel.stores;
    return stores.schemaRules().map((rule) => ({
      id: rule.id,
      name: rule.name,
      kind: rule.kind,
      label: stores.tokenName('label', rule.labelId),
      property: stores.tokenName('propertyKey', rule.propertyKeyId),
    }));
  }

  /** Every label, relationship type or property key name known to the database, by ascending token id. */
  tokenNames(kind: TokenKind): string[] {
    return this.#kernel.stores.tokens(kind).map((token) => token.name);
  }

  /** Records read from the store files by every transaction since the database opened; tests prove index use with it. */
  get storeRecordsRead(): number {
    return this.#kernel.stores.recordsRead;
  }

  // ---------------------------------------------------------------- writes

  async createNode(labels: readonly string[], properties: Properties = {}): Promise<number> {
    this.#checkWritable('data');
    const labelIds = await this.#tokens('label', labels);
    const values = await this.#propertyMap(properties);
    this.#checkWritable('data');
    const id = this.#kernel.stores.allocateNodeId();
    try {
      // The new node is invisible to others, but its unique values are not.
      for (const labelId of new Set(labelIds)) await this.#claimUniqueValues(id, labelId, values);
    } catch (error) {
      this.#kernel.stores.freeNodeId(id);
      throw error;
    }
    this.state.createNode(id, labelIds, values);
    return id;
  }

  async setNodeProperty(id: number, key: string, value: PropertyValue | null): Promise<void> {
    this.#checkWritable('data');
    if (value !== null) storable(key, value);
    const keyId = await this.#kernel.tokenFor('propertyKey', key);
    await this.#lockExistingNode(id, 'exclusive');
    const change = this.state.nodes.get(id) ?? this.state.changeNode(id);
    if (value !== null) {
      for (const labelId of this.#labelIds(id)) await this.#claimUniqueValues(id, labelId, new Map([[keyId, value]]));
    }
    change.properties.set(keyId, value);
  }

  async removeNodeProperty(id: number, key: string): Promise<void> {
    const keyId = this.#kernel.stores.tokenId('propertyKey', key);
    if (keyId === undefined) {
      this.#checkWritable('data');
      await this.#lockExistingNode(id, 'exclusive');
      return;
    }
    await this.setNodeProperty(id, key, null);
  }

  async addLabel(id: number, label: string): Promise<void> {
    this.#checkWritable('data');
    const labelId = await this.#kernel.tokenFor('label', label);
    await this.#lockExistingNode(id, 'exclusive');
    if (this.#labelIds(id).includes(labelId)) return;
    const change = this.state.nodes.get(id) ?? this.state.changeNode(id);
    await this.#claimUniqueValues(id, labelId, undefined);
    change.labelsRemoved.delete(labelId);
    change.labelsAdded.add(labelId);
  }

  async removeLabel(id: number, label: string): Promise<void> {
    this.#checkWritable('data');
    const labelId = this.#kernel.stores.tokenId('label', label);
    await this.#lockExistingNode(id, 'exclusive');
    if (labelId === undefined || !this.#labelIds(id).includes(labelId)) return;
    const change = this.state.nodes.get(id) ?? this.state.changeNode(id);
    change.labelsAdded.delete(labelId);
    if (!change.created) change.labelsRemoved.add(labelId);
  }

  /**
   * Deletes a node. Without `detach`, a node that still has relationships is refused
   * (Neo.ClientError.Schema.ConstraintValidationFailed, as Neo4j does at commit).
   */
  async deleteNode(id: number, options: { detach?: boolean } = {}): Promise<void> {
    this.#checkWritable('data');
    await this.#lockExistingNode(id, 'exclusive');
    const remaining = this.relationships(id);
    if (remaining.length > 0) {
      if (options.detach !== true) {
        throw new Neo4jError(
          'Neo.ClientError.Schema.ConstraintValidationFailed',
          `Cannot delete node<${id}>, because it still has relationships. To delete this node, you must first delete its relationships.`,
        );
      }
      for (const relationship of remaining) await this.deleteRelationship(relationship.id);
    }
    const change = this.state.nodes.get(id) ?? this.state.changeNode(id);
    change.deleted = true;
  }

  async createRelationship(startNode: number, endNode: number, type: string, properties: Properties = {}): Promise<number> {
    this.#checkWritable('data');
    const typeId = await this.#kernel.tokenFor('relationshipType', type);
    const values = await this.#propertyMap(properties);
    await this.#lockExistingNode(startNode, 'shared');
    if (endNode !== startNode) await this.#lockExistingNode(endNode, 'shared');
    const id = this.#kernel.stores.allocateRelationshipId();
    this.state.createRelationship(id, typeId, startNode, endNode, values);
    return id;
  }

  async setRelationshipProperty(id: number, key: string, value: PropertyValue | null): Promise<void> {
    this.#checkWritable('data');
    if (value !== null) storable(key, value);
    const keyId = await this.#kernel.tokenFor('propertyKey', key);
    const data = await this.#lockExistingRelationship(id);
    const change = this.state.relationships.get(id) ?? this.state.changeRelationship(id, data.type, data.startNode, data.endNode);
    change.properties.set(keyId, value);
  }

  async removeRelationshipProperty(id: number, key: string): Promise<void> {
    if (this.#kernel.stores.tokenId('propertyKey', key) === undefined) {
      this.#checkWritable('data');
      await this.#lockExistingRelationship(id);
      return;
    }
    await this.setRelationshipProperty(id, key, null);
  }

  async deleteRelationship(id: number): Promise<void> {
    this.#checkWritable('data');
    const data = await this.#lockExistingRelationship(id);
    await this.#lock(`n${data.startNode}`, 'shared');
    if (data.endNode !== data.startNode) await this.#lock(`n${data.endNode}`, 'shared');
    const change = this.state.relationships.get(id) ?? this.state.changeRelationship(id, data.type, data.startNode, data.endNode);
    change.deleted = true;
  }

  /**
   * Takes the write lock of an entity before the caller reads what it is about to write,
   * so that `SET n.count = n.count + 1` from two transactions never loses an update.
   */
  async lockForWrite(kind: 'node' | 'relationship', id: number): Promise<void> {
    this.#checkWritable('data');
    if (kind === 'node') await this.#lockExistingNode(id, 'exclusive');
    else await this.#lockExistingRelationship(id);
  }

  // ---------------------------------------------------------------- schema

  /** Creates an index (kind 'index') or a unique constraint (kind 'uniqueness') on (label, property). */
  async createSchemaRule(kind: 'index' | 'uniqueness', label: string, property: string, name?: string): Promise<void> {
    this.#checkWritable('schema');
    const labelId = await this.#kernel.tokenFor('label', label);
    const propertyKeyId = await this.#kernel.tokenFor('propertyKey', property);
    await this.#lock('schema', 'exclusive');
    const existing = this.#kernel.indexes.find(labelId, propertyKeyId);
    if (existing !== undefined || this.state.schema.some((c) => c.kind === 'create' && c.labelId === labelId && c.propertyKeyId === propertyKeyId)) {
      throw new Neo4jError(
        'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists',
        `An equivalent ${existing?.rule.kind === 'uniqueness' ? 'constraint' : 'index'} already exists on :${label}(${property}).`,
      );
    }
    const ruleName = name ?? `${kind === 'index' ? 'index' : 'constraint'}_${label}_${property}`;
    if (this.#kernel.stores.schemaRules().some((rule) => rule.name === ruleName)) {
      throw new Neo4jError('Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists', `There already exists an index or constraint called '${ruleName}'.`);
    }
    if (kind === 'uniqueness') this.#checkExistingDataUnique(label, labelId, property, propertyKeyId);
    this.state.schema.push({ kind: 'create', ruleKind: kind, name: ruleName, labelId, propertyKeyId });
  }

  /** Drops the index or constraint called `name`. */
  async dropSchemaRule(name: string, kind: 'index' | 'uniqueness'): Promise<void> {
    this.#checkWritable('schema');
    await this.#lock('schema', 'exclusive');
    const rule = this.#kernel.stores.schemaRules().find((candidate) => candidate.name === name && candidate.kind === kind);
    if (rule === undefined) {
      throw new Neo4jError(
        kind === 'index' ? 'Neo.ClientError.Schema.IndexNotFound' : 'Neo.ClientError.Schema.ConstraintNotFound',
        `Unable to drop ${kind === 'index' ? 'index' : 'constraint'} called '${name}': no such ${kind === 'index' ? 'index' : 'constraint'} exists.`,
      );
    }
    this.state.schema.push({ kind: 'drop', ruleId: rule.id });
  }

  // ---------------------------------------------------------------- end

  /** Commits; resolves with the transaction's tx id (the last committed one for a read-only transaction). */
  async commit(): Promise<number> {
    if (this.#status === 'marked_for_termination') {
      throw new Neo4jError('Neo.TransientError.Transaction.Terminated', 'The transaction was marked for termination (a lock could not be acquired); roll it back and retry.');
    }
    this.#checkOpen();
    this.#status = 'committing';
    try {
      const txId = await this.#kernel.commit(this);
      this.#status = 'committed';
      this.#kernel.closed(this, 'committed');
      return txId;
    } catch (error) {
      this.#status = 'failed';
      this.#kernel.closed(this, 'failed');
      throw error;
    }
  }

  rollback(): void {
    if (this.#status !== 'open' && this.#status !== 'marked_for_termination') return;
    this.#status = 'rolled_back';
    const stores = this.#kernel.stores;
    for (const change of this.state.nodes.values()) if (change.created) stores.freeNodeId(change.id);
    for (const change of this.state.relationships.values()) if (change.created) stores.freeRelationshipId(change.id);
    this.#kernel.closed(this, 'rolled_back');
  }

  // ---------------------------------------------------------------- internals

  #checkOpen(): void {
    if (this.#status === 'open') return;
    if (this.#status === 'marked_for_termination') {
      throw new Neo4jError('Neo.TransientError.Transaction.Terminated', 'The transaction was marked for termination (a lock could not be acquired); roll it back and retry.');
    }
    throw new Neo4jError('Neo.ClientError.Transaction.TransactionNotFound', `The transaction is ${this.#status.replace('_', ' ')}; begin a new one.`);
  }

  #checkWritable(kind: 'data' | 'schema'): void {
    this.#checkOpen();
    if (this.mode === 'READ') {
      throw new Neo4jError('Neo.ClientError.Statement.AccessMode', 'Writing in read access mode not allowed. Attempted write to the database.');
    }
    const mixing = kind === 'data' ? this.state.schema.length > 0 : this.state.hasDataChanges;
    if (mixing) {
      throw new Neo4jError(
        'Neo.ClientError.Transaction.ForbiddenDueToTransactionType',
        kind === 'data'
          ? 'Tried to execute a write statement after executing a schema modification in the same transaction.'
          : 'Tried to execute a schema modification after executing a write statement in the same transaction.',
      );
    }
  }

  async #lock(resource: string, mode: LockMode): Promise<void> {
    const wait = this.#kernel.locks.acquire(this.lockClient, resource, mode);
    if (wait === undefined) return;
    try {
      await wait;
    } catch (error) {
      if (this.#status === 'open') this.#status = 'marked_for_termination';
      throw error;
    }
    this.#checkOpen();
  }

  async #lockExistingNode(id: number, mode: LockMode): Promise<void> {
    if (!this.state.nodes.get(id)?.created) await this.#lock(`n${id}`, mode);
    if (!this.nodeExists(id)) {
      throw new Neo4jError('Neo.ClientError.Statement.EntityNotFound', `Node with id ${id} has been deleted in this transaction or does not exist.`);
    }
  }

  async #lockExistingRelationship(id: number): Promise<RelationshipData> {
    if (!this.state.relationships.get(id)?.created) await this.#lock(`r${id}`, 'exclusive');
    const data = this.#relationshipData(id);
    if (data === null) {
      throw new Neo4jError('Neo.ClientError.Statement.EntityNotFound', `Relationship with id ${id} has been deleted in this transaction or does not exist.`);
    }
    return data;
  }

  #labelIds(id: number): number[] {
    const change = this.state.nodes.get(id);
    if (change?.deleted) return [];
    if (change?.created) return [...change.labelsAdded].sort((a, b) => a - b);
    const committed = this.#kernel.stores.nodeExists(id) ? this.#kernel.stores.nodeLabels(id) : [];
    if (change === undefined) return committed;
    const labels = committed.filter((labelId) => !change.labelsRemoved.has(labelId));
    for (const labelId of change.labelsAdded) if (!labels.includes(labelId)) labels.push(labelId);
    return labels.sort((a, b) => a - b);
  }

  #nodePropertyById(id: number, keyId: number): PropertyValue | undefined {
    const change = this.state.nodes.get(id);
    if (change !== undefined && change.properties.has(keyId)) return change.properties.get(keyId) ?? undefined;
    if (change?.created) return undefined;
    return this.#kernel.stores.nodeProperty(id, keyId);
  }

  #relationshipData(id: number): RelationshipData | null {
    const change = this.state.relationships.get(id);
    if (change !== undefined) return change.deleted ? null : change;
    return this.#kernel.stores.relationship(id);
  }

  #view(data: RelationshipData): RelationshipView {
    return { id: data.id, type: this.#kernel.stores.tokenName('relationshipType', data.type), startNode: data.startNode, endNode: data.endNode };
  }

  #named(values: Map<number, PropertyValue | null>): Record<string, PropertyValue> {
    const result = Object.create(null) as Record<string, PropertyValue>;
    for (const [keyId, value] of values) {
      if (value !== null) result[this.#kernel.stores.tokenName('propertyKey', keyId)] = value;
    }
    return result;
  }

  async #tokens(kind: TokenKind, names: readonly string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of names) {
      const id = this.#kernel.tokenFor(kind, name);
      ids.push(typeof id === 'number' ? id : await id);
    }
    return ids;
  }

  async #propertyMap(properties: Properties): Promise<Map<number, PropertyValue | null>> {
    const values = new Map<number, PropertyValue | null>();
    for (const key in properties) {
      const value = properties[key];
      if (value === undefined || value === null) continue;
      storable(key, value);
      const keyId = this.#kernel.tokenFor('propertyKey', key);
      values.set(typeof keyId === 'number' ? keyId : await keyId, value);
    }
    return values;
  }

  /**
   * For every unique constraint on `labelId` that covers one of `values` (or, when
   * `values` is undefined, the node's current properties): lock the value, then make sure
   * no other node holds it, committed or in this transaction.
   */
  async #claimUniqueValues(nodeId: number, labelId: number, values: ReadonlyMap<number, PropertyValue | null> | undefined): Promise<void> {
    for (const index of this.#kernel.indexes.indexesOnLabel(labelId)) {
      if (index.rule.kind !== 'uniqueness') continue;
      const value = values === undefined ? this.#nodePropertyById(nodeId, index.rule.propertyKeyId) : values.get(index.rule.propertyKeyId);
      if (value === undefined || value === null) continue;
      const key = indexKey(value);
      await this.#lock(`u${index.rule.id}:${key}`, 'exclusive');
      const holder = this.#uniqueHolder(index.rule.id, labelId, index.rule.propertyKeyId, key, nodeId);
      if (holder !== undefined) {
        const stores = this.#kernel.stores;
        throw new Neo4jError(
          'Neo.ClientError.Schema.ConstraintValidationFailed',
          `Node(${holder}) already exists with label \`${stores.tokenName('label', labelId)}\` and property \`${stores.tokenName('propertyKey', index.rule.propertyKeyId)}\` = ${renderValue(value)}`,
        );
      }
      let claimed = this.#uniqueValues.get(index.rule.id);
      if (claimed === undefined) this.#uniqueValues.set(index.rule.id, (claimed = new Map()));
      claimed.set(key, nodeId);
    }
  }

  /** Another node that has (label, property) = value in this transaction's view, if any. */
  #uniqueHolder(ruleId: number, labelId: number, keyId: number, key: string, nodeId: number): number | undefined {
    const holds = (candidate: number): boolean => {
      if (candidate === nodeId || !this.nodeExists(candidate) || !this.#labelIds(candidate).includes(labelId)) return false;
      const value = this.#nodePropertyById(candidate, keyId);
      return value !== undefined && indexKey(value) === key;
    };
    const claimedBy = this.#uniqueValues.get(ruleId)?.get(key);
    if (claimedBy !== undefined && holds(claimedBy)) return claimedBy;
    const index = this.#kernel.indexes.find(labelId, keyId)!;
    for (const candidate of index.entries.get(key) ?? []) if (holds(candidate)) return candidate;
    return undefined;
  }

  #checkExistingDataUnique(label: string, labelId: number, property: string, keyId: number): void {
    const seen = new Map<string, number>();
    for (const id of this.#kernel.indexes.nodesWithLabel(labelId)) {
      const value = this.#kernel.stores.nodeProperty(id, keyId);
      if (value === undefined) continue;
      const key = indexKey(value);
      const other = seen.get(key);
      if (other !== undefined) {
        throw new Neo4jError(
          'Neo.ClientError.Schema.ConstraintValidationFailed',
          `Unable to create constraint: Both Node(${other}) and Node(${id}) have the label \`${label}\` and property \`${property}\` = ${renderValue(value)}`,
        );
      }
      seen.set(key, id);
    }
  }
}

/** Refuses, as a client error, a value the store cannot hold exactly. */
function storable(key: string, value: unknown): asserts value is PropertyValue {
  try {
    checkPropertyValue(value);
  } catch (error) {
    throw new Neo4jError('Neo.ClientError.Statement.TypeError', `Property \`${key}\` cannot be stored: ${(error as Error).message}`);
  }
}

function renderValue(value: PropertyValue): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map((element) => renderValue(element as PropertyValue)).join(', ')}]`;
  return String(value);
}
