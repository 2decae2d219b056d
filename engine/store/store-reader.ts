/**
 * The committed store as a {@link RecordReader}: records decoded straight from the page cache.
 */
import { decodeDynamic, type DynamicRecord } from './dynamic-record.js';
import { decodeNode, type NodeRecord } from './node-record.js';
import { decodeProperty, type PropertyRecord } from './property-record.js';
import type { RecordReader } from './record-reader.js';
import type { RecordStore } from './record-store.js';
import { decodeRelationship, type RelationshipRecord } from './relationship-record.js';
import { StoreType } from './store-type.js';
import { decodeToken, type TokenRecord } from './token-record.js';

export class StoreReader implements RecordReader {
  readonly #stores: readonly RecordStore[];

  constructor(stores: readonly RecordStore[]) {
    this.#stores = stores;
  }

  node(id: number): NodeRecord {
    return this.#stores[StoreType.node]!.read(id, decodeNode);
  }

  relationship(id: number): RelationshipRecord {
    return this.#stores[StoreType.relationship]!.read(id, decodeRelationship);
  }

  property(id: number): PropertyRecord {
    return this.#stores[StoreType.property]!.read(id, decodeProperty);
  }

  dynamic(store: StoreType, id: number): DynamicRecord {
    return this.#stores[store]!.read(id, decodeDynamic);
  }

  token(store: StoreType, id: number): TokenRecord {
    return this.#stores[store]!.read(id, decodeToken);
  }

  highId(store: StoreType): number {
    return this.#stores[store]!.ids.highId;
  }
}
