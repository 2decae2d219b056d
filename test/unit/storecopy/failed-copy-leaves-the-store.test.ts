/**
 * A copy that fails at any point — the source stops, the stream breaks its rules — leaves
 * the store it was meant to replace exactly as it was, and no copy directory behind.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GraphDatabase } from '../../../engine/database.js';
import { receiveStoreCopy } from '../../../engine/storecopy/receive-store-copy.js';
import type { StoreCopyChunk } from '../../../engine/storecopy/store-copy-chunk.js';
import { createStoreCopySource } from '../../../engine/storecopy/store-copy-source.js';
import { silentLogger } from '../../support/logger.js';
import { Random } from '../../support/random.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { contents, fill, openDatabase, write } from './fixture.js';

/** Every file under dir with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) result[name] = createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex');
  return result;
}

async function* altered(
  chunks: AsyncIterable<StoreCopyChunk>,
  change: (chunk: StoreCopyChunk, index: number) => StoreCopyChunk | 'stop' | 'fail' | Promise<StoreCopyChunk>,
): AsyncGenerator<StoreCopyChunk> {
  let index = 0;
  for await (const chunk of chunks) {
    const result = await change(chunk, index++);
    if (result === 'stop') return;
    if (result === 'fail') throw new Error('connection to the master lost');
    yield result;
  }
}

describe('a failed store copy', () => {
  const sourceDir = makeTempDir('fail-source');
  const dataDir = makeTempDir('fail-target');
  const storeDir = path.join(dataDir.dir, 'databases', 'graph.db');
  let source: GraphDatabase;
  let before_: Record<string, string>;
  let contentsBefore: unknown;

  before(async () => {
    source = await openDatabase(sourceDir.dir);
    await fill(source, new Random(5), 120);
    const existing = await openDatabase(storeDir);
    await write(existing, async (tx) => void (await tx.createNode(['Mine'], { text: 'kept' })));
    contentsBefore = contents(existing);
    await existing.close();
    before_ = snapshot(storeDir);
  });
  after(async () => {
    await source.close();
    sourceDir.remove();
    dataDir.remove();
  });

  const copy = (): AsyncIterable<StoreCopyChunk> => createStoreCopySource(source, { storeDir: sourceDir.dir, logger: silentLogger(), chunkBytes: 4096 });
  const receive = (chunks: AsyncIterable<StoreCopyChunk>): Promise<unknown> =>
    receiveStoreCopy(chunks, { storeDir, dataDir: dataDir.dir, logger: silentLogger() });

  async function assertUntouched(): Promise<void> {
    assert.deepEqual(fs.readdirSync(path.dirname(storeDir)), ['graph.db'], 'no copy directory is left behind');
    assert.deepEqual(snapshot(storeDir), before_);
    const existing = await openDatabase(storeDir);
    try {
      assert.deepEqual(contents(existing), contentsBefore);
    } finally {
      await existing.close();
    }
    before_ = snapshot(storeDir);
  }

  it('when the chunk iterator throws halfway through the files', async () => {
    await assert.rejects(receive(altered(copy(), (chunk, i) => (i === 10 ? 'fail' : chunk))), /connection to the master lost/);
    await assertUntouched();
  });

  it('when the stream ends without its end chunk', async () => {
    await assert.rejects(
      receive(altered(copy(), (chunk) => (chunk.kind === 'end' ? 'stop' : chunk))),
      (error: { code?: string }) => error.code === 'GLB_STORE_COPY_INVALID_STREAM',
    );
    await assertUntouched();
  });

  it('when a file name would leave the copy directory', async () => {
    await assert.rejects(
      receive(
        altered(copy(), (chunk) =>
          chunk.kind === 'header' ? { ...chunk, files: [...chunk.files, { name: '../graph.db/neostore', size: 1 }] } : chunk,
        ),
      ),
      (error: { code?: string; message: string }) => error.code === 'GLB_STORE_COPY_INVALID_STREAM' && error.message.includes('not a store file name'),
    );
    await assertUntouched();
  });

  it('when a file chunk is missing', async () => {
    let dropped = false;
    await assert.rejects(
      receive(
        altered(copy(), (chunk) => {
          if (chunk.kind === 'file' && chunk.offset > 0 && !dropped) {
            dropped = true;
            return { kind: 'file', name: chunk.name, offset: chunk.offset + chunk.bytes.length, bytes: chunk.bytes };
          }
          return chunk;
        }),
      ),
      (error: { code?: string }) => error.code === 'GLB_STORE_COPY_INVALID_STREAM',
    );
    await assertUntouched();
  });

  it('when a transaction does not continue the checksum chain', async () => {
    await assert.rejects(
      receive(
        altered(copy(), async (chunk) => {
          // Committed after the copy's checkpoint, so it travels as a transaction.
          if (chunk.kind === 'header') await write(source, async (tx) => void (await tx.createNode(['Person'], { name: 'after checkpoint' })));
          return chunk.kind === 'tx' ? { ...chunk, transaction: { ...chunk.transaction, checksum: (chunk.transaction.checksum + 1) >>> 0 } } : chunk;
        }),
      ),
      (error: { code?: string }) => error.code === 'GLB_TX_LOG_DIVERGED',
    );
    await assertUntouched();
  });

  it('and then succeeds when restarted, replacing the store', async () => {
    await receive(copy());
    assert.deepEqual(fs.readdirSync(path.dirname(storeDir)), ['graph.db']);
    const copied = await openDatabase(storeDir);
    try {
      assert.deepEqual(contents(copied), contents(source));
    } finally {
      await copied.close();
    }
  });
});
