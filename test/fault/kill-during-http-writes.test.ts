/**
 * kill -9 of an engine process under an HTTP write load: every write that was answered
 * 200 without errors is there after the restart, and nothing half-written is.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Random } from '../support/random.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const ROUNDS = 3;
const CLIENTS = 8;

interface TxResponse {
  results: { columns: string[]; data: { row: unknown[] }[] }[];
  errors: { code: string; message: string }[];
}

async function run(base: string, statement: string, parameters: Record<string, unknown> = {}): Promise<TxResponse> {
  const response = await fetch(`${base}/db/neo4j/tx/commit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ statements: [{ statement, parameters }] }),
    signal: AbortSignal.timeout(10_000),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as TxResponse;
}

describe('kill -9 of the engine during HTTP writes', () => {
  const temp = makeTempDir('http-crash');
  const conf = path.join(temp.dir, 'neo4j.conf');
  fs.writeFileSync(
    conf,
    [
      `dbms.directories.data=${path.join(temp.dir, 'data')}`,
      'dbms.pagecache.memory=1m',
      'dbms.connector.http.listen_address=127.0.0.1:0',
      'dbms.security.auth_enabled=false',
      'dbms.checkpoint.interval.tx=200',
      '',
    ].join('\n'),
  );
  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  async function start(): Promise<{ engine: TestProcess; base: string }> {
    const engine = TestProcess.cli(['engine', '--conf', conf]);
    const started = await engine.waitForEvent('engine_started', 30_000);
    return { engine, base: `http://${String(started['http'])}` };
  }

  it(`keeps every acknowledged write over ${ROUNDS} kills`, { timeout: 180_000 }, async () => {
    const random = new Random(Number(process.env['GRAPHLB_SEED'] ?? Date.now() % 1_000_000));
    /** client -> seqs answered 200 without errors */
    const acknowledged = new Map<number, Set<number>>();
    let seq = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { engine, base } = await start();
      if (round === 0) {
        const created = await run(base, 'CREATE CONSTRAINT write_seq IF NOT EXISTS FOR (w:Write) REQUIRE w.seq IS UNIQUE');
        assert.deepEqual(created.errors, []);
      }
      let stop = false;
      let answered = 0;
      const clients = Array.from({ length: CLIENTS }, async (_, client) => {
        while (!stop) {
          const mine = ++seq;
          try {
            const body = await run(base, 'CREATE (w:Write {client: $client, seq: $seq})-[:AT]->(:Stamp {seq: $seq})', { client, seq: mine });
            if (body.errors.length === 0) {
              let seen = acknowledged.get(client);
              if (seen === undefined) acknowledged.set(client, (seen = new Set()));
              seen.add(mine);
              answered++;
            }
          } catch {
            return; // the connection died with the process
          }
        }
      });
      const target = 50 + random.int(200);
      while (answered < target) await new Promise((resolve) => setImmediate(resolve));
      engine.signal('SIGKILL');
      stop = true;
      await Promise.all(clients);
      assert.equal((await engine.exit(10_000)).signal, 'SIGKILL');

      const restarted = await start();
      try {
        const stored = await run(restarted.base, 'MATCH (w:Write)-[:AT]->(s:Stamp) WHERE s.seq = w.seq RETURN w.client, w.seq');
        assert.deepEqual(stored.errors, []);
        const present = new Set(stored.results[0]!.data.map((d) => `${String(d.row[0])}:${String(d.row[1])}`));
        for (const [client, seqs] of acknowledged) {
          for (const s of seqs) assert.ok(present.has(`${client}:${s}`), `round ${round}: acknowledged write ${client}:${s} is missing`);
        }
        const halves = await run(restarted.base, 'MATCH (w:Write) OPTIONAL MATCH (w)-[r:AT]->() WITH w, count(r) AS links WHERE links = 0 RETURN count(w) AS orphans');
        // A write is one transaction: a node without its relationship would be half of one.
        assert.deepEqual(halves.errors, []);
        assert.equal(halves.results[0]!.data[0]!.row[0], 0);
      } finally {
        restarted.engine.signal('SIGTERM');
        await restarted.engine.exit(30_000);
      }
    }
  });
});
