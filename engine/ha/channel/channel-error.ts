/**
 * The cluster channel's failures, as seen by its callers (request() rejections and
 * thrown programming errors). Callers match on `code`, never on the message.
 */

/** No authenticated connection to that peer right now; the caller decides whether to wait or go elsewhere. */
export const CHANNEL_PEER_UNAVAILABLE = 'GLB_HA_CHANNEL_PEER_UNAVAILABLE';
/** The connection a request went out on closed before the reply came. */
export const CHANNEL_PEER_LOST = 'GLB_HA_CHANNEL_PEER_LOST';
/** No reply within the request's timeout. */
export const CHANNEL_REQUEST_TIMEOUT = 'GLB_HA_CHANNEL_REQUEST_TIMEOUT';
/** The peer's outbound queue is over its byte bound (the peer reads too slowly). */
export const CHANNEL_BACKPRESSURE = 'GLB_HA_CHANNEL_BACKPRESSURE';
/** One frame would exceed maxFrameBytes: split the payload. */
export const CHANNEL_FRAME_TOO_LARGE = 'GLB_HA_CHANNEL_FRAME_TOO_LARGE';
/** The channel was used after close(). */
export const CHANNEL_CLOSED = 'GLB_HA_CHANNEL_CLOSED';
/** ChannelOptions that cannot make a channel. */
export const CHANNEL_INVALID_OPTIONS = 'GLB_HA_CHANNEL_INVALID_OPTIONS';

export type ChannelErrorCode =
  | typeof CHANNEL_PEER_UNAVAILABLE
  | typeof CHANNEL_PEER_LOST
  | typeof CHANNEL_REQUEST_TIMEOUT
  | typeof CHANNEL_BACKPRESSURE
  | typeof CHANNEL_FRAME_TOO_LARGE
  | typeof CHANNEL_CLOSED
  | typeof CHANNEL_INVALID_OPTIONS;

export class ChannelError extends Error {
  readonly code: ChannelErrorCode;

  constructor(code: ChannelErrorCode, message: string) {
    super(message);
    this.name = 'ChannelError';
    this.code = code;
  }
}
