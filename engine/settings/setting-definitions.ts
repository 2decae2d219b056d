/**
 * Every setting of an engine instance, in one table. The parser, the validator, the
 * typed {@link EngineSettings} object and the documentation (conf/neo4j.conf, written by
 * `npm run docs`) all derive from it, so they cannot drift apart.
 *
 * Names and defaults are Neo4j 3.5's where Neo4j has the setting; where graphlb
 * deliberately differs the description says so (ha.pull_interval is never off,
 * ha.heartbeat_timeout is sized for a laptop cluster).
 */
import {
  booleanType,
  databaseNameType,
  durationType,
  enumType,
  integerType,
  pathType,
  retentionPolicyType,
  secretType,
  sizeType,
  socketAddressListType,
  socketAddressType,
  type SettingType,
} from './setting-type.js';

export interface SettingDefinition<T> {
  readonly type: SettingType<T>;
  /** One line for the documentation. */
  readonly description: string;
  /** The default as it would be written in the file; undefined when there is none. */
  readonly defaultText: string | undefined;
  /** The default, read by `type`; undefined when there is none. */
  readonly defaultValue: T | undefined;
  /** A value to show in the documentation: the default, or an example when there is none. */
  readonly example: string;
  /** What a plain number counts ("transactions"), said next to the default. */
  readonly unit: string | undefined;
  /** Never logged, never echoed in an error message. */
  readonly secret: boolean;
  /** Appended to the error message of a refused value: why, or what to do. */
  readonly hint: string | undefined;
}

interface Extras {
  readonly unit?: string;
  readonly secret?: boolean;
  readonly hint?: string;
}

function setting<T>(
  type: SettingType<T>,
  defaultText: string,
  description: string,
  extras: Extras = {},
): SettingDefinition<T> & { readonly defaultValue: T } {
  const defaultValue = type.parse(defaultText);
  if (defaultValue === undefined) throw new Error(`default ${JSON.stringify(defaultText)} is not ${type.expected}`);
  return { type, description, defaultText, defaultValue, example: defaultText, ...common(extras) };
}

function settingWithoutDefault<T>(
  type: SettingType<T>,
  example: string,
  description: string,
  extras: Extras = {},
): SettingDefinition<T> & { readonly defaultValue: undefined } {
  if (type.parse(example) === undefined) throw new Error(`example ${JSON.stringify(example)} is not ${type.expected}`);
  return { type, description, defaultText: undefined, defaultValue: undefined, example, ...common(extras) };
}

function common(extras: Extras): Pick<SettingDefinition<unknown>, 'unit' | 'secret' | 'hint'> {
  return { unit: extras.unit, secret: extras.secret ?? false, hint: extras.hint };
}

