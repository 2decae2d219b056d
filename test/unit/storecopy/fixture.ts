/**
 * Shared by the store copy tests: database options, a store with every kind of record,
 * everything a transaction can read in comparable form, and a logger that keeps its lines.
 */
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { GraphDatabase } from '../../../engine/database.js';
import type { DatabaseOptions } from '../../../engine/database-options.js';
import type { RetentionPolicy } from '../../../engine/txlog/retention-policy.js';
import type { Transaction } from '../../../engine/tx/transaction.js';
import type { Random } from '../../support/random.js';
import { testDatabaseOptions } from '../../support/database.js';

export function databaseOptions(storeDir: string, overrides: { retention?: RetentionPolicy; logger?: Logger } = {}): DatabaseOptions {
  return testDatabaseOptions(storeDir, {
    // Smaller than the stores the tests build: pages are evicted (written back) while a copy reads the files.
    pageCacheBytes: 64 * 1024,
    txLogRotationBytes: 16 * 1024,
    txLogRetention: overrides.retention ?? { kind: 'all' },
    checkpointIntervalTx: 1_000_000,
    ...(overrides.logger === undefined ? {} : { logger: overrides.logger }),
  });
}

export function openDatabase(storeDir: string, overrides: { retention?: RetentionPolicy; logger?: Logger } = {}): Promise<GraphDatabase> {
  return GraphDatabase.open(databaseOptions(storeDir, overrides));
}

export async function write(database: GraphDatabase, work: (tx: Transaction) => Promise<void>): Promise<number> {
  const tx = database.beginTransaction();
  await work(tx);
  return tx.commit();
}

/** An index, a unique constraint and `count` transactions of nodes, relationships, long strings and arrays. */
export async function fill(database: GraphDatabase, random: Random, count: number): Promise<void> {
  await write(database, (tx) => tx.createSchemaRule('index', 'Person', 'name'));
  await write(database, (tx) => tx.createSchemaRule('uniqueness', 'Account', 'number'));
  const ids: number[] = [];
  for (let i = 0; i < count; i++) await writeOne(database, random, ids, i);
}

let accountNumber = 0;

/** One transaction of mixed work; `ids` are the nodes created so far. */
export async function writeOne(database: GraphDatabase, random: Random, ids: number[], i: number): Promise<void> {
  await write(database, async (tx) => {
    const id = await tx.createNode(['Person', ...(random.chance(0.3) ? ['Account'] : [])], {
      name: `p${random.int(40)}`,
      i: BigInt(i),
      bio: random.string(random.chance(0.2) ? 600 : 20),
      scores: [random.next(), random.next()],
      number: `n${accountNumber++}`,
    });
    if (ids.length > 0) await tx.createRelationship(id, random.pick(ids), random.pick(['KNOWS', 'OWES']), { since: BigInt(i), note: 'y'.repeat(random.int(300)) });
    if (random.chance(0.1) && ids.length > 5) await tx.deleteNode(ids.splice(random.int(ids.length), 1)[0]!, { detach: true });
    if (random.chance(0.2) && ids.length > 0) await tx.setNodeProperty(random.pick(ids), 'touched', BigInt(i));
    ids.push(id);
  });
}

/** Everything a reader can see, in a comparable form. */
export function contents(database: GraphDatabase): unknown {
  const tx = database.beginTransaction('READ');
  try {
    const nodes = [...tx.allNodeIds()].sort((a, b) => a - b).map((id) => [id, tx.nodeLabels(id).sort(), { ...tx.nodeProperties(id) }]);
    const relationships = [...tx.allRelationshipIds()].sort((a, b) => a - b).map((id) => [tx.relationship(id), { ...tx.relationshipProperties(id) }]);
    const seeks = Array.from({ length: 40 }, (_, n) => tx.findNodes('Person', 'name', `p${n}`).sort((a, b) => a - b));
    return {
      nodes,
      relationships,
      seeks,
      schema: tx.schemaRules(),
      labels: tx.tokenNames('label'),
      types: tx.tokenNames('relationshipType'),
      keys: tx.tokenNames('propertyKey'),
    };
  } finally {
    tx.rollback();
  }
}

/** A pino logger at info whose JSON lines are kept in `lines`. */
export function recordingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}
