/**
 * Store copy failures, each with a stable code that callers match on.
 */
export const storeCopyErrorCodes = {
  /** The log after the checkpoint was pruned while the files were streamed: start the copy again. */
  GLB_STORE_COPY_LOG_PRUNED: 'The transactions after the copy\'s checkpoint were pruned during the copy.',
  /** The source's store directory does not hold the database being copied, or a file there is short. */
  GLB_STORE_COPY_SOURCE: 'The source store cannot be read as the database being copied.',
  /** The chunks break the stream's rules (order, names, offsets, sizes, the end chunk). */
  GLB_STORE_COPY_INVALID_STREAM: 'The store copy stream is malformed or incomplete.',
} as const;

export type StoreCopyErrorCode = keyof typeof storeCopyErrorCodes;

export class StoreCopyError extends Error {
  readonly code: StoreCopyErrorCode;

  constructor(code: StoreCopyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreCopyError';
    this.code = code;
  }
}
