/**
 * Committed transactions as the binary part of a pull answer or a push, all integers
 * big-endian:
 *
 *   u32 count
 *   count times:
 *     u64 txId        (a safe integer, below 2^53)
 *     u64 epoch
 *     u64 timeMs      (the master's wall clock at commit)
 *     u32 checksum    (the log's chained checksum, kept by the slave)
 *     u32 payloadLength
 *     payloadLength bytes of payload (the transaction log's entry payload, as is)
 *
 * Nothing else: the JSON part of the frame says what the batch answers.
 */
import type { CommittedTransaction } from '../../txlog/transaction-log.js';

const COUNT_BYTES = 4;
const ENTRY_HEADER_BYTES = 8 + 8 + 8 + 4 + 4;

export function encodeTxBatch(transactions: readonly CommittedTransaction[]): Buffer {
  let size = COUNT_BYTES;
  for (const tx of transactions) size += ENTRY_HEADER_BYTES + tx.payload.length;
  const out = Buffer.allocUnsafe(size);
  let at = out.writeUInt32BE(transactions.length, 0);
  for (const tx of transactions) {
    at = out.writeBigUInt64BE(BigInt(tx.txId), at);
    at = out.writeBigUInt64BE(BigInt(tx.epoch), at);
    at = out.writeBigUInt64BE(BigInt(tx.timeMs), at);
    at = out.writeUInt32BE(tx.checksum >>> 0, at);
    at = out.writeUInt32BE(tx.payload.length, at);
    at += tx.payload.copy(out, at);
  }
  return out;
}

/** Throws a RangeError naming the offset when the bytes are not a whole batch. */
export function decodeTxBatch(bytes: Buffer): CommittedTransaction[] {
  if (bytes.length < COUNT_BYTES) throw new RangeError(`A transaction batch needs at least ${COUNT_BYTES} bytes, got ${bytes.length}; the sender is not a graphlb HA member of this version.`);
  const count = bytes.readUInt32BE(0);
  const transactions: CommittedTransaction[] = [];
  let at = COUNT_BYTES;
  for (let i = 0; i < count; i++) {
    if (at + ENTRY_HEADER_BYTES > bytes.length) throw new RangeError(`Transaction ${i} of ${count} in a batch is cut off at byte ${at} of ${bytes.length}.`);
    const txId = safe(bytes.readBigUInt64BE(at), 'txId', at);
    const epoch = safe(bytes.readBigUInt64BE(at + 8), 'epoch', at + 8);
    const timeMs = safe(bytes.readBigUInt64BE(at + 16), 'timeMs', at + 16);
    const checksum = bytes.readUInt32BE(at + 24);
    const length = bytes.readUInt32BE(at + 28);
    at += ENTRY_HEADER_BYTES;
    if (at + length > bytes.length) throw new RangeError(`The payload of transaction ${txId} (${length} bytes) is cut off at byte ${bytes.length}.`);
    transactions.push({ txId, epoch, timeMs, checksum, payload: Buffer.from(bytes.subarray(at, at + length)) });
    at += length;
  }
  if (at !== bytes.length) throw new RangeError(`A transaction batch of ${count} ends at byte ${at} but ${bytes.length} bytes arrived.`);
  return transactions;
}

function safe(value: bigint, field: string, at: number): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${field} at byte ${at} is ${value}, beyond a safe integer.`);
  return Number(value);
}
