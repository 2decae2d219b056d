/**
 * check() on a sound store reports nothing; each kind of damage, written straight into the
 * records with apply(), is reported with the record it concerns.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { encodeDynamic } from '../../../engine/store/dynamic-record.js';
import { IdGenerator } from '../../../engine/store/id-generator.js';
import { encodeNode } from '../../../engine/store/node-record.js';
import { NO_ID } from '../../../engine/store/record-id.js';
import { encodeRelationship } from '../../../engine/store/relationship-record.js';
import { storeDescriptors, StoreType } from '../../../engine/store/store-type.js';
import { StoreFixture } from './store-fixture.js';

const LONG = 'a string value that takes two records of the string store: ' + 'x'.repeat(100);

/** Node 0 with three relationships to nodes 1..3 (ids 0..2) and a long string property. */
function build(): StoreFixture {
  const fixture = new StoreFixture();
  const stores = fixture.stores;
  fixture.commit((changes) => {
    changes.createToken('label', stores.allocateTokenId('label'), 'L');
    changes.createToken('propertyKey', stores.allocateTokenId('propertyKey'), 'k');
    changes.createToken('relationshipType', stores.allocateTokenId('relationshipType'), 'T');
  });
  fixture.commit((changes) => {
    for (let i = 0; i < 4; i++) changes.createNode(stores.allocateNodeId(), [0], new Map([[0, i === 0 ? LONG : BigInt(i)]]));
    for (let i = 1; i < 4; i++) changes.createRelationship(stores.allocateRelationshipId(), 0, 0, i, new Map());
  });
  assert.deepEqual(stores.check(), []);
  return fixture;
}

function write(fixture: StoreFixture, store: StoreType, id: number, encode: (bytes: Buffer) => void): void {
  const after = Buffer.alloc(storeDescriptors[store]!.recordSize);
  encode(after);
  fixture.stores.apply([{ store, id, after }]);
}

function assertReports(fixture: StoreFixture, ...patterns: RegExp[]): void {
  const problems = fixture.stores.check();
  for (const pattern of patterns) {
    assert.ok(problems.some((problem) => pattern.test(problem)), `expected a problem matching ${pattern}, got:\n${problems.join('\n')}`);
  }
}

test('a wrong back pointer in a relationship chain is reported', () => {
  const fixture = build();
  try {
    const view = fixture.stores.newChangeSet(fixture.pending);
    const middle = view.relationship(1);
    middle.startPrev = NO_ID;
    middle.firstInStartChain = true;
    write(fixture, StoreType.relationship, 1, (bytes) => encodeRelationship(middle, bytes, 0));
    assertReports(fixture, /relationship 1: its previous link in node 0's chain is none, expected 2/, /relationship 1: its first-in-chain flag for node 0 is set, expected clear/);
  } finally {
    fixture.dispose();
  }
});

test('relationships a node chain cannot reach are reported', () => {
  const fixture = build();
  try {
    const node = fixture.stores.newChangeSet(fixture.pending).node(0);
    node.firstRel = NO_ID;
    write(fixture, StoreType.node, 0, (bytes) => encodeNode(node, bytes, 0));
    assertReports(fixture, /relationship 0 cannot be reached from the chain of its start node 0/, /relationship 2 cannot be reached/);
  } finally {
    fixture.dispose();
  }
});

test('a pointer to a record out of use is reported', () => {
  const fixture = build();
  try {
    const firstProp = fixture.stores.newChangeSet(fixture.pending).node(0).firstProp;
    write(fixture, StoreType.property, firstProp, () => {});
    assertReports(fixture, new RegExp(`node 0: its property chain reaches property record ${firstProp}, which is not in use`));
  } finally {
    fixture.dispose();
  }
});

test('an unreferenced dynamic record and a cyclic dynamic chain are reported', () => {
  const fixture = build();
  try {
    write(fixture, StoreType.propertyStrings, 50, (bytes) =>
      encodeDynamic({ id: 50, inUse: true, first: true, next: NO_ID, data: Buffer.from('lost') }, bytes, 0, 128),
    );
    assertReports(fixture, /neostore.propertystore.db.strings record 50 is in use but nothing refers to it/);
    // The long string is records 0 -> 1; point 1 back at 0.
    const second = fixture.stores.newChangeSet(fixture.pending).dynamic(StoreType.propertyStrings, 1);
    second.next = 0;
    write(fixture, StoreType.propertyStrings, 1, (bytes) => encodeDynamic(second, bytes, 0, 128));
    assertReports(fixture, /property 0 \(property record \d+ of node 0\): its neostore.propertystore.db.strings chain does not end/);
    assert.throws(() => fixture.stores.nodeProperties(0), /store inconsistency/);
  } finally {
    fixture.dispose();
  }
});

test('a label that is not a token is reported', () => {
  const fixture = build();
  try {
    const node = fixture.stores.newChangeSet(fixture.pending).node(3);
    node.inlineLabels = [0, 9];
    write(fixture, StoreType.node, 3, (bytes) => encodeNode(node, bytes, 0));
    assertReports(fixture, /node 3 has label 9, which is not a token in use/);
  } finally {
    fixture.dispose();
  }
});

test('id bookkeeping that disagrees with the records is reported', () => {
  const fixture = build();
  try {
    fixture.reopen(() => {
      const file = path.join(fixture.dir, 'neostore.nodestore.db.id');
      fs.writeFileSync(file, new IdGenerator('node', 4, 3, [2]).encode());
    });
    assertReports(fixture, /4 records are in use but the count says 3/, /record 2 is in use but also on the free list/);
  } finally {
    fixture.dispose();
  }
});
