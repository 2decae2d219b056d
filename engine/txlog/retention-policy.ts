/**
 * How long transaction log files are kept after a checkpoint no longer needs them:
 * `dbms.tx_log.rotation.retention_policy`. Neo4j's forms:
 *
 *   true | keep_all        keep every file
 *   false | keep_none      keep only what recovery from the last checkpoint needs
 *   "<n> files"            the newest n files
 *   "<size> size"          newest files up to that many bytes in total ("100M size")
 *   "<n> txs"              newest files covering at least n transactions ("200k txs")
 *   "<n> hours|days"       files whose newest transaction is younger than that ("7 days")
 *
 * Whatever the policy, a file holding a transaction after the last checkpoint is kept.
 */
export type RetentionPolicy =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'files'; readonly count: number }
  | { readonly kind: 'size'; readonly bytes: number }
  | { readonly kind: 'txs'; readonly count: number }
  | { readonly kind: 'age'; readonly milliseconds: number };
