/**
 * Relationship records: neostore.relationshipstore.db, 34 bytes each, record id =
 * relationship id.
 *
 *   offset  size  field
 *   0       1     flags: bit 0 in use; bit 1 first in the start node's chain;
 *                 bit 2 first in the end node's chain
 *   1       4     start node (u32)
 *   5       4     end node (u32)
 *   9       4     relationship type token id (u32)
 *   13      4     previous relationship in the start node's chain (u32, NO_ID at the head)
 *   17      4     next relationship in the start node's chain (u32, NO_ID at the tail)
 *   21      4     previous relationship in the end node's chain
 *   25      4     next relationship in the end node's chain
 *   29      4     first property record (u32, NO_ID for none)
 *   33      1     zero
 *
 * Every node has one doubly linked chain through all its relationships, starting at the
 * node record's first relationship (Neo4j's design): a relationship sits in two chains,
 * its start node's (through the start fields) and its end node's (the end fields). A
 * self-loop sits in its node's chain once, through the start fields; its end fields are
 * NO_ID and its bit 2 is clear. The "first in chain" flags mirror "previous is NO_ID".
 * A record not in use is all zeros.
 */
import { NO_ID } from './record-id.js';

export const RELATIONSHIP_RECORD_SIZE = 34;

const IN_USE = 0x01;
const FIRST_IN_START_CHAIN = 0x02;
const FIRST_IN_END_CHAIN = 0x04;

export interface RelationshipRecord {
  readonly id: number;
  inUse: boolean;
  firstInStartChain: boolean;
  firstInEndChain: boolean;
  startNode: number;
  endNode: number;
  type: number;
  startPrev: number;
  startNext: number;
  endPrev: number;
  endNext: number;
  firstProp: number;
}

export function emptyRelationshipRecord(id: number): RelationshipRecord {
  return {
    id,
    inUse: false,
    firstInStartChain: false,
    firstInEndChain: false,
    startNode: NO_ID,
    endNode: NO_ID,
    type: NO_ID,
    startPrev: NO_ID,
    startNext: NO_ID,
    endPrev: NO_ID,
    endNext: NO_ID,
    firstProp: NO_ID,
  };
}

export function decodeRelationship(buffer: Buffer, offset: number, id: number): RelationshipRecord {
  const flags = buffer[offset]!;
  if ((flags & IN_USE) === 0) return emptyRelationshipRecord(id);
  return {
    id,
    inUse: true,
    firstInStartChain: (flags & FIRST_IN_START_CHAIN) !== 0,
    firstInEndChain: (flags & FIRST_IN_END_CHAIN) !== 0,
    startNode: buffer.readUInt32LE(offset + 1),
    endNode: buffer.readUInt32LE(offset + 5),
    type: buffer.readUInt32LE(offset + 9),
    startPrev: buffer.readUInt32LE(offset + 13),
    startNext: buffer.readUInt32LE(offset + 17),
    endPrev: buffer.readUInt32LE(offset + 21),
    endNext: buffer.readUInt32LE(offset + 25),
    firstProp: buffer.readUInt32LE(offset + 29),
  };
}

/** Writes RELATIONSHIP_RECORD_SIZE bytes at `offset`. */
export function encodeRelationship(record: RelationshipRecord, target: Buffer, offset: number): void {
  target.fill(0, offset, offset + RELATIONSHIP_RECORD_SIZE);
  if (!record.inUse) return;
  target[offset] =
    IN_USE | (record.firstInStartChain ? FIRST_IN_START_CHAIN : 0) | (record.firstInEndChain ? FIRST_IN_END_CHAIN : 0);
  target.writeUInt32LE(record.startNode, offset + 1);
  target.writeUInt32LE(record.endNode, offset + 5);
  target.writeUInt32LE(record.type, offset + 9);
  target.writeUInt32LE(record.startPrev, offset + 13);
  target.writeUInt32LE(record.startNext, offset + 17);
  target.writeUInt32LE(record.endPrev, offset + 21);
  target.writeUInt32LE(record.endNext, offset + 25);
  target.writeUInt32LE(record.firstProp, offset + 29);
}

// A relationship is in `node`'s chain through its start fields when it starts there
// (self-loops included), else through its end fields.

export function chainPrev(record: RelationshipRecord, node: number): number {
  return record.startNode === node ? record.startPrev : record.endPrev;
}

export function chainNext(record: RelationshipRecord, node: number): number {
  return record.startNode === node ? record.startNext : record.endNext;
}

export function setChainPrev(record: RelationshipRecord, node: number, prev: number): void {
  if (record.startNode === node) {
    record.startPrev = prev;
    record.firstInStartChain = prev === NO_ID;
  } else {
    record.endPrev = prev;
    record.firstInEndChain = prev === NO_ID;
  }
}

export function setChainNext(record: RelationshipRecord, node: number, next: number): void {
  if (record.startNode === node) record.startNext = next;
  else record.endNext = next;
}
