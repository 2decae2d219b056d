/**
 * The consistency check of a whole store (`graphlb check`): reads every record through the
 * page cache and reports, in words, each rule a record breaks.
 *
 * Rules checked:
 *   - every relationship chain is well formed: each link is in use and attached to the
 *     chain's node, its back pointer names the previous link, its first-in-chain flag is
 *     set exactly at the head, and the walk ends;
 *   - every relationship is reachable from its start node's chain and from its end node's
 *     (a self-loop from its node's chain once, with empty end fields);
 *   - property chains: records in use, back pointers agree, no empty record, valid blocks,
 *     no key twice on one entity, values decodable;
 *   - dynamic chains: records in use, first-in-chain flag only at the head, every record
 *     but the last full, the bytes decode;
 *   - every label, relationship type and property key used is a token in use;
 *   - every property and dynamic record in use is referenced exactly once;
 *   - the id bookkeeping agrees with the records: in-use counts, no free id in use,
 *     nothing in use at or above the high id.
 */
import { decodeArray } from './array-codec.js';
import { dataSizeOf } from './dynamic-record.js';
import { decodeLabelArray } from './label-array.js';
import { BLOCK_SIZE, blockCount, blockKeyId, blockPointer, blockType, readInlineValue, usedBlockBytes } from './property-block.js';
import { NO_ID } from './record-id.js';
import { dynamicStoreOf } from './record-reader.js';
import type { RecordStore } from './record-store.js';
import { chainNext, chainPrev } from './relationship-record.js';
import { decodeSchemaRule } from './schema-rule.js';
import { StoreReader } from './store-reader.js';
import { storeDescriptors, StoreType } from './store-type.js';
import { TOKEN_KINDS, tokenStores } from './token-kind.js';

const MAX_PROBLEMS = 1000;
const FROM_START = 1;
const FROM_END = 2;

export function checkStores(stores: readonly RecordStore[]): string[] {
  return new StoreChecker(stores).run();
}

class StoreChecker {
  readonly #stores: readonly RecordStore[];
  readonly #reader: StoreReader;
  readonly #problems: string[] = [];
  #dropped = 0;
  /** Per store: how many times each record is referenced (saturating). */
  readonly #references: Uint8Array[];

  constructor(stores: readonly RecordStore[]) {
    this.#stores = stores;
    this.#reader = new StoreReader(stores);
    this.#references = stores.map((store) => new Uint8Array(store.ids.highId));
  }

  run(): string[] {
    this.#checkIdBookkeeping();
    this.#checkTokens();
    this.#checkSchema();
    const reached = new Uint8Array(this.#stores[StoreType.relationship]!.ids.highId);
    this.#forEachInUse(StoreType.node, (id) => this.#checkNode(id, reached));
    this.#forEachInUse(StoreType.relationship, (id) => this.#checkRelationship(id, reached));
    for (const store of [StoreType.property, ...dynamicStores()]) {
      this.#forEachInUse(store, (id) => {
        const count = this.#references[store]![id]!;
        if (count === 0) this.#report(`${name(store)} record ${id} is in use but nothing refers to it`);
        else if (count > 1) this.#report(`${name(store)} record ${id} is referred to ${count} times, expected once`);
      });
    }
    if (this.#dropped > 0) this.#problems.push(`... and ${this.#dropped} more problems`);
    return this.#problems;
  }

  #report(problem: string): void {
    if (this.#problems.length < MAX_PROBLEMS) this.#problems.push(problem);
    else this.#dropped++;
  }

