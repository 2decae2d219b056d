/**
 * The label scan index and the label+property schema indexes, kept in memory and in
 * step with the store: rebuilt by a scan at start-up, updated from the nodes each
 * applied transaction touched, populated when a schema rule appears.
 *
 * They hold committed data only; a transaction merges its own changes over them.
 * Unique constraints own an index like any other rule; uniqueness itself is enforced by
 * the transaction layer under a lock on the value, against this index.
 */
import type { NeoStores, SchemaRule } from '../store/neo-stores.js';
import type { PropertyValue } from '../store/property-value.js';
import { indexKey } from './value-key.js';

export interface PropertyIndex {
  readonly rule: SchemaRule;
  /** value key -> node ids */
  readonly entries: Map<string, Set<number>>;
}

/** What of one node the indexes hold: its labels, and its value for each rule that covers it. */
export interface NodeIndexState {
  readonly labels: readonly number[];
  /** rule id -> value key */
  readonly values: ReadonlyMap<number, string>;
}

const EMPTY_STATE: NodeIndexState = { labels: [], values: new Map() };
const NO_NODES: ReadonlySet<number> = new Set();

export class IndexSet {
  readonly #byLabel = new Map<number, Set<number>>();
  readonly #byRule = new Map<number, PropertyIndex>();
  /** label id -> indexes on that label */
  readonly #rulesOfLabel = new Map<number, PropertyIndex[]>();

  /** Node ids carrying `labelId` (committed). */
  nodesWithLabel(labelId: number): ReadonlySet<number> {
    return this.#byLabel.get(labelId) ?? NO_NODES;
  }

  /** The index on (label, property key), if one exists. */
  find(labelId: number, propertyKeyId: number): PropertyIndex | undefined {
    const indexes = this.#rulesOfLabel.get(labelId);
    if (indexes === undefined) return undefined;
    for (const index of indexes) if (index.rule.propertyKeyId === propertyKeyId) return index;
    return undefined;
  }

  /** Committed nodes whose indexed property equals `value`. */
  seek(index: PropertyIndex, value: PropertyValue): ReadonlySet<number> {
    return index.entries.get(indexKey(value)) ?? NO_NODES;
  }

  indexesOnLabel(labelId: number): readonly PropertyIndex[] {
    return this.#rulesOfLabel.get(labelId) ?? [];
  }

  /** What the indexes should hold for `nodeId` as the store has it now. */
  readNode(stores: NeoStores, nodeId: number): NodeIndexState {
    if (!stores.nodeExists(nodeId)) return EMPTY_STATE;
    const labels = stores.nodeLabels(nodeId);
    let values: Map<number, string> | undefined;
    for (const labelId of labels) {
      const indexes = this.#rulesOfLabel.get(labelId);
      if (indexes === undefined) continue;
      for (const index of indexes) {
        const value = stores.nodeProperty(nodeId, index.rule.propertyKeyId);
        if (value === undefined) continue;
        (values ??= new Map()).set(index.rule.id, indexKey(value));
      }
    }
    return values === undefined && labels.length === 0 ? EMPTY_STATE : { labels, values: values ?? new Map() };
  }

  /** Moves one node's entries from `before` to `after`. */
  update(nodeId: number, before: NodeIndexState, after: NodeIndexState): void {
    for (const labelId of before.labels) {
      if (!after.labels.includes(labelId)) this.#byLabel.get(labelId)?.delete(nodeId);
    }
    for (const labelId of after.labels) {
      let nodes = this.#byLabel.get(labelId);
      if (nodes === undefined) this.#byLabel.set(labelId, (nodes = new Set()));
      nodes.add(nodeId);
    }
    for (const [ruleId, key] of before.values) {
      if (after.values.get(ruleId) === key) continue;
      const index = this.#byRule.get(ruleId);
      const nodes = index?.entries.get(key);
      if (nodes === undefined) continue;
      nodes.delete(nodeId);
      if (nodes.size === 0) index!.entries.delete(key);
    }
    for (const [ruleId, key] of after.values) {
      if (before.values.get(ruleId) === key) continue;
      const index = this.#byRule.get(ruleId);
      if (index === undefined) continue;
      let nodes = index.entries.get(key);
      if (nodes === undefined) index.entries.set(key, (nodes = new Set()));
      nodes.add(nodeId);
    }
  }

  /** Drops everything and indexes every node of the store (start-up, after recovery). */
  rebuild(stores: NeoStores): void {
    this.#byLabel.clear();
    this.#byRule.clear();
    this.#rulesOfLabel.clear();
    for (const rule of stores.schemaRules()) this.#addRule(rule);
    for (const nodeId of stores.allNodeIds()) this.update(nodeId, EMPTY_STATE, this.readNode(stores, nodeId));
  }

  /** Brings the indexes in line with the store's schema rules: populates new ones, drops removed ones. */
  syncRules(stores: NeoStores): void {
    const current = stores.schemaRules();
    const ids = new Set(current.map((rule) => rule.id));
    for (const [ruleId, index] of this.#byRule) {
      if (ids.has(ruleId)) continue;
      this.#byRule.delete(ruleId);
      const onLabel = this.#rulesOfLabel.get(index.rule.labelId)!;
      onLabel.splice(onLabel.indexOf(index), 1);
      if (onLabel.length === 0) this.#rulesOfLabel.delete(index.rule.labelId);
    }
    for (const rule of current) {
      if (this.#byRule.has(rule.id)) continue;
      const index = this.#addRule(rule);
      for (const nodeId of this.nodesWithLabel(rule.labelId)) {
        const value = stores.nodeProperty(nodeId, rule.propertyKeyId);
        if (value === undefined) continue;
        const key = indexKey(value);
        let nodes = index.entries.get(key);
        if (nodes === undefined) index.entries.set(key, (nodes = new Set()));
        nodes.add(nodeId);
      }
    }
  }

  #addRule(rule: SchemaRule): PropertyIndex {
    const index: PropertyIndex = { rule, entries: new Map() };
    this.#byRule.set(rule.id, index);
    let onLabel = this.#rulesOfLabel.get(rule.labelId);
    if (onLabel === undefined) this.#rulesOfLabel.set(rule.labelId, (onLabel = []));
    onLabel.push(index);
    return index;
  }
}
