/**
 * The master's side of store copies over the channel (store-copy-frames.ts): one session
 * per asking member, each an iteration of createStoreCopySource, advanced one answer per
 * request so the slave sets the pace.
 *
 *   start(peer) ── a session for peer already? it is ended first ── new iterator ──> OPEN
 *   OPEN ── next(session): one frame (header | file chunk | transactions up to FRAME_BYTES | end) ──> OPEN
 *   OPEN ── the end was sent, the source failed, IDLE_MS without a request, or close() ──> gone
 *
 * Events: store_copy_served (by the source), store_copy_session_expired (info).
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { StoreCopyChunk } from '../../storecopy/store-copy-chunk.js';
import type { StoreCopySource } from '../../storecopy/store-copy-source.js';
import { encodeStoreCopyChunks, type StoreCopyFrame } from './store-copy-frames.js';

/** A session nobody asked for in this long is ended: the slave gave up or went away. */
export const STORE_COPY_IDLE_MS = 60_000;
/** Transactions are sent together up to about this many payload bytes per answer. */
const FRAME_BYTES = 1024 * 1024;

interface Session {
  readonly id: string;
  readonly peer: number;
  readonly chunks: AsyncIterator<StoreCopyChunk>;
  /** A chunk read but not yet sent (the first one after a run of transactions). */
  held: StoreCopyChunk | undefined;
  idle: NodeJS.Timeout;
  busy: boolean;
}

export class StoreCopySessions {
  readonly #logger: Logger;
  readonly #sessions = new Map<string, Session>();
  readonly #idleMs: number;

  constructor(logger: Logger, idleMs: number = STORE_COPY_IDLE_MS) {
    this.#logger = logger;
    this.#idleMs = idleMs;
  }

  /** Starts a copy for `peer` from `source`; resolves with its first frame (the header). */
  start(peer: number, source: StoreCopySource): Promise<StoreCopyFrame> {
    for (const session of this.#sessions.values()) if (session.peer === peer) this.#end(session);
    const id = randomBytes(8).toString('hex');
    const session: Session = { id, peer, chunks: source[Symbol.asyncIterator](), held: undefined, idle: this.#idleTimer(id), busy: false };
    this.#sessions.set(id, session);
    return this.#nextFrame(session);
  }

  /** The next frame of a session; undefined when there is no such session (any more). */
  next(peer: number, id: string): Promise<StoreCopyFrame> | undefined {
    const session = this.#sessions.get(id);
    if (session === undefined || session.peer !== peer || session.busy) return undefined;
    clearTimeout(session.idle);
    session.idle = this.#idleTimer(id);
    return this.#nextFrame(session);
  }

  close(): void {
    for (const session of [...this.#sessions.values()]) this.#end(session);
  }

  async #nextFrame(session: Session): Promise<StoreCopyFrame> {
    session.busy = true;
    try {
      const first = session.held ?? (await this.#read(session));
      session.held = undefined;
      if (first === undefined) throw new Error('the store copy source ended without its end chunk.');
      const chunks: StoreCopyChunk[] = [first];
      if (first.kind === 'tx') {
        let bytes = first.transaction.payload.length;
        while (bytes < FRAME_BYTES) {
          const more = await this.#read(session);
          if (more === undefined) break;
          if (more.kind !== 'tx') {
            session.held = more;
            break;
          }
          chunks.push(more);
          bytes += more.transaction.payload.length;
        }
      }
      if (first.kind === 'end') this.#end(session);
      return encodeStoreCopyChunks(session.id, chunks);
    } catch (error) {
      this.#end(session);
      throw error;
    } finally {
      session.busy = false;
    }
  }

  async #read(session: Session): Promise<StoreCopyChunk | undefined> {
    const result = await session.chunks.next();
    return result.done === true ? undefined : result.value;
  }

  #idleTimer(id: string): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const session = this.#sessions.get(id);
      if (session === undefined) return;
      this.#logger.info({ event: 'store_copy_session_expired', peer: session.peer, idleMs: this.#idleMs }, `store copy for member ${session.peer} ended: not asked for in ${this.#idleMs} ms`);
      this.#end(session);
    }, this.#idleMs);
    timer.unref();
    return timer;
  }

  #end(session: Session): void {
    clearTimeout(session.idle);
    if (!this.#sessions.delete(session.id)) return;
    // Releases the source (its open file, its place in the log) when it was left mid-way.
    void session.chunks.return?.().catch(() => undefined);
  }
}