export const settingDefinitions = {
  'dbms.mode': setting(
    enumType(['HA', 'SINGLE']),
    'SINGLE',
    'Whether this instance runs alone (SINGLE) or as a member of an HA cluster (HA): elections, replication and the HA endpoints; see the ha.* settings.',
  ),
  'dbms.directories.data': setting(
    pathType,
    'data',
    'Directory of the databases: a database named N keeps its store in <this>/databases/N.',
  ),
  'dbms.active_database': setting(
    databaseNameType,
    'graph.db',
    'Name of the database this instance serves.',
  ),
  'dbms.pagecache.memory': setting(
    sizeType({ atLeast: '64k', why: '8 pages of 8 KiB' }),
    '512m',
    'Memory of the page cache through which every store read and write goes; a larger store works, only slower.',
  ),
  'dbms.connector.http.listen_address': setting(
    socketAddressType,
    '127.0.0.1:7474',
    'Address of the HTTP connector: discovery at /, /metrics and the HA status endpoints.',
  ),
  'dbms.connector.bolt.listen_address': setting(
    socketAddressType,
    '127.0.0.1:7687',
    'Address of the Bolt connector, advertised in the discovery document.',
  ),
  'dbms.security.auth_enabled': setting(
    booleanType,
    'true',
    'Require clients to authenticate.',
  ),
  'dbms.security.ha_status_auth_enabled': setting(
    booleanType,
    'true',
    'Require authentication on the HA status endpoints /db/manage/server/ha/{master,slave,available}.',
  ),
  'dbms.security.auth_lock_time': setting(
    durationType(),
    '5s',
    'How long a user is refused after dbms.security.auth_max_failed_attempts failed logins in a row, even with the right password; a low value makes guessing passwords easier.',
  ),
  'dbms.security.auth_max_failed_attempts': setting(
    integerType({ atLeast: 0 }),
    '3',
    'Failed logins in a row after which a user is refused for dbms.security.auth_lock_time; 0 never refuses, and below 3 is not recommended.',
    { unit: 'attempts' },
  ),
  'dbms.rest.transaction.idle_timeout': setting(
    durationType({ atLeast: '1ms' }),
    '60s',
    'An open HTTP transaction that receives no request for this long is rolled back.',
  ),
  'dbms.tx_log.rotation.size': setting(
    sizeType({ atLeast: '1m' }),
    '250M',
    'A transaction log file is rotated (a new neostore.transaction.db.N started) once it grows past this size.',
  ),
  'dbms.tx_log.rotation.retention_policy': setting(
    retentionPolicyType,
    '7 days',
    'Which rotated transaction log files to keep; files the last checkpoint still needs are kept whatever the policy.',
  ),
  'dbms.checkpoint.interval.time': setting(
    durationType({ atLeast: '1ms' }),
    '15m',
    'A checkpoint runs when this long has passed since the previous one and transactions were committed since.',
  ),
  'dbms.checkpoint.interval.tx': setting(
    integerType({ atLeast: 1 }),
    '100000',
    'A checkpoint runs when this many transactions were committed since the previous one.',
    { unit: 'transactions' },
  ),
  'dbms.transaction.bookmark_ready_timeout': setting(
    durationType({ atLeast: '1ms' }),
    '30s',
    'How long a transaction that carries a bookmark waits for this instance to apply the bookmarked transaction before failing with Neo.TransientError.Transaction.BookmarkTimeout.',
  ),
  'graphlb.http.max_request_body_size': setting(
    sizeType({ atLeast: '1k' }),
    '16m',
    'Largest request body the HTTP connector accepts; a larger one is answered 413 without being read (graphlb\'s own: Neo4j has no such limit).',
  ),
  'dbms.logs.query.enabled': setting(
    booleanType,
    'false',
    'Log queries that run at least dbms.logs.query.threshold.',
  ),
  'dbms.logs.query.threshold': setting(
    durationType(),
    '0s',
    'Queries faster than this are not logged; 0s logs every query.',
  ),
  'dbms.backup.enabled': setting(
    booleanType,
    'true',
    'Serve online backups on dbms.backup.address.',
  ),
  'dbms.backup.address': setting(
    socketAddressType,
    '127.0.0.1:6362',
    'Address of the online backup service.',
  ),
  'ha.server_id': settingWithoutDefault(
    integerType({ atLeast: 1 }),
    '1',
    'This instance\'s id, unique in its cluster; required when dbms.mode=HA.',
  ),
  'ha.initial_hosts': settingWithoutDefault(
    socketAddressListType,
    '127.0.0.1:5001,127.0.0.1:5002,127.0.0.1:5003',
    'Cluster addresses (ha.host.coordination) of the members to contact at start; required when dbms.mode=HA.',
  ),
  'ha.host.coordination': setting(
    socketAddressType,
    '127.0.0.1:5001',
    'Address of this instance\'s cluster channel: heartbeats, elections, transaction pull and push, store copy.',
  ),
  'ha.pull_interval': setting(
    durationType({ atLeast: '1ms' }),
    '1s',
    'How often a slave pulls new transactions from the master (Neo4j\'s default of 0s, never, is refused).',
    { hint: 'pulling cannot be switched off, so that a slave never stops following its master by accident' },
  ),
  'ha.pull_batch_size': setting(
    integerType({ atLeast: 1 }),
    '100',
    'Most transactions a slave pulls in one request.',
    { unit: 'transactions' },
  ),
  'ha.tx_push_factor': setting(
    integerType({ atLeast: 0 }),
    '1',
    'Slaves the master pushes each commit to before acknowledging it; 0 acknowledges without any.',
    { unit: 'slaves' },
  ),
  'ha.tx_push_strategy': setting(
    enumType(['fixed_ascending', 'fixed_descending', 'round_robin']),
    'fixed_ascending',
    'Which slaves the master pushes to: lowest ha.server_id first, highest first, or taking turns.',
  ),
  'ha.heartbeat_interval': setting(
    durationType({ atLeast: '1ms' }),
    '1s',
    'How often a member tells the others that it is alive.',
  ),
  'ha.heartbeat_timeout': setting(
    durationType({ atLeast: '1ms' }),
    '4s',
    'A member not heard from for this long is suspected to have failed; at least twice ha.heartbeat_interval.',
  ),
  'ha.slave_only': setting(
    booleanType,
    'false',
    'Never become master: this instance only ever serves as a slave.',
  ),
  'ha.branched_data_policy': setting(
    enumType(['keep_all', 'keep_last', 'keep_none']),
    'keep_all',
    'What to do with a local store that has diverged from the master\'s: keep every branched copy, only the latest, or none.',
  ),
  'ha.cluster_secret': settingWithoutDefault(
    secretType,
    'replace-with-a-long-random-string',
    'Secret shared by the members of a cluster, which refuse peers without it; required when dbms.mode=HA, never logged.',
    { secret: true },
  ),
  'metrics.enabled': setting(
    booleanType,
    'true',
    'Collect metrics; when false no reporter runs.',
  ),
  'metrics.prometheus.enabled': setting(
    booleanType,
    'true',
    'Serve metrics in the Prometheus text format at GET /metrics on the HTTP connector.',
  ),
  'metrics.csv.enabled': setting(
    booleanType,
    'false',
    'Append metrics to CSV files in metrics.csv.path.',
  ),
  'metrics.csv.path': setting(
    pathType,
    'metrics',
    'Directory of the CSV metric files.',
  ),
  'metrics.csv.interval': setting(
    durationType({ atLeast: '1ms' }),
    '3s',
    'How often a row is appended to the CSV metric files.',
  ),
} satisfies Record<string, SettingDefinition<unknown>>;

export type SettingName = keyof typeof settingDefinitions;

type ValueOf<D> = D extends { readonly type: SettingType<infer T>; readonly defaultValue: infer V }
  ? undefined extends V
    ? T | undefined
    : T
  : never;

/** An engine's settings, read and checked; keyed by the settings' own names. */
export type EngineSettings = { readonly [K in SettingName]: ValueOf<(typeof settingDefinitions)[K]> };

export function isSettingName(key: string): key is SettingName {
  return Object.hasOwn(settingDefinitions, key);
}

export const settingNames = Object.keys(settingDefinitions) as readonly SettingName[];
