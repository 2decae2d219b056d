import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeDynamic, encodeDynamic, type DynamicRecord } from '../../../engine/store/dynamic-record.js';
import { decodeLabelArray, encodeLabelArray } from '../../../engine/store/label-array.js';
import { decodeNode, emptyNodeRecord, encodeNode, NODE_RECORD_SIZE, type NodeRecord } from '../../../engine/store/node-record.js';
import { writeInlineProperty } from '../../../engine/store/property-block.js';
import { decodeProperty, emptyPropertyRecord, encodeProperty, PROPERTY_RECORD_SIZE } from '../../../engine/store/property-record.js';
import { NO_ID } from '../../../engine/store/record-id.js';
import {
  decodeRelationship,
  encodeRelationship,
  RELATIONSHIP_RECORD_SIZE,
  type RelationshipRecord,
} from '../../../engine/store/relationship-record.js';
import { decodeSchemaRule, encodeSchemaRule, type SchemaRule } from '../../../engine/store/schema-rule.js';
import { storeDescriptors, StoreType } from '../../../engine/store/store-type.js';
import { decodeToken, encodeToken, TOKEN_RECORD_SIZE } from '../../../engine/store/token-record.js';

test('record sizes are the designed ones', () => {
  assert.equal(NODE_RECORD_SIZE, 15);
  assert.equal(RELATIONSHIP_RECORD_SIZE, 34);
  assert.equal(PROPERTY_RECORD_SIZE, 41);
  assert.equal(storeDescriptors[StoreType.propertyStrings]!.recordSize, 128);
  assert.equal(storeDescriptors[StoreType.propertyArrays]!.recordSize, 128);
  assert.equal(storeDescriptors[StoreType.propertyKeyNames]!.recordSize, 128);
  storeDescriptors.forEach((descriptor, index) => assert.equal(descriptor.type, index));
});

/** Encodes at a non-zero offset inside a larger buffer, as in a page, and decodes back. */
function roundTrip<R>(size: number, record: R, encode: (r: R, b: Buffer, o: number) => void, decode: (b: Buffer, o: number) => R): R {
  const page = Buffer.alloc(size + 20, 0xaa);
  encode(record, page, 7);
  assert.equal(page[6], 0xaa, 'wrote before its slot');
  assert.equal(page[7 + size], 0xaa, 'wrote past its slot');
  return decode(page, 7);
}

test('node records round-trip with 0 to 3 inline labels and with a dynamic label pointer', () => {
  for (const labels of [[], [0], [1, 65535], [3, 7, 9]]) {
    const record: NodeRecord = { id: 4, inUse: true, firstRel: 17, firstProp: NO_ID, inlineLabels: labels, dynamicLabels: NO_ID };
    assert.deepEqual(roundTrip(NODE_RECORD_SIZE, record, encodeNode, (b, o) => decodeNode(b, o, 4)), record);
  }
  const dynamic: NodeRecord = { id: 9, inUse: true, firstRel: NO_ID, firstProp: 123456, inlineLabels: [], dynamicLabels: 0xfffffffe };
  assert.deepEqual(roundTrip(NODE_RECORD_SIZE, dynamic, encodeNode, (b, o) => decodeNode(b, o, 9)), dynamic);
});

test('a record out of use is written as zeros and reads back out of use', () => {
  const node = { ...emptyNodeRecord(3), firstRel: 5 };
  const bytes = Buffer.alloc(NODE_RECORD_SIZE, 0xff);
  encodeNode(node, bytes, 0);
  assert.deepEqual(bytes, Buffer.alloc(NODE_RECORD_SIZE));
  assert.deepEqual(decodeNode(bytes, 0, 3), emptyNodeRecord(3));
  const property = Buffer.alloc(PROPERTY_RECORD_SIZE, 0xff);
  encodeProperty(emptyPropertyRecord(1), property, 0);
  assert.deepEqual(property, Buffer.alloc(PROPERTY_RECORD_SIZE));
});

