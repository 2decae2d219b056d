/**
 * The slave's side of a store copy over the channel (store-copy-frames.ts): the master's
 * store as chunks for receiveStoreCopy, asked for one answer at a time. Any failure (a
 * refusal, a timeout, the master gone) ends the iteration with an error; the caller
 * starts a new copy, which the master begins from a fresh checkpoint.
 */
import type { StoreCopyChunk } from '../../storecopy/store-copy-chunk.js';
import type { ClusterChannel } from '../channel/cluster-channel.js';
import { decodeStoreCopyFrame, parseStoreCopyRefusal } from './store-copy-frames.js';

export async function* fetchStoreCopy(channel: ClusterChannel, master: number, requestTimeoutMs: number): AsyncGenerator<StoreCopyChunk, void, undefined> {
  let request: object = { type: 'store_copy_start' };
  for (;;) {
    const answer = await channel.request(master, request, undefined, requestTimeoutMs);
    const refusal = parseStoreCopyRefusal(answer.message);
    if (refusal !== undefined) {
      throw Object.assign(new Error(`member ${master} refused the store copy (${refusal.code}): ${refusal.message}`), { code: refusal.code });
    }
    const frame = decodeStoreCopyFrame(answer.message, answer.binary);
    for (const chunk of frame.chunks) {
      yield chunk;
      if (chunk.kind === 'end') return;
    }
    request = { type: 'store_copy_next', session: frame.session };
  }
}
