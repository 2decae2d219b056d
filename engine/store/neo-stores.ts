/**
 * The record store of one database (Neo4j's NeoStores): every store file mapped into one
 * page cache, their id generators, the tokens and schema rules in memory, and the
 * metadata file. It reads committed state, builds change sets, and applies after-images.
 *
 * Files under the store directory:
 *
 *   neostore                                  metadata (meta-data-store.ts)
 *   neostore.nodestore.db                     node records (node-record.ts)
 *   neostore.nodestore.db.labels              label arrays too long for a node record (label-array.ts)
 *   neostore.relationshipstore.db             relationship records (relationship-record.ts)
 *   neostore.propertystore.db                 property records (property-record.ts, property-block.ts)
 *   neostore.propertystore.db.strings         long string values (dynamic-record.ts)
 *   neostore.propertystore.db.arrays          array values (array-codec.ts)
 *   neostore.propertystore.db.index           property key tokens (token-record.ts)
 *   neostore.propertystore.db.index.keys      property key names
 *   neostore.labeltokenstore.db               label tokens
 *   neostore.labeltokenstore.db.names         label names
 *   neostore.relationshiptypestore.db         relationship type tokens
 *   neostore.relationshiptypestore.db.names   relationship type names
 *   neostore.schemastore.db                   schema rules (schema-rule.ts)
 *   <store file>.id                           id generator snapshots (id-generator.ts)
 *
 * Ids: the transaction layer allocates node, relationship, token and schema rule ids
 * (and frees them when its transaction rolls back); change sets allocate the rest. apply()
 * keeps the id generators in step with what it writes. The .id files are only as current
 * as the last flushIds(); after a crash, recovery replays the log and then calls
 * rebuildIdGenerators().
 */
import path from 'node:path';
import type { FileSystem } from '../io/file-system.js';
import type { PageCache } from '../pagecache/page-cache.js';
import { IdGenerator } from './id-generator.js';
import { META_DATA_FILE, MetaDataStore } from './meta-data-store.js';
import type { NodeRecord } from './node-record.js';
import type { PendingRecords } from './pending-records.js';
import type { PropertyValue } from './property-value.js';
import type { RecordCommand } from './record-command.js';
import { RecordChangeSet } from './record-change-set.js';
import { isRecordId, NO_ID } from './record-id.js';
import {
  entityNotFound,
  inconsistency,
  readDynamicBytes,
  readNodeLabels,
  readProperties,
  readProperty,
  readTokenName,
} from './record-reader.js';
import { RecordStore } from './record-store.js';
import { chainNext } from './relationship-record.js';
import { decodeSchemaRule, type SchemaRule } from './schema-rule.js';
import { checkStores } from './store-checker.js';
import { StoreReader } from './store-reader.js';
import { storeDescriptors, StoreType, type StoreDescriptor } from './store-type.js';
import { TOKEN_KINDS, tokenKindOfStore, tokenStores, type TokenKind } from './token-kind.js';
import { TokenHolder, type Token } from './token-holder.js';

export type { SchemaRule } from './schema-rule.js';
export type { TokenKind } from './token-kind.js';
export type { StoreMetaData } from './meta-data-store.js';
export { MetaDataStore } from './meta-data-store.js';

export interface RelationshipData {
  readonly id: number;
  readonly type: number;
  readonly startNode: number;
  readonly endNode: number;
}

export interface IdsInUse {
  readonly node: number;
  readonly relationship: number;
  readonly property: number;
}

