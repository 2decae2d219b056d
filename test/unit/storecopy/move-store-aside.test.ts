/**
 * A branched store is set aside per ha.branched_data_policy and logged as branch_detected;
 * a copy can replace a store by moving it aside as a branch.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { branchedDir, moveStoreAside } from '../../../engine/storecopy/move-store-aside.js';
import { receiveStoreCopy } from '../../../engine/storecopy/receive-store-copy.js';
import { createStoreCopySource } from '../../../engine/storecopy/store-copy-source.js';
import { silentLogger } from '../../support/logger.js';
import { Random } from '../../support/random.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { contents, fill, openDatabase, recordingLogger, write } from './fixture.js';

const T0 = Date.parse('2024-05-01T12:30:45.123Z');

describe('moveStoreAside', () => {
  let data: { dir: string; remove: () => void };
  let storeDir: string;

  beforeEach(() => {
    data = makeTempDir('branch');
    storeDir = path.join(data.dir, 'databases', 'graph.db');
  });
  afterEach(() => data.remove());

  function makeStore(marker: string): void {
    fs.mkdirSync(storeDir, { recursive: true });
    fs.writeFileSync(path.join(storeDir, 'neostore'), marker);
  }

  function branches(): string[] {
    return fs.existsSync(branchedDir(data.dir)) ? fs.readdirSync(branchedDir(data.dir)).sort() : [];
  }

  it('keep_all moves the store under branched/<time>/ and keeps earlier branches', () => {
    const { logger, lines } = recordingLogger();
    makeStore('first');
    const first = moveStoreAside({ storeDir, dataDir: data.dir, policy: 'keep_all', logger, reason: 'tx 7 differs', nowMs: T0 });
    makeStore('second');
    const second = moveStoreAside({ storeDir, dataDir: data.dir, policy: 'keep_all', logger, reason: 'tx 9 differs', nowMs: T0 });
    assert.equal(first, path.join(branchedDir(data.dir), '2024-05-01T12-30-45.123Z'));
    assert.equal(second, `${first}-1`, 'a second branch in the same millisecond gets its own directory');
    assert.equal(fs.readFileSync(path.join(first!, 'neostore'), 'utf8'), 'first');
    assert.equal(fs.readFileSync(path.join(second!, 'neostore'), 'utf8'), 'second');
    assert.equal(fs.existsSync(storeDir), false);
    const events = lines.filter((line) => line['event'] === 'branch_detected');
    assert.equal(events.length, 2);
    assert.deepEqual(
      { level: events[0]!['level'], movedTo: events[0]!['movedTo'], policy: events[0]!['policy'], reason: events[0]!['reason'] },
      { level: 40, movedTo: first, policy: 'keep_all', reason: 'tx 7 differs' },
    );
  });

  it('keep_last keeps only the newest branch', () => {
    makeStore('first');
    moveStoreAside({ storeDir, dataDir: data.dir, policy: 'keep_all', logger: silentLogger(), reason: 'r', nowMs: T0 });
    makeStore('second');
    const last = moveStoreAside({ storeDir, dataDir: data.dir, policy: 'keep_last', logger: silentLogger(), reason: 'r', nowMs: T0 + 1000 });
    assert.deepEqual(branches(), ['2024-05-01T12-30-46.123Z']);
    assert.equal(fs.readFileSync(path.join(last!, 'neostore'), 'utf8'), 'second');
  });

  it('keep_none deletes the store and keeps no branch', () => {
    const { logger, lines } = recordingLogger();
    makeStore('doomed');
    assert.equal(moveStoreAside({ storeDir, dataDir: data.dir, policy: 'keep_none', logger, reason: 'r' }), undefined);
    assert.equal(fs.existsSync(storeDir), false);
    assert.deepEqual(branches(), []);
    assert.equal(lines.find((line) => line['event'] === 'branch_detected')?.['movedTo'], null);
  });

  it('refuses a store that does not exist', () => {
    assert.throws(() => moveStoreAside({ storeDir, dataDir: data.dir, policy: 'keep_all', logger: silentLogger(), reason: 'r' }), /does not exist/);
  });

  it('is what a copy does with the store it replaces as a branch', async () => {
    const sourceDir = makeTempDir('branch-source');
    const source = await openDatabase(sourceDir.dir);
    try {
      await fill(source, new Random(3), 30);
      const branched = await openDatabase(storeDir);
      await write(branched, async (tx) => void (await tx.createNode(['OnlyHere'], {})));
      const branchedContents = contents(branched);
      await branched.close();

      const result = await receiveStoreCopy(createStoreCopySource(source, { storeDir: sourceDir.dir, logger: silentLogger() }), {
        storeDir,
        dataDir: data.dir,
        logger: silentLogger(),
        replacing: { branch: 'keep_all', reason: 'tx 1 differs' },
      });
      assert.ok(result.branchMovedTo?.startsWith(branchedDir(data.dir)));
      const kept = await openDatabase(result.branchMovedTo!);
      assert.deepEqual(contents(kept), branchedContents);
      await kept.close();
      const copied = await openDatabase(storeDir);
      assert.deepEqual(contents(copied), contents(source));
      await copied.close();
    } finally {
      await source.close();
      sourceDir.remove();
    }
  });
});
