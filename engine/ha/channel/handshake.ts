/**
 * What the two HELLO frames and the two PROOF frames of a handshake carry, and the proof
 * itself. A member proves it knows ha.cluster_secret without sending it:
 *
 *   proof = HMAC-SHA256(secret, "graphlb-ha-v1" + own serverId + own nonce + peer's nonce)
 *
 * Both nonces are fresh per connection, so a recorded proof is worthless on the next one;
 * the sender's server id is inside, so a peer cannot reflect a member's own proof back at
 * it; nonces are fixed-length hex, so the concatenation is unambiguous.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const PROTOCOL_VERSION = 1;
const PROOF_LABEL = 'graphlb-ha-v1';
const NONCE_BYTES = 32;
const INCARNATION_BYTES = 16;
const NONCE_PATTERN = /^[0-9a-f]{64}$/;
const INCARNATION_PATTERN = /^[0-9a-f]{32}$/;
const PROOF_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The first frame each way. `incarnation` is random per ClusterChannel, so a peer that
 * restarted under the same server id is told apart from a second connection of the same
 * process, and a member that dialled itself recognises its own incarnation.
 */
export interface Hello {
  readonly serverId: number;
  readonly nonce: string;
  readonly version: number;
  readonly incarnation: string;
}

export function newNonce(): string {
  return randomBytes(NONCE_BYTES).toString('hex');
}

export function newIncarnation(): string {
  return randomBytes(INCARNATION_BYTES).toString('hex');
}

/** The HELLO a peer sent, or undefined when it is not one (the caller refuses the peer). */
export function readHello(json: object): Hello | undefined {
  const { serverId, nonce, version, incarnation } = json as Record<string, unknown>;
  if (typeof serverId !== 'number' || !Number.isSafeInteger(serverId) || serverId < 1) return undefined;
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) return undefined;
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) return undefined;
  if (typeof incarnation !== 'string' || !INCARNATION_PATTERN.test(incarnation)) return undefined;
  return { serverId, nonce, version, incarnation };
}

export function computeProof(secret: string, serverId: number, ownNonce: string, peerNonce: string): string {
  return createHmac('sha256', secret).update(PROOF_LABEL).update(String(serverId)).update(ownNonce).update(peerNonce).digest('hex');
}

/** Whether `json` is a PROOF frame carrying the proof the peer `hello` must have computed. */
export function verifyProof(secret: string, json: object, hello: Hello, ownNonce: string): boolean {
  const { proof } = json as Record<string, unknown>;
  if (typeof proof !== 'string' || !PROOF_PATTERN.test(proof)) return false;
  const expected = Buffer.from(computeProof(secret, hello.serverId, hello.nonce, ownNonce), 'hex');
  return timingSafeEqual(expected, Buffer.from(proof, 'hex'));
}
