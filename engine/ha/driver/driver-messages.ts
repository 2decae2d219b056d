/**
 * The driver's own messages on the cluster channel, beside the core's (messages.ts). The
 * JSON part of a frame; transactions travel in its binary part (tx-batch.ts).
 *
 *   member_info       to a peer when its connection opens
 *     { type: 'member_info', uris: string[] }      ha://host:port?serverId=N and http://host:port
 *   tx_pull           request, slave -> master, every ha.pull_interval
 *     { type: 'tx_pull', fromTxId, max }
 *     answered { type: 'tx_batch', count, lastTxId } + batch bytes
 *           or { type: 'tx_refused', code, message }
 *       code  NOT_MASTER           the member asked is not (or no longer) master
 *             GLB_TX_LOG_PRUNED    the master's log no longer holds fromTxId: a store copy is needed
 *             NOT_READY            (push) the slave has not checked its history against the
 *                                  master's yet, or waits for a store copy: it will pull
 *   tx_checksum       request, slave -> master, when it first follows a master (branch check)
 *     { type: 'tx_checksum', txId }
 *     answered { type: 'tx_checksum_answer', lastTxId, checksum }   checksum of txId, null when
 *                                                                 txId is beyond lastTxId or pruned
 *           or { type: 'tx_refused', code: 'NOT_MASTER', message }
 *   tx_push           request, master -> slave, after a commit is durable
 *     { type: 'tx_push', epoch } + batch bytes
 *     answered { type: 'tx_push_ack', lastTxId } once applied durably,
 *           or { type: 'tx_refused', code, message }
 */

export type TxRefusalCode = 'NOT_MASTER' | 'GLB_TX_LOG_PRUNED' | 'GLB_TX_LOG_DIVERGED' | 'NOT_SLAVE' | 'NOT_READY' | 'APPLY_FAILED';

export interface MemberInfoMessage {
  type: 'member_info';
  uris: string[];
}

export interface TxPullMessage {
  type: 'tx_pull';
  fromTxId: number;
  max: number;
}

export interface TxPushMessage {
  type: 'tx_push';
  epoch: number;
}

export interface TxChecksumMessage {
  type: 'tx_checksum';
  txId: number;
}

export interface TxChecksumReply {
  type: 'tx_checksum_answer';
  lastTxId: number;
  checksum: number | null;
}

export interface TxBatchReply {
  type: 'tx_batch';
  count: number;
  lastTxId: number;
}

export interface TxPushAckReply {
  type: 'tx_push_ack';
  lastTxId: number;
}

export interface TxRefusedReply {
  type: 'tx_refused';
  code: TxRefusalCode;
  message: string;
}

export type DriverMessage = MemberInfoMessage | TxPullMessage | TxPushMessage | TxChecksumMessage;
export type TxReply = TxBatchReply | TxPushAckReply | TxRefusedReply | TxChecksumReply;

const refusalCodes: readonly string[] = ['NOT_MASTER', 'GLB_TX_LOG_PRUNED', 'GLB_TX_LOG_DIVERGED', 'NOT_SLAVE', 'NOT_READY', 'APPLY_FAILED'];

/** A driver message from untrusted JSON; undefined for anything else (the core's messages included). */
export function parseDriverMessage(value: unknown): DriverMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'member_info':
      return Array.isArray(m['uris']) && m['uris'].every((u) => typeof u === 'string') ? (m as unknown as MemberInfoMessage) : undefined;
    case 'tx_pull':
      return count(m['fromTxId']) && count(m['max']) && (m['fromTxId'] as number) >= 1 && (m['max'] as number) >= 1 ? (m as unknown as TxPullMessage) : undefined;
    case 'tx_push':
      return count(m['epoch']) ? (m as unknown as TxPushMessage) : undefined;
    case 'tx_checksum':
      return count(m['txId']) ? (m as unknown as TxChecksumMessage) : undefined;
    default:
      return undefined;
  }
}

export function parseTxReply(value: unknown): TxReply | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'tx_batch':
      return count(m['count']) && count(m['lastTxId']) ? (m as unknown as TxBatchReply) : undefined;
    case 'tx_push_ack':
      return count(m['lastTxId']) ? (m as unknown as TxPushAckReply) : undefined;
    case 'tx_checksum_answer':
      return count(m['lastTxId']) && (m['checksum'] === null || count(m['checksum'])) ? (m as unknown as TxChecksumReply) : undefined;
    case 'tx_refused':
      return typeof m['code'] === 'string' && refusalCodes.includes(m['code']) && typeof m['message'] === 'string' ? (m as unknown as TxRefusedReply) : undefined;
    default:
      return undefined;
  }
}

function count(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
