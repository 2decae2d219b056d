/**
 * What a {@link GraphDatabase} (engine/database.ts) needs to open, and what it reports.
 * The server and the CLI build these from the settings; tests build them directly.
 */
import type { Logger } from 'pino';
import type { FileSystem } from './io/file-system.js';
import type { RetentionPolicy } from './txlog/retention-policy.js';

export interface DatabaseOptions {
  /** `<dbms.directories.data>/databases/<dbms.active_database>`; created when missing. */
  readonly storeDir: string;
  /** dbms.pagecache.memory, bytes. */
  readonly pageCacheBytes: number;
  /** dbms.tx_log.rotation.size, bytes. */
  readonly txLogRotationBytes: number;
  /** dbms.tx_log.rotation.retention_policy. */
  readonly txLogRetention: RetentionPolicy;
  /** dbms.checkpoint.interval.time, milliseconds. */
  readonly checkpointIntervalMs: number;
  /** dbms.checkpoint.interval.tx, transactions. */
  readonly checkpointIntervalTx: number;
  readonly logger: Logger;
  /** Called once per acknowledged commit with the seconds from commit() to acknowledgement. */
  readonly onCommit?: (durationSeconds: number) => void;
  /** Defaults to the operating system's; tests may put another underneath. */
  readonly fileSystem?: FileSystem;
}

export interface DatabaseStats {
  readonly transactions: {
    readonly started: number;
    readonly committed: number;
    readonly rolledBack: number;
    readonly active: number;
    readonly lastCommittedTxId: number;
  };
  readonly pageCache: {
    readonly hits: number;
    readonly faults: number;
    readonly evictions: number;
    readonly flushes: number;
    readonly hitRatio: number;
    readonly usageRatio: number;
  };
  readonly idsInUse: {
    readonly node: number;
    readonly relationship: number;
    readonly property: number;
  };
  readonly checkpoints: number;
  readonly logRotations: number;
}
