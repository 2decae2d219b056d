/**
 * When a later checkpoint prunes the log the copy still needs, the copy fails with
 * GLB_STORE_COPY_LOG_PRUNED, and iterating the source again copies from a new checkpoint.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, it } from 'node:test';
import { receiveStoreCopy } from '../../../engine/storecopy/receive-store-copy.js';
import type { StoreCopyChunk } from '../../../engine/storecopy/store-copy-chunk.js';
import { createStoreCopySource } from '../../../engine/storecopy/store-copy-source.js';
import { silentLogger } from '../../support/logger.js';
import { Random } from '../../support/random.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { contents, fill, openDatabase, writeOne } from './fixture.js';

const sourceDir = makeTempDir('pruned-source');
const dataDir = makeTempDir('pruned-target');
after(() => {
  sourceDir.remove();
  dataDir.remove();
});

it('fails with GLB_STORE_COPY_LOG_PRUNED and succeeds when started again', async () => {
  const random = new Random(8);
  const source = await openDatabase(sourceDir.dir, { retention: { kind: 'none' } });
  const storeDir = path.join(dataDir.dir, 'databases', 'graph.db');
  try {
    await fill(source, random, 50);
    const copy = createStoreCopySource(source, { storeDir: sourceDir.dir, logger: silentLogger() });
    const ids: number[] = [];

    async function* prunedWhileFilesAreSent(): AsyncGenerator<StoreCopyChunk> {
      for await (const chunk of copy) {
        if (chunk.kind === 'header') {
          // Enough commits to rotate past the copy's checkpoint, then a checkpoint that prunes them.
          const rotations = source.stats().logRotations;
          for (let i = 0; source.stats().logRotations < rotations + 2; i++) await writeOne(source, random, ids, i);
          source.checkpoint();
        }
        yield chunk;
      }
    }
    await assert.rejects(
      receiveStoreCopy(prunedWhileFilesAreSent(), { storeDir, dataDir: dataDir.dir, logger: silentLogger() }),
      (error: { code?: string; message: string }) => error.code === 'GLB_STORE_COPY_LOG_PRUNED' && error.message.includes('Start the copy again'),
    );

    const result = await receiveStoreCopy(copy, { storeDir, dataDir: dataDir.dir, logger: silentLogger() });
    assert.equal(result.lastTxId, source.lastCommittedTxId);
    const copied = await openDatabase(storeDir);
    try {
      assert.deepEqual(contents(copied), contents(source));
    } finally {
      await copied.close();
    }
  } finally {
    await source.close();
  }
});
