/**
 * Schema rules (indexes and uniqueness constraints) and their bytes, stored as one chain
 * of neostore.schemastore.db dynamic records per rule; the rule id is the id of the
 * chain's first record (Neo4j's scheme), so rule ids come from the schema store.
 *
 * Layout (little-endian):
 *
 *   offset  size  field
 *   0       1     kind: 1 index, 2 uniqueness constraint
 *   1       4     label token id (u32)
 *   5       4     property key token id (u32)
 *   9       ...   name, UTF-8, to the end
 */
import { checkStoredString } from './property-value.js';
import { checkRecordId } from './record-id.js';

export interface SchemaRule {
  readonly id: number;
  readonly kind: 'index' | 'uniqueness';
  readonly name: string;
  readonly labelId: number;
  readonly propertyKeyId: number;
}

const INDEX = 1;
const UNIQUENESS = 2;
const HEADER = 9;

/** Throws an Error naming the bad field when `rule` cannot be stored. */
export function checkSchemaRule(rule: SchemaRule): void {
  checkRecordId('schema rule', rule.id);
  if (rule.kind !== 'index' && rule.kind !== 'uniqueness') {
    throw new Error(`schema rule ${rule.id} has kind ${String(rule.kind)}: expected 'index' or 'uniqueness'`);
  }
  checkRecordId('label', rule.labelId);
  checkRecordId('property key', rule.propertyKeyId);
  checkStoredString(rule.name, `the name of schema rule ${rule.id}`);
}

export function encodeSchemaRule(rule: SchemaRule): Buffer {
  const name = Buffer.from(rule.name, 'utf8');
  const bytes = Buffer.allocUnsafe(HEADER + name.length);
  bytes[0] = rule.kind === 'index' ? INDEX : UNIQUENESS;
  bytes.writeUInt32LE(rule.labelId, 1);
  bytes.writeUInt32LE(rule.propertyKeyId, 5);
  name.copy(bytes, HEADER);
  return bytes;
}

/** Decodes bytes written by encodeSchemaRule; throws on anything else. */
export function decodeSchemaRule(id: number, bytes: Buffer): SchemaRule {
  if (bytes.length < HEADER) {
    throw new Error(`malformed schema rule ${id}: ${bytes.length} bytes is shorter than its ${HEADER}-byte header; the store is damaged, run graphlb check`);
  }
  const kind = bytes[0];
  if (kind !== INDEX && kind !== UNIQUENESS) {
    throw new Error(`malformed schema rule ${id}: unknown kind ${kind}; the store is damaged, run graphlb check`);
  }
  return {
    id,
    kind: kind === INDEX ? 'index' : 'uniqueness',
    labelId: bytes.readUInt32LE(1),
    propertyKeyId: bytes.readUInt32LE(5),
    name: bytes.toString('utf8', HEADER),
  };
}
