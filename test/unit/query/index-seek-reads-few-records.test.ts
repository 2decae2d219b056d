import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Node } from '../../../engine/query/values.js';
import { openQueryFixture, type QueryFixture } from './query-fixture.js';

/**
 * Index use, proven by the store's record-read counter rather than by timing: the same
 * lookup on 10,000 nodes reads a handful of records through an index and at least one
 * record per node without one.
 */
describe('a lookup by label and property', () => {
  let fixture: QueryFixture;
  const nodes = 10_000;

  before(async () => {
    fixture = await openQueryFixture();
    await fixture.run('CREATE INDEX indexed_p FOR (n:Indexed) ON (n.p)');
    await fixture.run('UNWIND range(1, $n) AS i CREATE (:Indexed {p: i}), (:Plain {p: i})', { n: BigInt(nodes) });
  });
  after(() => fixture.close());

  async function recordsRead(statement: string, value: bigint): Promise<{ reads: number; found: Node }> {
    const tx = fixture.database.beginTransaction('READ');
    try {
      const before = tx.storeRecordsRead;
      const result = await fixture.engine.run(tx, statement, { v: value });
      const reads = tx.storeRecordsRead - before;
      assert.equal(result.rows.length, 1);
      return { reads, found: result.rows[0]![0] as Node };
    } finally {
      tx.rollback();
    }
  }

  it('reads a few records through the index and one or more per node without it', async () => {
    const indexed = await recordsRead('MATCH (n:Indexed {p: $v}) RETURN n', 4321n);
    const plain = await recordsRead('MATCH (n:Plain {p: $v}) RETURN n', 4321n);
    assert.equal(indexed.found.properties['p'], 4321n);
    assert.equal(plain.found.properties['p'], 4321n);
    assert.ok(indexed.reads < 20, `index seek read ${indexed.reads} records`);
    assert.ok(plain.reads >= nodes, `label scan read only ${plain.reads} records`);
  });

  it('uses the index for a WHERE equality too', async () => {
    const { reads } = await recordsRead('MATCH (n:Indexed) WHERE n.p = $v RETURN n', 17n);
    assert.ok(reads < 20, `index seek read ${reads} records`);
  });

  it('starts a pattern at its indexed end, wherever it is written', async () => {
    await fixture.run('MATCH (a:Plain {p: 5}), (b:Indexed {p: 5}) CREATE (a)-[:R]->(b)');
    const { reads } = await recordsRead('MATCH (a:Plain {p: $v})-[:R]->(b:Indexed {p: $v}) RETURN b', 5n);
    assert.ok(reads < 40, `pattern read ${reads} records`);
  });

  it('plans again when an index appears after the statement was first planned', async () => {
    await fixture.run('MATCH (a:Plain {p: 6}) CREATE (a)-[:R]->(:Other {p: 6})');
    const statement = 'MATCH (a:Plain {p: $v})-[:R]->(b:Other {p: $v}) RETURN b';
    // Neither end indexed: the plan starts where the pattern does, with a scan of :Plain.
    assert.ok((await recordsRead(statement, 6n)).reads >= nodes);
    await fixture.run('CREATE INDEX other_p FOR (n:Other) ON (n.p)');
    const { reads } = await recordsRead(statement, 6n);
    assert.ok(reads < 40, `pattern read ${reads} records after the index was created`);
  });
});
