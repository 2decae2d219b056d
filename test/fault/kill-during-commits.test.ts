/**
 * kill -9 of a process in the middle of committing, again and again. After every
 * restart: every acknowledged transaction is there, every writer's items form an
 * unbroken chain (nothing half applied: a node without its relationship, or a
 * relationship without its node), the store is consistent and the log's checksum chain
 * verifies.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { GraphDatabase } from '../../engine/database.js';
import { TestProcess } from '../support/test-process.js';
import { testDatabaseOptions } from '../support/database.js';
import { Random } from '../support/random.js';
import { makeTempDir } from '../support/temp-dir.js';

const KILLS = 25;
const WRITERS = 4;

describe('kill -9 during commits', () => {
  const temp = makeTempDir('crash');
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it(`loses no acknowledged transaction over ${KILLS} kills`, { timeout: 300_000 }, async () => {
    const random = new Random(Number(process.env['GRAPHLB_SEED'] ?? Date.now() % 1_000_000));
    /** writer -> highest acknowledged seq */
    const acknowledged = new Map<number, number>();
    let highestAckedTxId = 0;

    for (let kill = 0; kill < KILLS; kill++) {
      // Alternate a cache that holds everything with one far smaller than the store, so
      // that dirty pages are written back between checkpoints too.
      const pageCache = kill % 2 === 0 ? 64 * 1024 : 4 * 1024 * 1024;
      const child = TestProcess.start('test/fixtures/crash-writer.ts', [temp.dir, String(WRITERS), String(pageCache), String(50 + random.int(300))]);
      await child.waitForLine((line) => line === 'ready', 30_000);
      const acksBeforeKill = 1 + random.int(150);
      const baseline = child.lines.stdout.length;
      await child.waitForLine((line) => line.startsWith('ack ') && child.lines.stdout.length - baseline >= acksBeforeKill, 30_000);
      child.signal('SIGKILL');
      assert.equal((await child.exit(10_000)).signal, 'SIGKILL');
      for (const line of child.lines.stdout) {
        if (!line.startsWith('ack ')) continue;
        const [, writer, seq, txId] = line.split(' ').map(Number);
        acknowledged.set(writer!, Math.max(acknowledged.get(writer!) ?? 0, seq!));
        highestAckedTxId = Math.max(highestAckedTxId, txId!);
      }

      const database = await GraphDatabase.open(
        testDatabaseOptions(temp.dir, { txLogRotationBytes: 256 * 1024, txLogRetention: { kind: 'files', count: 2 }, checkpointIntervalTx: 1_000_000 }),
      );
      try {
        assert.ok(database.lastCommittedTxId >= highestAckedTxId, `kill ${kill}: the store ends at tx ${database.lastCommittedTxId}, but tx ${highestAckedTxId} was acknowledged`);
        const tx = database.beginTransaction('READ');
        for (let writer = 0; writer < WRITERS; writer++) {
          const items = tx.findNodes('Item', 'writer', BigInt(writer));
          const bySeq = new Map(items.map((id) => [Number(tx.nodeProperty(id, 'seq') as bigint), id]));
          const stored = bySeq.size;
          assert.ok(stored >= (acknowledged.get(writer) ?? 0), `kill ${kill}: writer ${writer} acknowledged seq ${acknowledged.get(writer)} but the store holds ${stored}`);
          for (let seq = 1; seq <= stored; seq++) {
            const id = bySeq.get(seq);
            assert.ok(id !== undefined, `kill ${kill}: writer ${writer} misses seq ${seq} of ${stored}`);
            assert.equal(tx.nodeProperty(id, 'payload'), 'x'.repeat((seq * 37) % 300));
            const incoming = tx.relationships(id, 'incoming', ['NEXT']);
            const outgoing = tx.relationships(id, 'outgoing', ['NEXT']);
            assert.equal(incoming.length, seq === 1 ? 0 : 1, `kill ${kill}: writer ${writer} seq ${seq} has ${incoming.length} incoming links`);
            if (seq > 1) assert.equal(incoming[0]!.startNode, bySeq.get(seq - 1));
            assert.equal(outgoing.length, seq === stored ? 0 : 1, `kill ${kill}: writer ${writer} seq ${seq} has ${outgoing.length} outgoing links`);
          }
        }
        tx.rollback();
        assert.deepEqual(database.check(), [], `kill ${kill}: store consistency`);
        const verified = database.transactionLog.verify();
        assert.ok(verified.ok, `kill ${kill}: log checksum chain: ${JSON.stringify(verified)}`);
      } finally {
        await database.close();
      }
    }
    assert.ok([...acknowledged.values()].reduce((a, b) => a + b, 0) > KILLS * 10, 'writers made progress');
  });
});
