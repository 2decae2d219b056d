/**
 * A store copy (engine/storecopy/store-copy-chunk.ts) on the cluster channel, asked for
 * chunk by chunk so that at most one frame per copy is ever in flight (the channel's
 * backpressure bound holds however large the store is):
 *
 *   store_copy_start    request, slave -> master: { type: 'store_copy_start' }
 *   store_copy_next     request, slave -> master: { type: 'store_copy_next', session }
 *     each answered with one frame:
 *     { type: 'store_copy_chunk', session, kind: 'header', storeId, checkpoint: { txId, checksum, epoch, timeMs }, files: [{ name, size }] }
 *     { type: 'store_copy_chunk', session, kind: 'file', name, offset }   binary part: the file's bytes at offset
 *     { type: 'store_copy_chunk', session, kind: 'tx', count }            binary part: count transactions (tx-batch.ts)
 *     { type: 'store_copy_chunk', session, kind: 'end', lastTxId }
 *     or { type: 'store_copy_refused', code, message }
 *       code  NOT_MASTER          ask the master
 *             UNKNOWN_SESSION     the master forgot the session (idle too long, or restarted): start again
 *             SOURCE_FAILED       reading the store failed there (e.g. GLB_STORE_COPY_LOG_PRUNED): start again
 *
 * session is the master's name for one copy (hex); the first answer carries it.
 */
import type { ChainLink } from '../../txlog/chain-link.js';
import type { StoreCopyChunk, StoreCopyFile } from '../../storecopy/store-copy-chunk.js';
import { decodeTxBatch, encodeTxBatch } from './tx-batch.js';

export type StoreCopyRefusalCode = 'NOT_MASTER' | 'UNKNOWN_SESSION' | 'SOURCE_FAILED';

export interface StoreCopyStartMessage {
  type: 'store_copy_start';
}

export interface StoreCopyNextMessage {
  type: 'store_copy_next';
  session: string;
}

export type StoreCopyRequest = StoreCopyStartMessage | StoreCopyNextMessage;

export interface StoreCopyRefusal {
  type: 'store_copy_refused';
  code: StoreCopyRefusalCode;
  message: string;
}

export interface StoreCopyFrame {
  readonly message: object;
  readonly binary?: Buffer;
}

/** One answer's worth of chunks: a header, a file chunk or an end alone, or a run of transactions. */
export function encodeStoreCopyChunks(session: string, chunks: readonly StoreCopyChunk[]): StoreCopyFrame {
  const first = chunks[0];
  if (first === undefined) throw new RangeError('a store copy frame needs at least one chunk.');
  switch (first.kind) {
    case 'header':
      return { message: { type: 'store_copy_chunk', session, kind: 'header', storeId: first.storeId, checkpoint: first.checkpoint, files: first.files } };
    case 'file':
      return { message: { type: 'store_copy_chunk', session, kind: 'file', name: first.name, offset: first.offset }, binary: first.bytes };
    case 'end':
      return { message: { type: 'store_copy_chunk', session, kind: 'end', lastTxId: first.lastTxId } };
    case 'tx': {
      const transactions = chunks.map((chunk) => {
        if (chunk.kind !== 'tx') throw new RangeError(`a store copy frame of transactions cannot carry a '${chunk.kind}' chunk.`);
        return chunk.transaction;
      });
      return { message: { type: 'store_copy_chunk', session, kind: 'tx', count: transactions.length }, binary: encodeTxBatch(transactions) };
    }
  }
}

export interface DecodedStoreCopyFrame {
  readonly session: string;
  readonly chunks: readonly StoreCopyChunk[];
}

/** The chunks of an answer; throws a RangeError saying what is wrong with a malformed one. */
export function decodeStoreCopyFrame(message: unknown, binary: Buffer): DecodedStoreCopyFrame {
  if (typeof message !== 'object' || message === null) throw malformed('not a JSON object');
  const m = message as Record<string, unknown>;
  if (m['type'] !== 'store_copy_chunk') throw malformed(`type ${JSON.stringify(m['type'])} instead of store_copy_chunk`);
  const session = m['session'];
  if (typeof session !== 'string' || session === '') throw malformed('no session');
  switch (m['kind']) {
    case 'header': {
      const checkpoint = m['checkpoint'] as Record<string, unknown> | null;
      const files = m['files'];
      if (typeof m['storeId'] !== 'string' || typeof checkpoint !== 'object' || checkpoint === null || !Array.isArray(files)) throw malformed('a header without storeId, checkpoint or files');
      if (!['txId', 'checksum', 'epoch', 'timeMs'].every((field) => count(checkpoint[field]))) throw malformed('a checkpoint without txId, checksum, epoch and timeMs');
      if (!files.every((f) => typeof f === 'object' && f !== null && typeof (f as Record<string, unknown>)['name'] === 'string' && count((f as Record<string, unknown>)['size']))) {
        throw malformed('a file without name or size');
      }
      const link = checkpoint as unknown as ChainLink;
      return {
        session,
        chunks: [
          {
            kind: 'header',
            storeId: m['storeId'],
            checkpoint: { txId: link.txId, checksum: link.checksum, epoch: link.epoch, timeMs: link.timeMs },
            files: (files as StoreCopyFile[]).map((f) => ({ name: f.name, size: f.size })),
          },
        ],
      };
    }
    case 'file':
      if (typeof m['name'] !== 'string' || !count(m['offset'])) throw malformed('a file chunk without name or offset');
      return { session, chunks: [{ kind: 'file', name: m['name'], offset: m['offset'] as number, bytes: binary }] };
    case 'tx': {
      const transactions = decodeTxBatch(binary);
      if (transactions.length !== m['count']) throw malformed(`count ${String(m['count'])} but ${transactions.length} transactions`);
      return { session, chunks: transactions.map((transaction) => ({ kind: 'tx', transaction })) };
    }
    case 'end':
      if (!count(m['lastTxId'])) throw malformed('an end without lastTxId');
      return { session, chunks: [{ kind: 'end', lastTxId: m['lastTxId'] as number }] };
    default:
      throw malformed(`kind ${JSON.stringify(m['kind'])}`);
  }
}

export function parseStoreCopyRequest(value: unknown): StoreCopyRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m['type'] === 'store_copy_start') return { type: 'store_copy_start' };
  if (m['type'] === 'store_copy_next' && typeof m['session'] === 'string') return { type: 'store_copy_next', session: m['session'] };
  return undefined;
}

export function parseStoreCopyRefusal(value: unknown): StoreCopyRefusal | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m['type'] !== 'store_copy_refused' || typeof m['message'] !== 'string') return undefined;
  return ['NOT_MASTER', 'UNKNOWN_SESSION', 'SOURCE_FAILED'].includes(m['code'] as string) ? (m as unknown as StoreCopyRefusal) : undefined;
}

function malformed(detail: string): RangeError {
  return new RangeError(`a store copy answer is malformed (${detail}); expected a frame as engine/ha/driver/store-copy-frames.ts describes. The master runs another graphlb version?`);
}

function count(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
