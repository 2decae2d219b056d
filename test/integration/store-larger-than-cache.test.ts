/**
 * A store about 20x larger than a 2 MiB page cache: every read comes back right, the
 * cache faults and evicts, and an engine process serving that store (its start-up index
 * rebuild reads every indexed string) reports the faults and evictions in /metrics.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { GraphDatabase } from '../../engine/database.js';
import type { DatabaseOptions } from '../../engine/database-options.js';
import { TestProcess } from '../support/test-process.js';
import { testDatabaseOptions } from '../support/database.js';
import { makeTempDir } from '../support/temp-dir.js';

const CACHE_BYTES = 2 * 1024 * 1024;
const NODES = 40_000;

function text(i: number): string {
  return `node ${i} `.padEnd(900 + (i % 200), String.fromCharCode(97 + (i % 26)));
}

function storeFileBytes(storeDir: string): number {
  return fs
    .readdirSync(storeDir)
    .filter((name) => name.startsWith('neostore.') && name.includes('store.db') && !name.endsWith('.id'))
    .reduce((total, name) => total + fs.statSync(path.join(storeDir, name)).size, 0);
}

describe('a store 20x larger than the page cache', () => {
  const temp = makeTempDir('large-store');
  const storeDir = path.join(temp.dir, 'data', 'databases', 'graph.db');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  const options = (pageCacheBytes: number): DatabaseOptions =>
    testDatabaseOptions(storeDir, { pageCacheBytes, txLogRotationBytes: 16 * 1024 * 1024, txLogRetention: { kind: 'none' } });

  it('reads every node back correctly through a 2 MiB cache', { timeout: 120_000 }, async () => {
    const build = await GraphDatabase.open(options(CACHE_BYTES));
    // An index on the long strings: an engine opening this store reads all of them to rebuild it.
    const schema = build.beginTransaction();
    await schema.createSchemaRule('index', 'Doc', 'body');
    await schema.commit();
    for (let base = 0; base < NODES; base += 500) {
      const tx = build.beginTransaction();
      for (let i = base; i < base + 500; i++) {
        const id = await tx.createNode(['Doc'], { i: BigInt(i), body: text(i) });
        if (i > 0) await tx.createRelationship(id, id - 1, 'PREV');
      }
      await tx.commit();
    }
    await build.close();
    const size = storeFileBytes(storeDir);
    assert.ok(size >= 20 * CACHE_BYTES, `the store is ${size} bytes, at least ${20 * CACHE_BYTES} wanted`);

    const database = await GraphDatabase.open(options(CACHE_BYTES));
    try {
      const tx = database.beginTransaction('READ');
      // A strided order, so consecutive reads land on far-apart pages.
      for (let k = 0; k < NODES; k++) {
        const i = (k * 7919) % NODES;
        assert.equal(tx.nodeProperty(i, 'i'), BigInt(i));
        assert.equal(tx.nodeProperty(i, 'body'), text(i));
        const previous = tx.relationships(i, 'outgoing', ['PREV']);
        assert.deepEqual(previous.map((r) => r.endNode), i === 0 ? [] : [i - 1]);
      }
      tx.rollback();
      const stats = database.stats().pageCache;
      assert.ok(stats.faults > NODES, `faults: ${stats.faults}`);
      assert.ok(stats.evictions > NODES / 2, `evictions: ${stats.evictions}`);
      assert.ok(stats.hitRatio < 0.9, `hit ratio ${stats.hitRatio}`);
      assert.equal(stats.usageRatio, 1);
    } finally {
      await database.close();
    }
  });

  it('shows the faults and evictions in /metrics of an engine serving that store', { timeout: 60_000 }, async () => {
    const conf = path.join(temp.dir, 'neo4j.conf');
    fs.writeFileSync(
      conf,
      [`dbms.directories.data=${path.join(temp.dir, 'data')}`, 'dbms.pagecache.memory=2m', 'dbms.connector.http.listen_address=127.0.0.1:0', ''].join('\n'),
    );
    const engine = TestProcess.cli(['engine', '--conf', conf]);
    try {
      const started = await engine.waitForEvent('engine_started', 30_000);
      const response = await fetch(`http://${String(started['http'])}/metrics`);
      const text = await response.text();
      const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
      assert.ok(value('neo4j_page_cache_page_faults_total') > 1000, 'faults in /metrics');
      assert.ok(value('neo4j_page_cache_evictions_total') > 1000, 'evictions in /metrics');
      assert.equal(value('neo4j_page_cache_usage_ratio'), 1);
      assert.ok(value('neo4j_ids_in_use_node') === NODES, 'nodes in use');
    } finally {
      engine.signal('SIGTERM');
      await engine.exit(30_000);
    }
  });
});
