import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeArray, encodeArray } from '../../../engine/store/array-codec.js';
import {
  blockCount,
  blockKeyId,
  inlineBlocks,
  readInlineValue,
  usedBlockBytes,
  writeInlineProperty,
} from '../../../engine/store/property-block.js';
import { INT64_MAX, INT64_MIN, type PropertyValue } from '../../../engine/store/property-value.js';
import { StoreType } from '../../../engine/store/store-type.js';
import { StoreFixture } from './store-fixture.js';

const INLINE_VALUES: Array<[PropertyValue, number]> = [
  [true, 1],
  [false, 1],
  [0n, 1],
  [-(2n ** 31n), 1],
  [2n ** 31n - 1n, 1],
  [-(2n ** 31n) - 1n, 2],
  [2n ** 31n, 2],
  [INT64_MIN, 2],
  [INT64_MAX, 2],
  [0, 2],
  [-0, 2],
  [Number.NaN, 2],
  [Infinity, 2],
  [-Infinity, 2],
  [Number.MIN_VALUE, 2],
  [Number.MAX_VALUE, 2],
  [0.1, 2],
  ['', 1],
  ['abcd', 1],
  ['abcde', 2],
  ['twelve bytes', 2],
  ['é漢', 2], // 5 UTF-8 bytes
  ['😀😀😀', 2], // 12 UTF-8 bytes
];

test('inline values round-trip exactly through a property block, with their block counts', () => {
  for (const [value, blocks] of INLINE_VALUES) {
    assert.equal(inlineBlocks(value), blocks, `blocks for ${String(value)}`);
    const area = Buffer.alloc(32);
    writeInlineProperty(area, 8, 0xabcdef, value);
    assert.equal(blockKeyId(area, 8), 0xabcdef);
    assert.equal(blockCount(area, 8), blocks);
    const back = readInlineValue(area, 8);
    assert.equal(typeof back, typeof value);
    assert.ok(Object.is(back, value), `${String(value)} came back as ${String(back)}`);
  }
});

test('strings over 12 UTF-8 bytes and all arrays are not inline', () => {
  assert.equal(inlineBlocks('thirteen byte'), 0);
  assert.equal(inlineBlocks('😀😀😀a'), 0);
  assert.equal(inlineBlocks([]), 0);
  assert.equal(inlineBlocks([true]), 0);
});

test('properties pack from block 0 and the used size follows the types', () => {
  const area = Buffer.alloc(32);
  writeInlineProperty(area, 0, 1, true);
  writeInlineProperty(area, 8, 2, 2n ** 40n);
  writeInlineProperty(area, 24, 3, 'abc');
  assert.equal(usedBlockBytes(area), 32);
  area[3] = 0x0f;
  assert.throws(() => usedBlockBytes(area), /malformed property block/);
});

test('arrays of every type round-trip through the array codec', () => {
  const arrays: PropertyValue[] = [
    [],
    [true, false, true],
    [INT64_MIN, -1n, 0n, INT64_MAX],
    [Number.NaN, -0, Infinity, 1.25],
    ['', 'a', 'é漢😀', 'x'.repeat(500)],
  ];
  for (const array of arrays) assert.deepEqual(decodeArray(encodeArray(array as readonly string[])), array);
  const bytes = encodeArray([1n, 2n]);
  assert.throws(() => decodeArray(bytes.subarray(0, bytes.length - 1)), /malformed array/);
  assert.throws(() => decodeArray(Buffer.from([9, 0, 0, 0, 0])), /unknown element type 9/);
  assert.throws(() => decodeArray(Buffer.from([4, 1, 0, 0, 0, 200, 0, 0, 0])), /runs past the end/);
});

const STORED_VALUES: PropertyValue[] = [
  ...INLINE_VALUES.map(([value]) => value),
  'thirteen byte',
  'a string over many dynamic records: ' + 'ab'.repeat(400),
  'ünïcödé 漢字 😀 '.repeat(60),
  'x'.repeat(121),
  'x'.repeat(242),
  [],
  [true],
  [false, true, false],
  [INT64_MIN, 0n, INT64_MAX],
  Array.from({ length: 100 }, (_, i) => BigInt(i) ** 5n),
  [Number.NaN, -0, Infinity, -Infinity, 3.5],
  Array.from({ length: 50 }, (_, i) => i / 7),
  ['', 'one', '😀'.repeat(40)],
  Array.from({ length: 30 }, (_, i) => 'item '.repeat(i)),
];

