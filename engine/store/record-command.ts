/**
 * What one transaction did to the store, as the transaction log carries it: the
 * after-image of every record it changed, plus the nodes whose labels or properties
 * changed (for index maintenance). Replaying after-images is idempotent, so recovery and
 * replication can apply an entry whether or not the store already holds it.
 *
 * Payload layout (little-endian):
 *
 *   offset  size  field
 *   0       1     format version (1)
 *   1       4     number of commands, n (u32)
 *   5       ...   n commands, each:
 *                   1     store type (store-type.ts)
 *                   4     record id (u32)
 *                   size  the record's after-image, size = that store's record size
 *   ...     4     number of touched nodes, m (u32)
 *   ...     4m    touched node ids (u32 each)
 *
 * Nothing may follow; decodePayload refuses anything that does not parse exactly.
 */
import { NO_ID } from './record-id.js';
import { isStoreType, storeDescriptors, type StoreType } from './store-type.js';

/** One record's after-image: replaying it (apply) is idempotent. */
export interface RecordCommand {
  readonly store: StoreType;
  readonly id: number;
  readonly after: Buffer;
}

/** The log payload of one transaction: the after-images plus the nodes whose labels or
 *  properties changed (created and deleted nodes included), for index maintenance. */
export interface TransactionPayload {
  readonly commands: readonly RecordCommand[];
  readonly touchedNodes: readonly number[];
}

const VERSION = 1;
const COMMAND_HEADER = 5;

export function encodePayload(payload: TransactionPayload): Buffer {
  let length = 1 + 4 + 4 + payload.touchedNodes.length * 4;
  for (const command of payload.commands) length += COMMAND_HEADER + storeDescriptors[command.store]!.recordSize;
  const bytes = Buffer.allocUnsafe(length);
  bytes[0] = VERSION;
  bytes.writeUInt32LE(payload.commands.length, 1);
  let offset = 5;
  for (const command of payload.commands) {
    const size = storeDescriptors[command.store]!.recordSize;
    if (command.after.length !== size) {
      throw new Error(`record command for ${storeDescriptors[command.store]!.fileName} record ${command.id} has ${command.after.length} bytes, expected ${size}`);
    }
    bytes[offset] = command.store;
    bytes.writeUInt32LE(command.id, offset + 1);
    command.after.copy(bytes, offset + COMMAND_HEADER);
    offset += COMMAND_HEADER + size;
  }
  bytes.writeUInt32LE(payload.touchedNodes.length, offset);
  offset += 4;
  for (const node of payload.touchedNodes) {
    bytes.writeUInt32LE(node, offset);
    offset += 4;
  }
  return bytes;
}

/** Decodes bytes written by encodePayload; throws an Error saying where they stop making sense. */
export function decodePayload(bytes: Buffer): TransactionPayload {
  // A private copy: the caller may reuse its buffer, and the after-images are views into this.
  const own = Buffer.from(bytes);
  if (own.length < 9) throw malformed(`${own.length} bytes is shorter than an empty payload (9)`);
  if (own[0] !== VERSION) throw malformed(`format version ${own[0]} is not ${VERSION}`);
  const count = own.readUInt32LE(1);
  const commands: RecordCommand[] = [];
  let offset = 5;
  for (let i = 0; i < count; i++) {
    if (offset + COMMAND_HEADER > own.length) throw malformed(`command ${i} of ${count} starts past the end`);
    const store = own[offset]!;
    if (!isStoreType(store)) throw malformed(`command ${i} names unknown store type ${store}`);
    const id = own.readUInt32LE(offset + 1);
    if (id === NO_ID) throw malformed(`command ${i} names record id ${NO_ID}, which means "no record"`);
    const size = storeDescriptors[store]!.recordSize;
    const end = offset + COMMAND_HEADER + size;
    if (end > own.length) throw malformed(`command ${i} of ${count} runs past the end`);
    commands.push({ store, id, after: own.subarray(offset + COMMAND_HEADER, end) });
    offset = end;
  }
  if (offset + 4 > own.length) throw malformed('the touched-node count is missing');
  const touchedCount = own.readUInt32LE(offset);
  offset += 4;
  if (offset + touchedCount * 4 !== own.length) {
    throw malformed(`${touchedCount} touched nodes need ${touchedCount * 4} bytes, ${own.length - offset} remain`);
  }
  const touchedNodes = new Array<number>(touchedCount);
  for (let i = 0; i < touchedCount; i++) touchedNodes[i] = own.readUInt32LE(offset + i * 4);
  return { commands, touchedNodes };
}

function malformed(detail: string): Error {
  return new Error(`malformed transaction payload: ${detail}; the log entry is damaged`);
}
