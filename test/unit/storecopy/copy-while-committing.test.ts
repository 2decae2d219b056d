/**
 * A copy taken while writers keep committing on the source: the files it reads are torn,
 * the transactions after its checkpoint repair them, and the copy continues the source's
 * chain, so the source's later transactions apply to it.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, it } from 'node:test';
import { receiveStoreCopy } from '../../../engine/storecopy/receive-store-copy.js';
import { createStoreCopySource } from '../../../engine/storecopy/store-copy-source.js';
import { silentLogger } from '../../support/logger.js';
import { Random } from '../../support/random.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { contents, fill, openDatabase, writeOne } from './fixture.js';

const sourceDir = makeTempDir('live-source');
const targetData = makeTempDir('live-target');
const referenceDir = makeTempDir('live-reference');
after(() => {
  sourceDir.remove();
  targetData.remove();
  referenceDir.remove();
});

it('yields a consistent store holding every transaction committed before the copy began, and the chain continues', async () => {
  const random = new Random(11);
  const source = await openDatabase(sourceDir.dir);
  await fill(source, random, 150);
  const committedBeforeCopy = source.lastCommittedTxId;

  let writing = true;
  // Each writer works on nodes of its own, so that they never delete what another one uses.
  const writers = Array.from({ length: 3 }, async (_, w) => {
    const ids: number[] = [];
    const own = new Random(100 + w);
    for (let i = 0; writing; i++) await writeOne(source, own, ids, 10_000 * (w + 1) + i);
  });
  const storeDir = path.join(targetData.dir, 'databases', 'graph.db');
  let result;
  try {
    result = await receiveStoreCopy(createStoreCopySource(source, { storeDir: sourceDir.dir, logger: silentLogger(), chunkBytes: 2048 }), {
      storeDir,
      dataDir: targetData.dir,
      logger: silentLogger(),
    });
  } finally {
    writing = false;
    await Promise.all(writers);
  }
  assert.ok(result.lastTxId > committedBeforeCopy, `transactions committed during the copy came along (copy ends at ${result.lastTxId})`);
  assert.ok(source.lastCommittedTxId > result.lastTxId, 'the writers went on after the copy');

  const copy = await openDatabase(storeDir);
  // What the source held at the copy's last transaction, built independently by replication from tx 1.
  const reference = await openDatabase(referenceDir.dir);
  try {
    assert.equal(copy.lastCommittedTxId, result.lastTxId);
    assert.deepEqual(copy.check(), []);
    assert.ok(copy.transactionLog.verify().ok);
    for (const transaction of source.transactionLog.read(1)) {
      if (transaction.txId > result.lastTxId) break;
      await reference.applyReplicated(transaction);
    }
    assert.deepEqual(contents(copy), contents(reference));

    for (const transaction of source.transactionLog.read(copy.lastCommittedTxId + 1)) await copy.applyReplicated(transaction);
    assert.equal(copy.lastCommittedTxId, source.lastCommittedTxId);
    assert.equal(copy.transactionLog.lastChecksum, source.transactionLog.lastChecksum);
    assert.deepEqual(contents(copy), contents(source));
    assert.deepEqual(copy.check(), []);
  } finally {
    await copy.close();
    await reference.close();
    await source.close();
  }
});
