import type { DatabaseOptions } from '../../engine/database-options.js';
import { silentLogger } from './logger.js';

/**
 * Options for a database under test: a 1 MiB page cache, 1 MiB log files kept forever,
 * checkpoints only by transaction count, a silent logger. A test overrides what it is
 * about (a tiny cache to force eviction, small log files to force rotation, ...).
 */
export function testDatabaseOptions(storeDir: string, overrides: Partial<DatabaseOptions> = {}): DatabaseOptions {
  return {
    storeDir,
    pageCacheBytes: 1024 * 1024,
    txLogRotationBytes: 1024 * 1024,
    txLogRetention: { kind: 'all' },
    checkpointIntervalMs: 60 * 60_000,
    checkpointIntervalTx: 100_000,
    logger: silentLogger(),
    ...overrides,
  };
}