  #forEachInUse(store: StoreType, visit: (id: number) => void): void {
    const recordStore = this.#stores[store]!;
    const pages = Math.ceil(recordStore.ids.highId / recordStore.recordsPerPage);
    const ids: number[] = [];
    for (let page = 0; page < pages; page++) {
      ids.length = 0;
      recordStore.collectInUse(page, ids);
      for (const id of ids) visit(id);
    }
  }

  #checkIdBookkeeping(): void {
    for (const store of this.#stores) {
      const scan = store.scan();
      const ids = store.ids;
      const file = store.descriptor.fileName;
      if (scan.highId > ids.highId) this.#report(`${file}: record ${scan.highId - 1} is in use at or above the high id ${ids.highId}`);
      if (scan.inUse !== ids.inUse) this.#report(`${file}: ${scan.inUse} records are in use but the count says ${ids.inUse}`);
      for (const id of ids.freeIds()) {
        if (store.inUse(id)) this.#report(`${file}: record ${id} is in use but also on the free list`);
      }
    }
  }

  #tokenInUse(store: StoreType, id: number): boolean {
    return id !== NO_ID && this.#stores[store]!.inUse(id);
  }

  #checkTokens(): void {
    for (const kind of TOKEN_KINDS) {
      const { token: tokenStore, names } = tokenStores[kind];
      this.#forEachInUse(tokenStore, (id) => {
        const token = this.#reader.token(tokenStore, id);
        this.#checkDynamicChain(names, token.nameRecord, `${kind} token ${id}`, (bytes) => bytes.toString('utf8'));
      });
    }
  }

  #checkSchema(): void {
    this.#forEachInUse(StoreType.schema, (id) => {
      const head = this.#reader.dynamic(StoreType.schema, id);
      if (!head.first) return;
      this.#checkDynamicChain(StoreType.schema, id, `schema rule ${id}`, (bytes) => {
        const rule = decodeSchemaRule(id, bytes);
        if (!this.#tokenInUse(StoreType.labelToken, rule.labelId)) {
          this.#report(`schema rule ${id} refers to label ${rule.labelId}, which is not a token in use`);
        }
        if (!this.#tokenInUse(StoreType.propertyKeyToken, rule.propertyKeyId)) {
          this.#report(`schema rule ${id} refers to property key ${rule.propertyKeyId}, which is not a token in use`);
        }
      });
    });
  }

  #checkNode(id: number, reached: Uint8Array): void {
    const node = this.#reader.node(id);
    const owner = `node ${id}`;
    let labels: readonly number[] = node.inlineLabels;
    if (node.dynamicLabels !== NO_ID) {
      labels = [];
      this.#checkDynamicChain(StoreType.nodeLabels, node.dynamicLabels, `the labels of ${owner}`, (bytes) => {
        labels = decodeLabelArray(bytes);
      });
    } else {
      for (let i = 1; i < labels.length; i++) {
        if (labels[i]! <= labels[i - 1]!) this.#report(`${owner}: inline labels are not ascending`);
      }
    }
    for (const label of labels) {
      if (!this.#tokenInUse(StoreType.labelToken, label)) this.#report(`${owner} has label ${label}, which is not a token in use`);
    }
    this.#checkPropertyChain(node.firstProp, owner);

    const limit = this.#stores[StoreType.relationship]!.ids.highId;
    let steps = 0;
    let prev = NO_ID;
    for (let relId = node.firstRel; relId !== NO_ID; ) {
      if (steps++ >= limit) {
        this.#report(`${owner}: its relationship chain does not end (cycle through relationship ${relId})`);
        return;
      }
      const relationship = this.#reader.relationship(relId);
      if (!relationship.inUse) {
        this.#report(`${owner}: its relationship chain reaches relationship ${relId}, which is not in use`);
        return;
      }
      if (relationship.startNode !== id && relationship.endNode !== id) {
        this.#report(`${owner}: its relationship chain reaches relationship ${relId}, which connects nodes ${relationship.startNode} and ${relationship.endNode}`);
        return;
      }
      const fromStart = relationship.startNode === id;
      if (chainPrev(relationship, id) !== prev) {
        this.#report(`relationship ${relId}: its previous link in ${owner}'s chain is ${show(chainPrev(relationship, id))}, expected ${show(prev)}`);
      }
      const firstFlag = fromStart ? relationship.firstInStartChain : relationship.firstInEndChain;
      if (firstFlag !== (prev === NO_ID)) {
        this.#report(`relationship ${relId}: its first-in-chain flag for ${owner} is ${firstFlag ? 'set' : 'clear'}, expected ${prev === NO_ID ? 'set' : 'clear'}`);
      }
      reached[relId]! |= fromStart ? FROM_START : FROM_END;
      prev = relId;
      relId = chainNext(relationship, id);
    }
  }

  #checkRelationship(id: number, reached: Uint8Array): void {
    const relationship = this.#reader.relationship(id);
    const owner = `relationship ${id}`;
    const { startNode, endNode } = relationship;
    const selfLoop = startNode === endNode;
    for (const node of selfLoop ? [startNode] : [startNode, endNode]) {
      if (node === NO_ID || !this.#stores[StoreType.node]!.inUse(node)) this.#report(`${owner} is attached to node ${show(node)}, which is not in use`);
    }
    const expected = selfLoop ? FROM_START : FROM_START | FROM_END;
    if ((reached[id]! & FROM_START) === 0) this.#report(`${owner} cannot be reached from the chain of its start node ${startNode}`);
    if ((expected & FROM_END) !== 0 && (reached[id]! & FROM_END) === 0) {
      this.#report(`${owner} cannot be reached from the chain of its end node ${endNode}`);
    }
    if (selfLoop && (relationship.endPrev !== NO_ID || relationship.endNext !== NO_ID || relationship.firstInEndChain)) {
      this.#report(`${owner} is a self-loop but has end-chain links`);
    }
    if (!this.#tokenInUse(StoreType.relationshipTypeToken, relationship.type)) {
      this.#report(`${owner} has type ${show(relationship.type)}, which is not a token in use`);
    }
    this.#checkPropertyChain(relationship.firstProp, owner);
  }

  #checkPropertyChain(first: number, owner: string): void {
    const references = this.#references[StoreType.property]!;
    const limit = this.#stores[StoreType.property]!.ids.highId;
    const keys = new Set<number>();
    let steps = 0;
    let prev = NO_ID;
    for (let id = first; id !== NO_ID; ) {
      if (steps++ >= limit) {
        this.#report(`${owner}: its property chain does not end (cycle through property record ${id})`);
        return;
      }
      const record = this.#reader.property(id);
      if (!record.inUse) {
        this.#report(`${owner}: its property chain reaches property record ${id}, which is not in use`);
        return;
      }
      if (references[id]! < 255) references[id]!++;
      if (record.prevProp !== prev) {
        this.#report(`property record ${id} of ${owner} points back at ${show(record.prevProp)}, expected ${show(prev)}`);
      }
      this.#checkBlocks(record.blocks, `property record ${id} of ${owner}`, keys);
      prev = id;
      id = record.nextProp;
    }
  }

  #checkBlocks(blocks: Buffer, where: string, keys: Set<number>): void {
    let used: number;
    try {
      used = usedBlockBytes(blocks);
    } catch (error) {
      this.#report(`${where}: ${(error as Error).message}`);
      return;
    }
    if (used === 0) this.#report(`${where} is in use but holds no property`);
    for (let offset = 0; offset < used; offset += blockCount(blocks, offset) * BLOCK_SIZE) {
      const keyId = blockKeyId(blocks, offset);
      if (keys.has(keyId)) this.#report(`${where}: property key ${keyId} appears twice on the entity`);
      keys.add(keyId);
      if (!this.#tokenInUse(StoreType.propertyKeyToken, keyId)) this.#report(`${where}: property key ${keyId} is not a token in use`);
      const store = dynamicStoreOf(blockType(blocks, offset));
      if (store === undefined) {
        try {
          readInlineValue(blocks, offset);
        } catch (error) {
          this.#report(`${where}: property ${keyId}: ${(error as Error).message}`);
        }
      } else {
        const decode = store === StoreType.propertyArrays ? decodeArray : (bytes: Buffer) => bytes.toString('utf8');
        this.#checkDynamicChain(store, blockPointer(blocks, offset), `property ${keyId} (${where})`, decode);
      }
    }
  }

  /** Walks one dynamic chain, counting references; hands its bytes to `decode` when the chain is sound. */
  #checkDynamicChain(store: StoreType, first: number, owner: string, decode: (bytes: Buffer) => unknown): void {
    const references = this.#references[store]!;
    const limit = this.#stores[store]!.ids.highId;
    const full = dataSizeOf(storeDescriptors[store]!.recordSize);
    const parts: Buffer[] = [];
    let steps = 0;
    for (let id = first; id !== NO_ID; ) {
      if (steps++ >= limit) {
        this.#report(`${owner}: its ${name(store)} chain does not end (cycle through record ${id})`);
        return;
      }
      let record;
      try {
        record = this.#reader.dynamic(store, id);
      } catch (error) {
        this.#report(`${owner}: ${(error as Error).message}`);
        return;
      }
      if (!record.inUse) {
        this.#report(`${owner} refers to ${name(store)} record ${id}, which is not in use`);
        return;
      }
      if (references[id]! < 255) references[id]!++;
      if (record.first !== (id === first)) {
        this.#report(`${name(store)} record ${id} of ${owner}: first-in-chain flag is ${record.first ? 'set' : 'clear'}, expected ${id === first ? 'set' : 'clear'}`);
      }
      if (record.next !== NO_ID && record.data.length !== full) {
        this.#report(`${name(store)} record ${id} of ${owner} holds ${record.data.length} bytes but is not the last of its chain (expected ${full})`);
      }
      parts.push(record.data);
      id = record.next;
    }
    try {
      decode(Buffer.concat(parts));
    } catch (error) {
      this.#report(`${owner}: ${(error as Error).message}`);
    }
  }
}

function dynamicStores(): StoreType[] {
  return storeDescriptors.filter((descriptor) => descriptor.format === 'dynamic').map((descriptor) => descriptor.type);
}

function name(store: StoreType): string {
  return storeDescriptors[store]!.fileName;
}

function show(id: number): string {
  return id === NO_ID ? 'none' : String(id);
}
