/**
 * Node records: neostore.nodestore.db, 15 bytes each, record id = node id.
 *
 *   offset  size  field
 *   0       1     flags: bit 0 in use; bit 1 labels live in neostore.nodestore.db.labels;
 *                 bits 2-3 number of inline labels (0..3)
 *   1       4     first relationship of the node's chain (u32, NO_ID for none)
 *   5       4     first property record (u32, NO_ID for none)
 *   9       6     labels: inline, up to 3 label token ids as u16, ascending;
 *                 or, with flag bit 1, the u32 id of the first record of a dynamic label
 *                 array (label-array.ts) in bytes 9-12, bytes 13-14 zero
 *
 * A record not in use is all zeros. Three inline labels (not Neo4j's two) because three
 * u16 ids fit the 6-byte field once the count moves into the flags byte.
 */
import { NO_ID } from './record-id.js';

export const NODE_RECORD_SIZE = 15;
export const MAX_INLINE_LABELS = 3;
export const MAX_INLINE_LABEL_ID = 0xffff;

const IN_USE = 0x01;
const DYNAMIC_LABELS = 0x02;

export interface NodeRecord {
  readonly id: number;
  inUse: boolean;
  firstRel: number;
  firstProp: number;
  /** Label ids held in the record itself (ascending); empty when dynamicLabels is set. */
  inlineLabels: number[];
  /** First record of the dynamic label array, or NO_ID when the labels are inline. */
  dynamicLabels: number;
}

export function emptyNodeRecord(id: number): NodeRecord {
  return { id, inUse: false, firstRel: NO_ID, firstProp: NO_ID, inlineLabels: [], dynamicLabels: NO_ID };
}

export function decodeNode(buffer: Buffer, offset: number, id: number): NodeRecord {
  const flags = buffer[offset]!;
  if ((flags & IN_USE) === 0) return emptyNodeRecord(id);
  const record: NodeRecord = {
    id,
    inUse: true,
    firstRel: buffer.readUInt32LE(offset + 1),
    firstProp: buffer.readUInt32LE(offset + 5),
    inlineLabels: [],
    dynamicLabels: NO_ID,
  };
  if ((flags & DYNAMIC_LABELS) !== 0) {
    record.dynamicLabels = buffer.readUInt32LE(offset + 9);
  } else {
    const count = (flags >> 2) & 0x03;
    for (let i = 0; i < count; i++) record.inlineLabels.push(buffer.readUInt16LE(offset + 9 + i * 2));
  }
  return record;
}

/** Writes NODE_RECORD_SIZE bytes at `offset`. */
export function encodeNode(record: NodeRecord, target: Buffer, offset: number): void {
  target.fill(0, offset, offset + NODE_RECORD_SIZE);
  if (!record.inUse) return;
  target.writeUInt32LE(record.firstRel, offset + 1);
  target.writeUInt32LE(record.firstProp, offset + 5);
  if (record.dynamicLabels !== NO_ID) {
    target[offset] = IN_USE | DYNAMIC_LABELS;
    target.writeUInt32LE(record.dynamicLabels, offset + 9);
    return;
  }
  const labels = record.inlineLabels;
  if (labels.length > MAX_INLINE_LABELS) throw new Error(`node ${record.id}: ${labels.length} labels do not fit inline`);
  target[offset] = IN_USE | (labels.length << 2);
  for (let i = 0; i < labels.length; i++) target.writeUInt16LE(labels[i]!, offset + 9 + i * 2);
}

/** Whether `labels` (ascending, distinct) fit in the record itself. */
export function labelsFitInline(labels: readonly number[]): boolean {
  if (labels.length > MAX_INLINE_LABELS) return false;
  for (const label of labels) if (label > MAX_INLINE_LABEL_ID) return false;
  return true;
}
