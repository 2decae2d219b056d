/**
 * The Cypher conformance suite: every case in cases/ on a fresh database, through
 * QueryEngine.run as the HTTP layer uses it. Setup statements commit one by one, the
 * query runs in a write transaction of its own (rolled back when it fails, as Neo4j
 * does), and the optional `after` read looks at what the query left behind.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphDatabase } from '../../engine/database.js';
import { QueryEngine, type QueryResult } from '../../engine/query/query-engine.js';
import type { Value } from '../../engine/query/values.js';
import { silentLogger } from '../support/logger.js';
import { testDatabaseOptions } from '../support/database.js';
import { makeTempDir } from '../support/temp-dir.js';
import { isExpectedError, type ConformanceCase } from './conformance-case.js';
import { assertRows } from './result-comparison.js';
import { cases as aggregation } from './cases/aggregation.js';
import { cases as call } from './cases/call.js';
import { cases as create } from './cases/create.js';
import { cases as deleteCases } from './cases/delete.js';
import { cases as errors } from './cases/errors.js';
import { cases as expressions } from './cases/expressions.js';
import { cases as foreach } from './cases/foreach.js';
import { cases as functions } from './cases/functions.js';
import { cases as match } from './cases/match.js';
import { cases as merge } from './cases/merge.js';
import { cases as optionalMatch } from './cases/optional-match.js';
import { cases as orderSkipLimit } from './cases/order-skip-limit.js';
import { cases as returnWith } from './cases/return-with.js';
import { cases as schema } from './cases/schema.js';
import { cases as setRemove } from './cases/set-remove.js';
import { cases as union } from './cases/union.js';
import { cases as unwind } from './cases/unwind.js';
import { cases as where } from './cases/where.js';

const areas: Readonly<Record<string, readonly ConformanceCase[]>> = {
  match,
  'optional-match': optionalMatch,
  where,
  'return-with': returnWith,
  'order-skip-limit': orderSkipLimit,
  unwind,
  create,
  merge,
  'set-remove': setRemove,
  delete: deleteCases,
  union,
  foreach,
  call,
  expressions,
  functions,
  aggregation,
  schema,
  errors,
};

const logger = silentLogger();

async function withDatabase(work: (database: GraphDatabase, engine: QueryEngine) => Promise<void>): Promise<void> {
  const temp = makeTempDir('conformance');
  const database = await GraphDatabase.open(testDatabaseOptions(temp.dir, { pageCacheBytes: 256 * 1024, logger }));
  try {
    await work(database, new QueryEngine(database, { logger }));
  } finally {
    await database.close();
    temp.remove();
  }
}

/** Runs one statement in its own transaction: committed when it succeeds, rolled back when it fails. */
async function runAlone(
  database: GraphDatabase,
  engine: QueryEngine,
  statement: string,
  parameters: Readonly<Record<string, Value>>,
  mode: 'READ' | 'WRITE',
): Promise<QueryResult> {
  const tx = database.beginTransaction(mode);
  try {
    const result = await engine.run(tx, statement, parameters);
    await tx.commit();
    return result;
  } catch (error) {
    tx.rollback();
    throw error;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${(error as { code?: unknown }).code ?? error.name}: ${error.message}`;
  return String(error);
}

async function runCase(testCase: ConformanceCase): Promise<void> {
  await withDatabase(async (database, engine) => {
    for (const [i, statement] of (testCase.setup ?? []).entries()) {
      try {
        await runAlone(database, engine, statement, {}, 'WRITE');
      } catch (error) {
        assert.fail(`setup statement ${i + 1} failed (${describeError(error)}):\n${statement}`);
      }
    }

    let result: QueryResult | undefined;
    let failure: unknown;
    try {
      result = await runAlone(database, engine, testCase.query, testCase.parameters ?? {}, 'WRITE');
    } catch (error) {
      failure = error;
    }

    const expected = testCase.expected;
    if (isExpectedError(expected)) {
      if (result !== undefined) {
        assert.fail(`expected ${expected.error}, but the query succeeded with columns ${JSON.stringify(result.columns)} and ${result.rows.length} row(s)`);
      }
      const code = (failure as { code?: unknown } | undefined)?.code;
      assert.equal(code, expected.error, `expected ${expected.error}, got ${describeError(failure)}`);
    } else {
      if (result === undefined) assert.fail(`the query failed: ${describeError(failure)}`);
      assertRows(expected, result.columns, result.rows);
      if (testCase.stats !== undefined) {
        const actual = Object.fromEntries(Object.keys(testCase.stats).map((key) => [key, result.statistics[key as keyof typeof result.statistics]]));
        assert.deepStrictEqual(actual, testCase.stats, 'statistics');
      }
    }

    if (testCase.after !== undefined) {
      let after: QueryResult;
      try {
        after = await runAlone(database, engine, testCase.after.query, {}, 'READ');
      } catch (error) {
        assert.fail(`the after query failed (${describeError(error)}):\n${testCase.after.query}`);
      }
      assertRows(testCase.after.expected, after.columns, after.rows);
    }
  });
}

describe('Cypher conformance', () => {
  it('has at least 200 cases with unique names', () => {
    const names = Object.values(areas).flatMap((cases) => cases.map((testCase) => testCase.name));
    assert.ok(names.length >= 200, `${names.length} cases`);
    const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
    assert.deepStrictEqual(duplicates, []);
  });

  for (const [area, cases] of Object.entries(areas)) {
    describe(area, () => {
      for (const testCase of cases) it(testCase.name, () => runCase(testCase));
    });
  }
});
