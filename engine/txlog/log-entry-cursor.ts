/**
 * Walks the entries of one log file in order, validating each (see log-format.ts), with
 * buffered positional reads. Opening the log, read() and verify() all go through it, so
 * there is one definition of a valid entry.
 *
 * The cursor is mutable and reused: after next() returns true its fields describe the
 * entry just read; after it returns false they still describe the last valid entry (or
 * the chain link the cursor started from), `position` is where the valid log ends and
 * `stop` says why it ended.
 */
import type { StoreChannel } from '../io/file-system.js';
import type { ChainLink } from './chain-link.js';
import { LOG_ENTRY_HEADER_SIZE, entryChecksum } from './log-format.js';
import { readU64 } from './u64.js';

/**
 * Why a cursor stopped: `end` at the end of the file; `torn` when an entry runs past it;
 * `checksum` when an entry's checksum does not match; `tx_id` when an entry's tx id is not
 * the previous one + 1.
 */
export type CursorStop = 'end' | 'torn' | 'checksum' | 'tx_id';

const READ_AHEAD_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);

export class LogEntryCursor implements ChainLink {
  txId: number;
  checksum: number;
  epoch: number;
  timeMs: number;
  /** A view into the cursor's buffer: valid until the next call to next(). Copy it to keep it. */
  payload: Buffer = EMPTY;
  /** The file offset just after the last valid entry. */
  position: number;
  stop: CursorStop | undefined;

  readonly #channel: StoreChannel;
  readonly #limit: number;
  #buffer: Buffer;
  /** File offsets of the bytes held in #buffer: [#bufferStart, #bufferEnd). */
  #bufferStart = 0;
  #bufferEnd = 0;

  /** Reads entries from `position` up to `limit` (the file's size), continuing the chain from `previous`. */
  constructor(channel: StoreChannel, position: number, limit: number, previous: ChainLink) {
    this.#channel = channel;
    this.#limit = limit;
    this.#buffer = Buffer.allocUnsafe(Math.min(READ_AHEAD_BYTES, Math.max(limit - position, LOG_ENTRY_HEADER_SIZE)));
    this.position = position;
    this.txId = previous.txId;
    this.checksum = previous.checksum;
    this.epoch = previous.epoch;
    this.timeMs = previous.timeMs;
  }

  next(): boolean {
    if (this.stop !== undefined) return false;
    const start = this.position;
    if (start >= this.#limit) return this.#stop('end');
    if (start + LOG_ENTRY_HEADER_SIZE > this.#limit || !this.#fill(start, LOG_ENTRY_HEADER_SIZE)) return this.#stop('torn');
    const size = LOG_ENTRY_HEADER_SIZE + this.#buffer.readUInt32LE(start - this.#bufferStart);
    if (start + size > this.#limit || !this.#fill(start, size)) return this.#stop('torn');

    const buffer = this.#buffer;
    const offset = start - this.#bufferStart;
    const payload = buffer.subarray(offset + LOG_ENTRY_HEADER_SIZE, offset + size);
    const checksum = entryChecksum(buffer, offset, payload, this.checksum);
    if (checksum !== buffer.readUInt32LE(offset + 4)) return this.#stop('checksum');
    const txId = readU64(buffer, offset + 8);
    if (txId !== this.txId + 1) return this.#stop('tx_id');

    this.txId = txId;
    this.checksum = checksum;
    this.epoch = readU64(buffer, offset + 16);
    this.timeMs = readU64(buffer, offset + 24);
    this.payload = payload;
    this.position = start + size;
    return true;
  }

  #stop(reason: CursorStop): false {
    this.stop = reason;
    this.payload = EMPTY;
    return false;
  }

  /** Makes the file bytes [position, position + length) available in #buffer; false when the file is shorter. */
  #fill(position: number, length: number): boolean {
    if (position >= this.#bufferStart && position + length <= this.#bufferEnd) return true;
    if (length > this.#buffer.length) this.#buffer = Buffer.allocUnsafe(length);
    const wanted = Math.min(this.#buffer.length, this.#limit - position);
    const read = this.#channel.read(this.#buffer, 0, wanted, position);
    this.#bufferStart = position;
    this.#bufferEnd = position + read;
    return read >= length;
  }
}

/** Words for a log message: what was wrong with the entry a cursor stopped at. */
export function describeStop(stop: CursorStop): string {
  switch (stop) {
    case 'end':
      return 'the file ends';
    case 'torn':
      return 'the entry runs past the end of the file (torn write)';
    case 'checksum':
      return 'the entry checksum does not match its contents and the chain';
    case 'tx_id':
      return 'the entry tx id does not follow the previous one';
  }
}
