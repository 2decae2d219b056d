import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openLog, tempDir } from './support.js';

test('append with a tx id other than the next one throws and leaves the log usable', async (t) => {
  const { log } = openLog(t, tempDir(t));
  assert.throws(() => log.append(2, 0, 0, Buffer.alloc(0)), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'GLB_TX_LOG_OUT_OF_ORDER');
    assert.match(error.message, /cannot append tx 2: the log's last tx is 0, so the next must be 1/);
    return true;
  });
  assert.throws(() => log.append(0, 0, 0, Buffer.alloc(0)), { code: 'GLB_TX_LOG_OUT_OF_ORDER' });
  await log.append(1, 0, 0, Buffer.from('one'));
  assert.throws(() => log.append(1, 0, 0, Buffer.alloc(0)), { code: 'GLB_TX_LOG_OUT_OF_ORDER' });
  assert.throws(() => log.append(3, 0, 0, Buffer.alloc(0)), { code: 'GLB_TX_LOG_OUT_OF_ORDER' });
  const pending = log.append(2, 0, 0, Buffer.from('two'));
  assert.throws(() => log.append(2, 0, 0, Buffer.alloc(0)), { code: 'GLB_TX_LOG_OUT_OF_ORDER' }, 'the next tx counts appended, not durable, entries');
  await pending;
  assert.deepEqual([...log.read(1)].map((entry) => String(entry.payload)), ['one', 'two']);
});

test('epochs and times the format cannot hold are refused', (t) => {
  const { log } = openLog(t, tempDir(t));
  for (const [epoch, time] of [[-1, 0], [0.5, 0], [0, -5], [0, Number.MAX_SAFE_INTEGER + 2], [Number.NaN, 0]]) {
    assert.throws(() => log.append(1, epoch, time, Buffer.alloc(0)), { code: 'GLB_TX_LOG_INVALID_ARGUMENT' }, `epoch ${epoch}, time ${time}`);
  }
  assert.equal(log.lastAppendedTxId, 0);
});

test('epochs and times up to the largest safe integer round-trip', async (t) => {
  const dir = tempDir(t);
  const first = openLog(t, dir);
  await first.log.append(1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, Buffer.from('x'));
  await first.log.close();
  const { log } = openLog(t, dir);
  assert.equal(log.tail.lastEpoch, Number.MAX_SAFE_INTEGER);
  assert.equal(log.tail.lastTimeMs, Number.MAX_SAFE_INTEGER - 1);
});

test('read() refuses tx ids below 1', (t) => {
  const { log } = openLog(t, tempDir(t));
  assert.throws(() => log.read(0), { code: 'GLB_TX_LOG_INVALID_ARGUMENT' });
  assert.throws(() => log.read(1.5), { code: 'GLB_TX_LOG_INVALID_ARGUMENT' });
});

test('a rotation size that is not a positive number of bytes stops the open', (t) => {
  assert.throws(() => openLog(t, tempDir(t), { rotationSizeBytes: 0 }), { code: 'GLB_TX_LOG_INVALID_ARGUMENT', message: /dbms\.tx_log\.rotation\.size/ });
});
