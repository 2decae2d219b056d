/**
 * The record files of a store: one {@link StoreType} per file, with its Neo4j-style name,
 * its fixed record size and how its records are encoded.
 *
 * Sizes follow Neo4j's standard record format where the design names them (node 15 B,
 * relationship 34 B, property 41 B, dynamic strings and arrays 128 B). Node label arrays
 * use Neo4j's 60 B label blocks; token records are 5 B (flags and a name pointer);
 * token names and schema rules use 128 B dynamic records.
 */
import { NODE_RECORD_SIZE } from './node-record.js';
import { PROPERTY_RECORD_SIZE } from './property-record.js';
import { RELATIONSHIP_RECORD_SIZE } from './relationship-record.js';
import { TOKEN_RECORD_SIZE } from './token-record.js';

export const StoreType = {
  node: 0,
  nodeLabels: 1,
  relationship: 2,
  property: 3,
  propertyStrings: 4,
  propertyArrays: 5,
  propertyKeyToken: 6,
  propertyKeyNames: 7,
  labelToken: 8,
  labelNames: 9,
  relationshipTypeToken: 10,
  relationshipTypeNames: 11,
  schema: 12,
} as const;

export type StoreType = (typeof StoreType)[keyof typeof StoreType];

/** How a store's records are encoded: which codec reads and writes them. */
export type RecordFormat = 'node' | 'relationship' | 'property' | 'dynamic' | 'token';

export interface StoreDescriptor {
  readonly type: StoreType;
  /** File name inside the store directory. */
  readonly fileName: string;
  readonly recordSize: number;
  readonly format: RecordFormat;
}

/** Indexed by {@link StoreType}. */
export const storeDescriptors: readonly StoreDescriptor[] = [
  { type: StoreType.node, fileName: 'neostore.nodestore.db', recordSize: NODE_RECORD_SIZE, format: 'node' },
  { type: StoreType.nodeLabels, fileName: 'neostore.nodestore.db.labels', recordSize: 60, format: 'dynamic' },
  { type: StoreType.relationship, fileName: 'neostore.relationshipstore.db', recordSize: RELATIONSHIP_RECORD_SIZE, format: 'relationship' },
  { type: StoreType.property, fileName: 'neostore.propertystore.db', recordSize: PROPERTY_RECORD_SIZE, format: 'property' },
  { type: StoreType.propertyStrings, fileName: 'neostore.propertystore.db.strings', recordSize: 128, format: 'dynamic' },
  { type: StoreType.propertyArrays, fileName: 'neostore.propertystore.db.arrays', recordSize: 128, format: 'dynamic' },
  { type: StoreType.propertyKeyToken, fileName: 'neostore.propertystore.db.index', recordSize: TOKEN_RECORD_SIZE, format: 'token' },
  { type: StoreType.propertyKeyNames, fileName: 'neostore.propertystore.db.index.keys', recordSize: 128, format: 'dynamic' },
  { type: StoreType.labelToken, fileName: 'neostore.labeltokenstore.db', recordSize: TOKEN_RECORD_SIZE, format: 'token' },
  { type: StoreType.labelNames, fileName: 'neostore.labeltokenstore.db.names', recordSize: 128, format: 'dynamic' },
  { type: StoreType.relationshipTypeToken, fileName: 'neostore.relationshiptypestore.db', recordSize: TOKEN_RECORD_SIZE, format: 'token' },
  { type: StoreType.relationshipTypeNames, fileName: 'neostore.relationshiptypestore.db.names', recordSize: 128, format: 'dynamic' },
  { type: StoreType.schema, fileName: 'neostore.schemastore.db', recordSize: 128, format: 'dynamic' },
];

export const STORE_TYPE_COUNT = storeDescriptors.length;

export function isStoreType(value: number): value is StoreType {
  return Number.isInteger(value) && value >= 0 && value < STORE_TYPE_COUNT;
}

/** A number naming one record of one store, for maps keyed by record (no allocation per key). */
export function recordKey(store: StoreType, id: number): number {
  return store * 0x1_0000_0000 + id;
}

export function storeOfKey(key: number): StoreType {
  return Math.floor(key / 0x1_0000_0000) as StoreType;
}

export function idOfKey(key: number): number {
  return key % 0x1_0000_0000;
}
