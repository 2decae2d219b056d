/**
 * A log created to start after a given chain position (a store copy's checkpoint) takes
 * that position's next transaction, chained from its checksum, and reopens as such.
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { NodeFileSystem } from '../../../engine/io/file-system.js';
import { TransactionLog } from '../../../engine/txlog/transaction-log.js';
import { silentLogger } from '../../support/logger.js';
import { makeTempDir } from '../../support/temp-dir.js';

const source = makeTempDir('chain-source');
const target = makeTempDir('chain-target');
after(() => {
  source.remove();
  target.remove();
});

const options = (dir: string) => ({ dir, rotationSizeBytes: 1024, retention: { kind: 'all' } as const, logger: silentLogger() });

it('continues the chain: the same ids and checksums as the log it was cut from', async () => {
  const fileSystem = new NodeFileSystem();
  const original = TransactionLog.open(fileSystem, options(source.dir));
  for (let txId = 1; txId <= 20; txId++) await original.append(txId, 3, 1000 + txId, Buffer.from(`payload ${txId}`.repeat(txId)));
  const entries = [...original.read(1)];
  await original.close();

  const at = entries[11]!;
  const log = TransactionLog.createStartingAfter(fileSystem, options(target.dir), at);
  assert.equal(log.lastAppendedTxId, 12);
  assert.equal(log.oldestTxId(), 13);
  for (const entry of entries.slice(12)) await log.append(entry.txId, entry.epoch, entry.timeMs, entry.payload, entry.checksum);
  assert.equal(log.lastChecksum, entries.at(-1)!.checksum);
  assert.ok(log.verify().ok);
  await log.close();

  const reopened = TransactionLog.open(fileSystem, options(target.dir));
  assert.deepEqual(reopened.tail, { lastTxId: 20, lastChecksum: entries.at(-1)!.checksum, lastEpoch: 3, lastTimeMs: 1020, truncatedBytes: 0 });
  assert.deepEqual([...reopened.read(13)], entries.slice(12));
  assert.throws(() => reopened.read(12), (error: { code?: string }) => error.code === 'GLB_TX_LOG_PRUNED');
  await reopened.close();
});

it('refuses a directory that already holds a log', () => {
  assert.throws(
    () => TransactionLog.createStartingAfter(new NodeFileSystem(), options(source.dir), { txId: 5, checksum: 1, epoch: 0, timeMs: 0 }),
    (error: { code?: string }) => error.code === 'GLB_TX_LOG_INVALID_ARGUMENT',
  );
});