export class NeoStores {
  readonly metaData: MetaDataStore;
  readonly #fileSystem: FileSystem;
  readonly #storeDir: string;
  readonly #stores: readonly RecordStore[];
  readonly #reader: StoreReader;
  #tokensLoaded = false;
  readonly #tokens: Readonly<Record<TokenKind, TokenHolder>> = {
    label: new TokenHolder(),
    relationshipType: new TokenHolder(),
    propertyKey: new TokenHolder(),
  };
  readonly #rules = new Map<number, SchemaRule>();
  #sortedRules: readonly SchemaRule[] | undefined;

  private constructor(fileSystem: FileSystem, storeDir: string, metaData: MetaDataStore, stores: readonly RecordStore[]) {
    this.#fileSystem = fileSystem;
    this.#storeDir = storeDir;
    this.metaData = metaData;
    this.#stores = stores;
    this.#reader = new StoreReader(stores);
  }

  /**
   * Opens every store file under `storeDir` through the page cache, creating an empty store
   * on first open (metadata with a random store id, checkpointTxId 0). Loads the .id files
   * (rebuilding a store's free list by scanning when its .id file is missing or damaged).
   *
   * Tokens and schema rules are not loaded yet: after a crash the files may hold a token
   * record written back without its name, until recovery has replayed the log. Call
   * loadTokensAndRules() once the store is recovered; until then apply() only writes records.
   */
  static open(fileSystem: FileSystem, pageCache: PageCache, storeDir: string): NeoStores {
    fileSystem.mkdirs(storeDir);
    const metaFile = path.join(storeDir, META_DATA_FILE);
    let metaData: MetaDataStore;
    if (fileSystem.exists(metaFile)) {
      metaData = MetaDataStore.open(fileSystem, metaFile);
    } else {
      for (const descriptor of storeDescriptors) {
        const file = path.join(storeDir, descriptor.fileName);
        if (fileSystem.exists(file) && fileSystem.fileSize(file) > 0) {
          throw new Error(
            `${storeDir} holds store files (${descriptor.fileName}) but no ${META_DATA_FILE} metadata file: expected both or neither. ` +
              'Restore the store from a backup or copy it from another cluster member',
          );
        }
      }
      metaData = MetaDataStore.create(fileSystem, metaFile, Date.now());
    }
    const stores: RecordStore[] = [];
    try {
      for (const descriptor of storeDescriptors) {
        const store = new RecordStore(descriptor, pageCache.map(path.join(storeDir, descriptor.fileName)), emptyIds(descriptor));
        stores.push(store);
        store.ids = loadIds(fileSystem, path.join(storeDir, `${descriptor.fileName}.id`), descriptor) ?? scannedIds(store);
      }
      return new NeoStores(fileSystem, storeDir, metaData, stores);
    } catch (error) {
      for (const store of stores) store.file.close();
      throw error;
    }
  }

  // ---- committed state ----

  nodeExists(id: number): boolean {
    return isRecordId(id) && this.#stores[StoreType.node]!.inUse(id);
  }

  /** Label token ids, ascending. Throws when the node does not exist. */
  nodeLabels(id: number): number[] {
    return readNodeLabels(this.#reader, this.#node(id));
  }

  /** Property key id -> value. Throws when the node does not exist. */
  nodeProperties(id: number): Map<number, PropertyValue> {
    return readProperties(this.#reader, this.#node(id).firstProp, new Map());
  }

  nodeProperty(id: number, keyId: number): PropertyValue | undefined {
    return readProperty(this.#reader, this.#node(id).firstProp, keyId);
  }

  /** The relationship, or null when it does not exist. */
  relationship(id: number): RelationshipData | null {
    if (!isRecordId(id)) return null;
    const record = this.#reader.relationship(id);
    if (!record.inUse) return null;
    return { id, type: record.type, startNode: record.startNode, endNode: record.endNode };
  }

  relationshipProperties(id: number): Map<number, PropertyValue> {
    return readProperties(this.#reader, this.#relationshipFirstProp(id), new Map());
  }

  relationshipProperty(id: number, keyId: number): PropertyValue | undefined {
    return readProperty(this.#reader, this.#relationshipFirstProp(id), keyId);
  }

  /**
   * The node's relationships, following its chain (never a scan); each relationship once,
   * most recently created first. Throws when the node does not exist. Read it before the
   * next apply(): the walk follows the chain as it is when each step is taken.
   */
  nodeRelationships(nodeId: number): Iterable<RelationshipData> {
    return this.#walkChain(nodeId, this.#node(nodeId).firstRel);
  }

  /** In-use node ids, ascending (a scan). */
  allNodeIds(): Iterable<number> {
    return this.#scanIds(StoreType.node);
  }

  /** In-use relationship ids, ascending (a scan). */
  allRelationshipIds(): Iterable<number> {
    return this.#scanIds(StoreType.relationship);
  }

  /** Records in use (for neo4j_ids_in_use_*), kept as records are applied. */
  idsInUse(): IdsInUse {
    return {
      node: this.#stores[StoreType.node]!.ids.inUse,
      relationship: this.#stores[StoreType.relationship]!.ids.inUse,
      property: this.#stores[StoreType.property]!.ids.inUse,
    };
  }

  /** Records read from every store file since the store opened (see RecordStore.reads). */
  get recordsRead(): number {
    let reads = 0;
    for (const store of this.#stores) reads += store.reads;
    return reads;
  }

  // ---- tokens ----

  tokenId(kind: TokenKind, name: string): number | undefined {
    return this.#tokens[kind].idOf(name);
  }

  /** Throws for an id that is not a token of that kind. */
  tokenName(kind: TokenKind, id: number): string {
    const name = this.#tokens[kind].nameOf(id);
    if (name === undefined) throw new Error(`${kind} token ${id} does not exist: expected an id returned by tokenId() or tokens()`);
    return name;
  }

  tokens(kind: TokenKind): ReadonlyArray<Token> {
    return this.#tokens[kind].all();
  }

  /** The next token id of that kind; the transaction layer then writes it with createToken. */
  allocateTokenId(kind: TokenKind): number {
    return this.#stores[tokenStores[kind].token]!.ids.allocate();
  }

  /** Gives back a token id allocated for a transaction that did not commit. */
  freeTokenId(kind: TokenKind, id: number): void {
    this.#freeUncommitted(tokenStores[kind].token, id);
  }

  // ---- schema rules ----

  /** By ascending id. */
  schemaRules(): readonly SchemaRule[] {
    this.#sortedRules ??= [...this.#rules.values()].sort((a, b) => a.id - b.id);
    return this.#sortedRules;
  }

  allocateSchemaRuleId(): number {
    return this.#stores[StoreType.schema]!.ids.allocate();
  }

  /** Gives back a rule id allocated for a transaction that did not commit. */
  freeSchemaRuleId(id: number): void {
    this.#freeUncommitted(StoreType.schema, id);
  }

  // ---- entity ids ----

  allocateNodeId(): number {
    return this.#stores[StoreType.node]!.ids.allocate();
  }

  allocateRelationshipId(): number {
    return this.#stores[StoreType.relationship]!.ids.allocate();
  }

  /** Only for an id allocated and never committed. */
  freeNodeId(id: number): void {
    this.#freeUncommitted(StoreType.node, id);
  }

  /** Only for an id allocated and never committed. */
  freeRelationshipId(id: number): void {
    this.#freeUncommitted(StoreType.relationship, id);
  }

  // ---- writing ----

  /** A change set reading through its own working copies, then `pending`, then the store. */
  newChangeSet(pending: PendingRecords): RecordChangeSet {
    return new RecordChangeSet(this.#stores, pending);
  }

  /**
   * Writes the after-images into the page cache, in order, and keeps the bookkeeping in
   * step: a record put in use leaves the free list and raises the high id (ids skipped
   * below it are not freed: an in-flight transaction may hold them); a record taken out of
   * use joins the free list; token and schema records update the tokens and rules; in-use
   * counts follow. Applying the same commands again changes nothing.
   */
  apply(commands: readonly RecordCommand[]): void {
    let tokensOrRules = false;
    for (const command of commands) {
      const store = this.#stores[command.store]!;
      if (command.after.length !== store.recordSize || !isRecordId(command.id)) {
        throw new Error(
          `cannot apply a command for ${store.descriptor.fileName} record ${command.id} with ${command.after.length} bytes: ` +
            `expected a record id and ${store.recordSize} bytes`,
        );
      }
      const wasInUse = store.write(command.id, command.after);
      if ((command.after[0]! & 1) !== 0) store.ids.putInUse(command.id, wasInUse);
      else store.ids.takeOutOfUse(command.id, wasInUse);
      if (command.store === StoreType.schema || store.descriptor.format === 'token') tokensOrRules = true;
    }
    // Names and rule bodies may come after the records pointing at them: read them once all are written.
    if (!tokensOrRules || !this.#tokensLoaded) return;
    for (const command of commands) {
      if (command.store === StoreType.schema) {
        this.#applyRule(command.id);
      } else {
        const kind = tokenKindOfStore(command.store);
        if (kind !== undefined) this.#loadToken(kind, command.id);
      }
    }
  }

  /** Reads every token and schema rule into memory: once, when the store is consistent (recovered). */
  loadTokensAndRules(): void {
    this.#tokensLoaded = true;
    for (const kind of TOKEN_KINDS) {
      for (const id of this.#scanIds(tokenStores[kind].token)) this.#loadToken(kind, id);
    }
    for (const id of this.#scanIds(StoreType.schema)) this.#applyRule(id);
  }

  /**
   * Rebuilds every free list, high id and in-use count by scanning (after crash recovery).
   * Only while no transaction holds allocated ids: the scan sees them as free.
   */
  rebuildIdGenerators(): void {
    for (const store of this.#stores) store.ids = scannedIds(store);
  }

  /** Writes the .id files, each atomically. Checkpoints call it after flushing the page cache. */
  flushIds(): void {
    for (const store of this.#stores) {
      this.#fileSystem.writeFileAtomic(path.join(this.#storeDir, `${store.descriptor.fileName}.id`), store.ids.encode());
    }
  }

  /** Consistency check of the whole store; the problems found, in words (empty when consistent). */
  check(): string[] {
    return checkStores(this.#stores);
  }

  /**
   * Unmaps the store files from the page cache, which writes back their dirty pages as it
   * drops them. Writes neither .id files nor metadata: the caller checkpoints first.
   */
  close(): void {
    let failure: unknown;
    for (const store of this.#stores) {
      try {
        store.file.close();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }

  // ---- internals ----

  #node(id: number): NodeRecord {
    const node = isRecordId(id) ? this.#reader.node(id) : undefined;
    if (node === undefined || !node.inUse) throw entityNotFound('node', id);
    return node;
  }

  #relationshipFirstProp(id: number): number {
    const record = isRecordId(id) ? this.#reader.relationship(id) : undefined;
    if (record === undefined || !record.inUse) throw entityNotFound('relationship', id);
    return record.firstProp;
  }

  *#walkChain(nodeId: number, first: number): Generator<RelationshipData> {
    let limit = this.#stores[StoreType.relationship]!.ids.highId;
    for (let id = first; id !== NO_ID; ) {
      const record = this.#reader.relationship(id);
      if (!record.inUse || (record.startNode !== nodeId && record.endNode !== nodeId) || limit-- <= 0) {
        throw inconsistency(`node ${nodeId}'s relationship chain reaches relationship ${id}, which does not belong in it`);
      }
      const next = chainNext(record, nodeId);
      yield { id, type: record.type, startNode: record.startNode, endNode: record.endNode };
      id = next;
    }
  }

  *#scanIds(type: StoreType): Generator<number> {
    const store = this.#stores[type]!;
    const ids: number[] = [];
    for (let page = 0; page * store.recordsPerPage < store.ids.highId; page++) {
      ids.length = 0;
      store.collectInUse(page, ids);
      for (const id of ids) {
        if (id < store.ids.highId) yield id;
      }
    }
  }

  #freeUncommitted(type: StoreType, id: number): void {
    const store = this.#stores[type]!;
    if (!isRecordId(id) || store.inUse(id)) {
      throw new Error(`${store.descriptor.fileName} record ${id} is in use or not an id: only an id allocated and never committed can be freed`);
    }
    store.ids.release(id);
  }

  #loadToken(kind: TokenKind, id: number): void {
    const stores = tokenStores[kind];
    const token = this.#reader.token(stores.token, id);
    if (token.inUse) this.#tokens[kind].put(id, readTokenName(this.#reader, token, stores.names));
  }

  /** Brings the rule at `id` in line with the schema store: loaded when a rule starts there, else forgotten. */
  #applyRule(id: number): void {
    const head = this.#reader.dynamic(StoreType.schema, id);
    if (head.inUse && head.first) {
      this.#rules.set(id, decodeSchemaRule(id, readDynamicBytes(this.#reader, StoreType.schema, id)));
      this.#sortedRules = undefined;
    } else if (this.#rules.delete(id)) {
      this.#sortedRules = undefined;
    }
  }
}

function emptyIds(descriptor: StoreDescriptor): IdGenerator {
  return new IdGenerator(descriptor.fileName, 0, 0, []);
}

function scannedIds(store: RecordStore): IdGenerator {
  const scan = store.scan();
  return new IdGenerator(store.descriptor.fileName, scan.highId, scan.inUse, scan.free);
}

/** The .id file's generator, or undefined when it is missing or damaged (the caller scans instead). */
function loadIds(fileSystem: FileSystem, file: string, descriptor: StoreDescriptor): IdGenerator | undefined {
  if (!fileSystem.exists(file)) return undefined;
  try {
    return IdGenerator.decode(descriptor.fileName, fileSystem.readFile(file));
  } catch {
    return undefined;
  }
}
