/**
 * Reading records as decoded objects, and following the chains between them (property
 * chains, dynamic chains, label arrays, token names). Two views implement the reader: the
 * committed store (store-reader.ts) and a change set's working view (record-change-set.ts),
 * so one copy of the chain logic serves both.
 *
 * Walks are bounded by the store's high id, so a damaged (cyclic) chain ends in an error
 * instead of a loop.
 */
import { Neo4jError } from '../../protocol/errors.js';
import { decodeArray } from './array-codec.js';
import type { DynamicRecord } from './dynamic-record.js';
import { decodeLabelArray } from './label-array.js';
import type { NodeRecord } from './node-record.js';
import {
  BLOCK_SIZE,
  blockCount,
  blockKeyId,
  blockPointer,
  blockType,
  findBlock,
  PropertyType,
  readInlineValue,
  usedBlockBytes,
} from './property-block.js';
import type { PropertyRecord } from './property-record.js';
import type { PropertyValue } from './property-value.js';
import { NO_ID } from './record-id.js';
import type { RelationshipRecord } from './relationship-record.js';
import { StoreType, storeDescriptors } from './store-type.js';
import type { TokenRecord } from './token-record.js';

export interface RecordReader {
  node(id: number): NodeRecord;
  relationship(id: number): RelationshipRecord;
  property(id: number): PropertyRecord;
  dynamic(store: StoreType, id: number): DynamicRecord;
  token(store: StoreType, id: number): TokenRecord;
  /** No record of `store` has an id at or above this. */
  highId(store: StoreType): number;
}

export function entityNotFound(what: 'node' | 'relationship', id: number): Neo4jError {
  return new Neo4jError('Neo.ClientError.Statement.EntityNotFound', `${what} ${id} does not exist: it was never created or has been deleted`);
}

export function inconsistency(detail: string): Error {
  return new Error(`store inconsistency: ${detail}; run graphlb check on the store and restore it from a backup if it reports problems`);
}

/** The bytes of the dynamic chain starting at `first`. */
export function readDynamicBytes(reader: RecordReader, store: StoreType, first: number): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  let limit = reader.highId(store);
  for (let id = first; id !== NO_ID; ) {
    const record = reader.dynamic(store, id);
    if (!record.inUse || record.first !== (id === first) || limit-- <= 0) {
      throw inconsistency(
        `${storeDescriptors[store]!.fileName} record ${id} in the chain starting at ${first} ` +
          (!record.inUse ? 'is not in use' : limit < 0 ? 'closes a cycle' : 'has a wrong first-in-chain flag'),
      );
    }
    parts.push(record.data);
    length += record.data.length;
    id = record.next;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
}

/** The node's label ids, ascending. */
export function readNodeLabels(reader: RecordReader, node: NodeRecord): number[] {
  if (node.dynamicLabels === NO_ID) return node.inlineLabels.slice();
  return decodeLabelArray(readDynamicBytes(reader, StoreType.nodeLabels, node.dynamicLabels));
}

/** The store holding the value of a STRING or ARRAY block, else undefined. */
export function dynamicStoreOf(type: number): StoreType | undefined {
  if (type === PropertyType.string) return StoreType.propertyStrings;
  if (type === PropertyType.array) return StoreType.propertyArrays;
  return undefined;
}

/** The value of the property whose block starts at `offset` of `blocks`. */
export function readPropertyValue(reader: RecordReader, blocks: Buffer, offset: number): PropertyValue {
  const type = blockType(blocks, offset);
  if (type === PropertyType.string) {
    return readDynamicBytes(reader, StoreType.propertyStrings, blockPointer(blocks, offset)).toString('utf8');
  }
  if (type === PropertyType.array) {
    return decodeArray(readDynamicBytes(reader, StoreType.propertyArrays, blockPointer(blocks, offset)));
  }
  return readInlineValue(blocks, offset);
}

/**
 * Walks the property chain starting at `first`, checking each link, and returns the first
 * record for which `match` returns true (undefined when none does).
 */
export function findPropertyRecord(
  reader: RecordReader,
  first: number,
  match: (record: PropertyRecord) => boolean,
): PropertyRecord | undefined {
  let limit = reader.highId(StoreType.property);
  let prev = NO_ID;
  for (let id = first; id !== NO_ID; ) {
    const record = reader.property(id);
    if (!record.inUse || record.prevProp !== prev || limit-- <= 0) {
      throw inconsistency(
        `property record ${id} in the chain starting at ${first} ` +
          (!record.inUse ? 'is not in use' : limit < 0 ? 'closes a cycle' : `points back at ${record.prevProp} instead of ${prev}`),
      );
    }
    if (match(record)) return record;
    prev = id;
    id = record.nextProp;
  }
  return undefined;
}

/** Every property of the chain starting at `first`, added to `into`. */
export function readProperties(reader: RecordReader, first: number, into: Map<number, PropertyValue>): Map<number, PropertyValue> {
  findPropertyRecord(reader, first, (record) => {
    const blocks = record.blocks;
    const used = usedBlockBytes(blocks);
    for (let offset = 0; offset < used; offset += blockCount(blocks, offset) * BLOCK_SIZE) {
      into.set(blockKeyId(blocks, offset), readPropertyValue(reader, blocks, offset));
    }
    return false;
  });
  return into;
}

/** The value of property `keyId` in the chain starting at `first`, or undefined. */
export function readProperty(reader: RecordReader, first: number, keyId: number): PropertyValue | undefined {
  const record = findPropertyRecord(reader, first, (candidate) => findBlock(candidate.blocks, keyId) >= 0);
  return record === undefined ? undefined : readPropertyValue(reader, record.blocks, findBlock(record.blocks, keyId));
}

/** The name of a token record in use. */
export function readTokenName(reader: RecordReader, token: TokenRecord, namesStore: StoreType): string {
  return readDynamicBytes(reader, namesStore, token.nameRecord).toString('utf8');
}
