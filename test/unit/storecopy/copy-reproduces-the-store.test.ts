/**
 * A store copied into an empty directory opens as the same store: the same contents,
 * identity, last transaction and checksum chain, consistent and with a sound log.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GraphDatabase } from '../../../engine/database.js';
import { receiveStoreCopy } from '../../../engine/storecopy/receive-store-copy.js';
import type { StoreCopyChunk } from '../../../engine/storecopy/store-copy-chunk.js';
import type { StoreCopyProgress } from '../../../engine/storecopy/store-copy-progress.js';
import { createStoreCopySource } from '../../../engine/storecopy/store-copy-source.js';
import { silentLogger } from '../../support/logger.js';
import { Random } from '../../support/random.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { contents, fill, openDatabase, recordingLogger, write } from './fixture.js';

describe('a store copy into an empty directory', () => {
  const sourceDir = makeTempDir('copy-source');
  const dataDir = makeTempDir('copy-target');
  const storeDir = path.join(dataDir.dir, 'databases', 'graph.db');
  let source: GraphDatabase;

  before(async () => {
    source = await openDatabase(sourceDir.dir);
    await fill(source, new Random(4), 400);
    // Transactions after the last automatic checkpoint, so the copy's own log carries some.
    await write(source, async (tx) => void (await tx.createNode(['Late'], { text: 'z'.repeat(5000) })));
  });
  after(async () => {
    await source.close();
    sourceDir.remove();
    dataDir.remove();
  });

  it('reproduces the store: contents, identity, last tx and checksum, consistency', async () => {
    assert.ok(source.transactionLog.stats().files > 3, 'the source log spans several files');
    const { logger, lines } = recordingLogger();
    const progress: StoreCopyProgress[] = [];
    const result = await receiveStoreCopy(createStoreCopySource(source, { storeDir: sourceDir.dir, logger: silentLogger(), chunkBytes: 8192 }), {
      storeDir,
      dataDir: dataDir.dir,
      logger,
      onProgress: (p) => progress.push(p),
    });
    assert.equal(result.lastTxId, source.lastCommittedTxId);
    assert.ok(result.bytes > 0);
    assert.deepEqual(fs.readdirSync(path.dirname(storeDir)), ['graph.db'], 'no copy directory is left behind');

    const copy = await openDatabase(storeDir);
    try {
      assert.equal(copy.storeId, source.storeId);
      assert.equal(copy.lastCommittedTxId, source.lastCommittedTxId);
      assert.equal(copy.transactionLog.lastChecksum, source.transactionLog.lastChecksum);
      assert.deepEqual(contents(copy), contents(source));
      assert.deepEqual(copy.check(), []);
      assert.ok(copy.transactionLog.verify().ok);
      // The unique constraint is enforced on the copy.
      const tx = copy.beginTransaction();
      const taken = tx.nodeProperty(tx.nodesWithLabel('Account')[0]!, 'number')!;
      await assert.rejects(async () => {
        await tx.createNode(['Account'], { number: taken });
        await tx.commit();
      }, /already exists|ConstraintValidationFailed/);
      if (tx.status === 'open') tx.rollback();
    } finally {
      await copy.close();
    }

    const events = lines.filter((line) => line['event'] === 'store_copy');
    assert.equal(events[0]?.['phase'], 'start');
    assert.equal(events.at(-1)?.['phase'], 'done');
    assert.equal(events.at(-1)?.['percent'], 100);
    assert.deepEqual(progress.map((p) => p.phase), events.map((e) => e['phase']));
  });

  it('sends every store file and no log file, then the transactions after the checkpoint', async () => {
    await write(source, async (tx) => void (await tx.createNode(['Late'], {})));
    const chunks: StoreCopyChunk[] = [];
    const copy = createStoreCopySource(source, { storeDir: sourceDir.dir, logger: silentLogger() });
    for await (const chunk of copy) {
      chunks.push(chunk);
      // A transaction committed while the files are read comes along.
      if (chunks.length === 2) await write(source, async (tx) => void (await tx.createNode(['Late'], {})));
    }
    const header = chunks[0]!;
    assert.equal(header.kind, 'header');
    if (header.kind !== 'header') return;
    const names = header.files.map((file) => file.name);
    assert.ok(names.includes('neostore') && names.includes('neostore.propertystore.db.strings') && names.includes('neostore.nodestore.db.id'));
    assert.ok(!names.some((name) => name.startsWith('neostore.transaction.db')));
    const txs = chunks.filter((chunk) => chunk.kind === 'tx');
    assert.deepEqual(
      txs.map((chunk) => chunk.transaction.txId),
      [header.checkpoint.txId + 1],
    );
    assert.deepEqual(chunks.at(-1), { kind: 'end', lastTxId: header.checkpoint.txId + 1 });
  });
});