test('values of every type round-trip exactly through a store, before and after a restart', () => {
  const fixture = new StoreFixture();
  try {
    const stores = fixture.stores;
    const properties = new Map<number, PropertyValue>(STORED_VALUES.map((value, key) => [key, value]));
    const node = stores.allocateNodeId();
    fixture.commit((changes) => {
      for (const key of properties.keys()) changes.createToken('propertyKey', stores.allocateTokenId('propertyKey'), `key${key}`);
      changes.createNode(node, [], properties);
    });
    const verify = (): void => {
      const read = fixture.stores.nodeProperties(node);
      assert.equal(read.size, properties.size);
      for (const [key, value] of properties) {
        const back = read.get(key);
        assert.deepEqual(back, value, `key ${key}`);
        assert.equal(typeof back, typeof value);
        if (typeof value === 'number') assert.ok(Object.is(back, value), `key ${key}: ${value} came back as ${String(back)}`);
        assert.deepEqual(fixture.stores.nodeProperty(node, key), value);
      }
      assert.deepEqual(fixture.stores.check(), []);
    };
    verify();
    fixture.reopen();
    verify();
  } finally {
    fixture.dispose();
  }
});

test('a string of 1 MiB spans thousands of dynamic records and reads back whole', () => {
  const fixture = new StoreFixture();
  try {
    const stores = fixture.stores;
    const value = Array.from({ length: 1 << 16 }, (_, i) => (i % 997).toString(16).padStart(16, '-')).join('');
    const node = stores.allocateNodeId();
    fixture.commit((changes) => {
      changes.createToken('propertyKey', stores.allocateTokenId('propertyKey'), 'blob');
      changes.createNode(node, [], new Map([[0, value]]));
    });
    assert.equal(stores.nodeProperty(node, 0), value);
    fixture.commit((changes) => changes.setNodeProperty(node, 0, 'short'));
    assert.equal(stores.nodeProperty(node, 0), 'short');
    assert.deepEqual(stores.check(), [], 'the replaced chain was freed');
    const reused = stores.newChangeSet(fixture.pending);
    reused.setNodeProperty(node, 0, 'y'.repeat(200));
    const strings = reused.payload().commands.filter((command) => command.store === StoreType.propertyStrings);
    const chainLength = Math.ceil(value.length / 121); // ids 0 .. chainLength-1 held the long value
    assert.equal(strings.length, 2);
    assert.ok(strings.every((command) => command.id < chainLength), 'freed string records are reused');
    reused.abort();
  } finally {
    fixture.dispose();
  }
});

test('values that cannot be stored exactly are refused with a reason, before anything changes', () => {
  const fixture = new StoreFixture();
  try {
    const stores = fixture.stores;
    const node = stores.allocateNodeId();
    fixture.commit((changes) => {
      changes.createToken('propertyKey', stores.allocateTokenId('propertyKey'), 'k');
      changes.createNode(node, [], new Map([[0, 1n]]));
    });
    const refusals: Array<[unknown, RegExp]> = [
      [INT64_MAX + 1n, /outside the INTEGER range/],
      [INT64_MIN - 1n, /outside the INTEGER range/],
      [[1n, 1.5], /must hold one type/],
      [[[1n]], /cannot be nested/],
      [['a', null], /element 1 .*null/],
      [null, /remove the property instead of storing null/],
      [undefined, /cannot be stored/],
      [{ a: 1 }, /cannot be stored/],
      ['broken \ud800 text', /unpaired UTF-16 surrogate/],
      [[INT64_MAX + 1n], /outside the INTEGER range/],
    ];
    for (const [value, reason] of refusals) {
      const changes = stores.newChangeSet(fixture.pending);
      assert.throws(() => changes.setNodeProperty(node, 0, value as PropertyValue), reason);
      assert.throws(() => changes.createNode(stores.allocateNodeId(), [], new Map([[0, value as PropertyValue]])), reason);
      assert.equal(changes.payload().commands.length, 0, 'nothing was changed');
    }
    assert.throws(() => stores.newChangeSet(fixture.pending).setNodeProperty(node, 1 << 24, 1n), /property key id 16777216/);
    assert.equal(stores.nodeProperty(node, 0), 1n);
  } finally {
    fixture.dispose();
  }
});
