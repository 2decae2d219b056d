/**
 * From settings to what engine/database.ts opens a database with.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { DatabaseOptions } from '../database-options.js';
import type { EngineSettings } from './setting-definitions.js';

/**
 * The store directory is `<dbms.directories.data>/databases/<dbms.active_database>`,
 * resolved against the current working directory when relative, as Neo4j resolves it
 * against NEO4J_HOME.
 */
export function toDatabaseOptions(settings: EngineSettings, logger: Logger): DatabaseOptions {
  return {
    storeDir: path.resolve(settings['dbms.directories.data'], 'databases', settings['dbms.active_database']),
    pageCacheBytes: settings['dbms.pagecache.memory'],
    txLogRotationBytes: settings['dbms.tx_log.rotation.size'],
    txLogRetention: settings['dbms.tx_log.rotation.retention_policy'],
    checkpointIntervalMs: settings['dbms.checkpoint.interval.time'],
    checkpointIntervalTx: settings['dbms.checkpoint.interval.tx'],
    logger,
  };
}
