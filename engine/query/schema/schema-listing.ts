/**
 * Indexes and constraints as SHOW INDEXES, SHOW CONSTRAINTS and db.indexes() list them,
 * with Neo4j 4.4's columns. A uniqueness constraint owns an index of the same name and
 * id, listed among the indexes as UNIQUE (as Neo4j lists a constraint's backing index).
 */
import type { SchemaRuleView, Transaction } from '../../tx/transaction.js';
import type { RuntimeValue } from '../runtime-values.js';

export const SHOW_INDEXES_COLUMNS = [
  'id',
  'name',
  'state',
  'populationPercent',
  'uniqueness',
  'type',
  'entityType',
  'labelsOrTypes',
  'properties',
  'indexProvider',
] as const;

/** db.indexes() of Neo4j 4.x: SHOW INDEXES' columns with `provider` for `indexProvider`. */
export const DB_INDEXES_COLUMNS = [...SHOW_INDEXES_COLUMNS.slice(0, -1), 'provider'] as const;

export const SHOW_CONSTRAINTS_COLUMNS = ['id', 'name', 'type', 'entityType', 'labelsOrTypes', 'properties', 'ownedIndexId'] as const;

const INDEX_PROVIDER = 'native-btree-1.0';

function byName(a: SchemaRuleView, b: SchemaRuleView): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** One row per index (SHOW_INDEXES_COLUMNS order), by name. */
export function indexRows(tx: Transaction): RuntimeValue[][] {
  return tx
    .schemaRules()
    .sort(byName)
    .map((rule) => [
      BigInt(rule.id),
      rule.name,
      'ONLINE',
      100.0,
      rule.kind === 'uniqueness' ? 'UNIQUE' : 'NONUNIQUE',
      'BTREE',
      'NODE',
      [rule.label],
      [rule.property],
      INDEX_PROVIDER,
    ]);
}

/** One row per constraint (SHOW_CONSTRAINTS_COLUMNS order), by name. */
export function constraintRows(tx: Transaction): RuntimeValue[][] {
  return tx
    .schemaRules()
    .filter((rule) => rule.kind === 'uniqueness')
    .sort(byName)
    .map((rule) => [BigInt(rule.id), rule.name, 'UNIQUENESS', 'NODE', [rule.label], [rule.property], BigInt(rule.id)]);
}
