/**
 * A fresh database with a QueryEngine over it, for the query tests: `run` executes one
 * statement in a transaction of its own, committed when it succeeds and rolled back when
 * it fails (as the HTTP API does), and `values` strips a result to its rows.
 */
import type { Logger } from 'pino';
import { GraphDatabase } from '../../../engine/database.js';
import { QueryEngine, type QueryEngineOptions, type QueryResult } from '../../../engine/query/query-engine.js';
import type { Value } from '../../../engine/query/values.js';
import { silentLogger } from '../../support/logger.js';
import { testDatabaseOptions } from '../../support/database.js';
import { makeTempDir } from '../../support/temp-dir.js';

export interface QueryFixture {
  readonly database: GraphDatabase;
  readonly engine: QueryEngine;
  run(statement: string, parameters?: Readonly<Record<string, Value>>, mode?: 'READ' | 'WRITE'): Promise<QueryResult>;
  /** The rows of `statement`'s result. */
  rows(statement: string, parameters?: Readonly<Record<string, Value>>): Promise<readonly (readonly Value[])[]>;
  close(): Promise<void>;
}

export async function openQueryFixture(options: Partial<QueryEngineOptions> & { logger?: Logger } = {}): Promise<QueryFixture> {
  const temp = makeTempDir('query');
  const logger = options.logger ?? silentLogger();
  const database = await GraphDatabase.open(testDatabaseOptions(temp.dir, { pageCacheBytes: 4 * 1024 * 1024, logger }));
  const engine = new QueryEngine(database, { ...options, logger });
  const run = async (statement: string, parameters: Readonly<Record<string, Value>> = {}, mode: 'READ' | 'WRITE' = 'WRITE'): Promise<QueryResult> => {
    const tx = database.beginTransaction(mode);
    try {
      const result = await engine.run(tx, statement, parameters);
      await tx.commit();
      return result;
    } catch (error) {
      tx.rollback();
      throw error;
    }
  };
  return {
    database,
    engine,
    run,
    rows: async (statement, parameters) => (await run(statement, parameters)).rows,
    close: async () => {
      await database.close();
      temp.remove();
    },
  };
}