test('relationship records round-trip every field and flag', () => {
  const record: RelationshipRecord = {
    id: 2,
    inUse: true,
    firstInStartChain: true,
    firstInEndChain: false,
    startNode: 1,
    endNode: 0xfffffffe,
    type: 3,
    startPrev: NO_ID,
    startNext: 11,
    endPrev: 12,
    endNext: 13,
    firstProp: 14,
  };
  assert.deepEqual(roundTrip(RELATIONSHIP_RECORD_SIZE, record, encodeRelationship, (b, o) => decodeRelationship(b, o, 2)), record);
  const flipped = { ...record, firstInStartChain: false, firstInEndChain: true };
  assert.deepEqual(roundTrip(RELATIONSHIP_RECORD_SIZE, flipped, encodeRelationship, (b, o) => decodeRelationship(b, o, 2)), flipped);
});

test('property records round-trip their links and all 32 block bytes', () => {
  const record = emptyPropertyRecord(8);
  record.inUse = true;
  record.prevProp = 1;
  record.nextProp = NO_ID;
  writeInlineProperty(record.blocks, 0, 5, 1.5);
  writeInlineProperty(record.blocks, 16, 0xffffff, 'twelve bytes');
  assert.deepEqual(roundTrip(PROPERTY_RECORD_SIZE, record, encodeProperty, (b, o) => decodeProperty(b, o, 8)), record);
});

test('dynamic records round-trip and refuse a length past their data area', () => {
  const record: DynamicRecord = { id: 1, inUse: true, first: true, next: 2, data: Buffer.from('x'.repeat(121)) };
  assert.deepEqual(roundTrip(128, record, (r, b, o) => encodeDynamic(r, b, o, 128), (b, o) => decodeDynamic(b, o, 1, 128)), record);
  const last: DynamicRecord = { id: 2, inUse: true, first: false, next: NO_ID, data: Buffer.alloc(0) };
  assert.deepEqual(roundTrip(60, last, (r, b, o) => encodeDynamic(r, b, o, 60), (b, o) => decodeDynamic(b, o, 2, 60)), last);
  assert.throws(() => encodeDynamic({ ...record, data: Buffer.alloc(122) }, Buffer.alloc(128), 0, 128), /do not fit/);
  const bytes = Buffer.alloc(128);
  encodeDynamic(record, bytes, 0, 128);
  bytes.writeUInt16LE(122, 5);
  assert.throws(() => decodeDynamic(bytes, 0, 1, 128), /claims 122 bytes/);
});

test('token records round-trip', () => {
  const record = { id: 6, inUse: true, nameRecord: 42 };
  assert.deepEqual(roundTrip(TOKEN_RECORD_SIZE, record, encodeToken, (b, o) => decodeToken(b, o, 6)), record);
});

test('label arrays round-trip and refuse damaged bytes', () => {
  for (const labels of [[], [0], [1, 2, 70000, 0xfffffffe]]) assert.deepEqual(decodeLabelArray(encodeLabelArray(labels)), labels);
  assert.throws(() => decodeLabelArray(Buffer.alloc(5)), /multiple of 4/);
  assert.throws(() => decodeLabelArray(encodeLabelArray([3, 3])), /not ascending/);
});

test('schema rules round-trip and refuse damaged bytes', () => {
  const rules: SchemaRule[] = [
    { id: 3, kind: 'index', name: 'index_person_name', labelId: 1, propertyKeyId: 2 },
    { id: 4, kind: 'uniqueness', name: 'ünïque 😀', labelId: 0xfffffffe, propertyKeyId: 0 },
    { id: 5, kind: 'index', name: '', labelId: 0, propertyKeyId: 0 },
  ];
  for (const rule of rules) assert.deepEqual(decodeSchemaRule(rule.id, encodeSchemaRule(rule)), rule);
  assert.throws(() => decodeSchemaRule(1, Buffer.alloc(8)), /shorter/);
  const bad = encodeSchemaRule(rules[0]!);
  bad[0] = 9;
  assert.throws(() => decodeSchemaRule(1, bad), /unknown kind 9/);
});
