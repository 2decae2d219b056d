import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { parseSettings, readSettingsFile } from '../../../engine/settings/load-settings.js';
import { settingDefinitions, settingNames } from '../../../engine/settings/setting-definitions.js';
import { toDatabaseOptions } from '../../../engine/settings/to-database-options.js';

const goodFile = `
# an engine instance
dbms.mode = SINGLE
dbms.directories.data=/var/lib/graphlb
dbms.active_database=people.db
dbms.pagecache.memory=64m
dbms.connector.http.listen_address=0.0.0.0:7481
dbms.connector.bolt.listen_address=:7691
dbms.security.auth_enabled=false
dbms.rest.transaction.idle_timeout=90 seconds
dbms.tx_log.rotation.size=100MB
dbms.tx_log.rotation.retention_policy=200k txs
dbms.checkpoint.interval.time=5m
dbms.checkpoint.interval.tx=5000
dbms.logs.query.threshold=500ms
ha.server_id=3
ha.initial_hosts=127.0.0.1:5001, 127.0.0.1:5002 ,[::1]:5003
ha.pull_interval=250ms
ha.tx_push_strategy=Round_Robin
ha.heartbeat_interval=500ms
ha.heartbeat_timeout=1s
ha.cluster_secret=s3cret#with=signs
metrics.csv.interval=1 hours
\t
`;

describe('a good settings file', () => {
  const loaded = parseSettings(goodFile, 'conf/neo4j.conf');
  const v = loaded.values;

  it('reads every written value into its type', () => {
    assert.equal(v['dbms.mode'], 'SINGLE');
    assert.equal(v['dbms.directories.data'], '/var/lib/graphlb');
    assert.equal(v['dbms.active_database'], 'people.db');
    assert.equal(v['dbms.pagecache.memory'], 64 * 1024 * 1024);
    assert.deepEqual(v['dbms.connector.http.listen_address'], { host: '0.0.0.0', port: 7481 });
    assert.deepEqual(v['dbms.connector.bolt.listen_address'], { host: '127.0.0.1', port: 7691 });
    assert.equal(v['dbms.security.auth_enabled'], false);
    assert.equal(v['dbms.rest.transaction.idle_timeout'], 90_000);
    assert.equal(v['dbms.tx_log.rotation.size'], 100 * 1024 * 1024);
    assert.deepEqual(v['dbms.tx_log.rotation.retention_policy'], { kind: 'txs', count: 200_000 });
    assert.equal(v['dbms.checkpoint.interval.time'], 300_000);
    assert.equal(v['dbms.checkpoint.interval.tx'], 5000);
    assert.equal(v['dbms.logs.query.threshold'], 500);
    assert.equal(v['ha.server_id'], 3);
    assert.deepEqual(v['ha.initial_hosts'], [
      { host: '127.0.0.1', port: 5001 },
      { host: '127.0.0.1', port: 5002 },
      { host: '::1', port: 5003 },
    ]);
    assert.equal(v['ha.pull_interval'], 250);
    assert.equal(v['ha.tx_push_strategy'], 'round_robin');
    assert.equal(v['ha.heartbeat_interval'], 500);
    assert.equal(v['ha.heartbeat_timeout'], 1000);
    assert.equal(v['ha.cluster_secret'], 's3cret#with=signs');
    assert.equal(v['metrics.csv.interval'], 3_600_000);
  });

  it('gives what the file leaves out its default', () => {
    assert.equal(v['dbms.security.ha_status_auth_enabled'], true);
    assert.deepEqual(v['dbms.backup.address'], { host: '127.0.0.1', port: 6362 });
    assert.equal(v['ha.pull_batch_size'], 100);
    assert.equal(v['ha.tx_push_factor'], 1);
    assert.equal(v['ha.branched_data_policy'], 'keep_all');
    assert.equal(v['ha.slave_only'], false);
    assert.equal(v['metrics.enabled'], true);
    assert.equal(v['metrics.csv.path'], 'metrics');
  });

  it('remembers the line and text of every setting the file sets', () => {
    assert.deepEqual(loaded.sources.get('dbms.mode'), { line: 3, text: 'SINGLE' });
    assert.deepEqual(loaded.sources.get('ha.initial_hosts'), { line: 17, text: '127.0.0.1:5001, 127.0.0.1:5002 ,[::1]:5003' });
    assert.equal(loaded.sources.has('dbms.backup.address'), false);
  });

  it('has Neo4j 3.5 defaults and the graphlb ones of the brief when the file is empty', () => {
    const d = parseSettings('', 'empty.conf').values;
    assert.equal(d['dbms.mode'], 'SINGLE');
    assert.equal(d['dbms.directories.data'], 'data');
    assert.equal(d['dbms.active_database'], 'graph.db');
    assert.equal(d['dbms.pagecache.memory'], 512 * 1024 * 1024);
    assert.deepEqual(d['dbms.connector.http.listen_address'], { host: '127.0.0.1', port: 7474 });
    assert.deepEqual(d['dbms.connector.bolt.listen_address'], { host: '127.0.0.1', port: 7687 });
    assert.equal(d['dbms.rest.transaction.idle_timeout'], 60_000);
    assert.equal(d['dbms.tx_log.rotation.size'], 250 * 1024 * 1024);
    assert.deepEqual(d['dbms.tx_log.rotation.retention_policy'], { kind: 'age', milliseconds: 7 * 86_400_000 });
    assert.equal(d['dbms.checkpoint.interval.time'], 15 * 60_000);
    assert.equal(d['dbms.checkpoint.interval.tx'], 100_000);
    assert.equal(d['dbms.logs.query.enabled'], false);
    assert.equal(d['ha.server_id'], undefined);
    assert.equal(d['ha.initial_hosts'], undefined);
    assert.equal(d['ha.cluster_secret'], undefined);
    assert.deepEqual(d['ha.host.coordination'], { host: '127.0.0.1', port: 5001 });
    assert.equal(d['ha.pull_interval'], 1000);
    assert.equal(d['ha.tx_push_strategy'], 'fixed_ascending');
    assert.equal(d['ha.heartbeat_interval'], 1000);
    assert.equal(d['ha.heartbeat_timeout'], 4000);
    assert.equal(d['metrics.prometheus.enabled'], true);
    assert.equal(d['metrics.csv.enabled'], false);
    assert.equal(d['metrics.csv.interval'], 3000);
  });

  it('accepts HA with its three required settings', () => {
    const ha = parseSettings(
      'dbms.mode=HA\nha.server_id=1\nha.initial_hosts=127.0.0.1:5001\nha.cluster_secret=x',
      'ha.conf',
    ).values;
    assert.equal(ha['dbms.mode'], 'HA');
  });

  it('accepts every default written out, as conf/neo4j.conf shows them', () => {
    const text = settingNames
      .filter((name) => settingDefinitions[name].defaultText !== undefined)
      .map((name) => `${name}=${settingDefinitions[name].defaultText}`)
      .join('\n');
    assert.deepEqual(parseSettings(text, 'defaults.conf').values, parseSettings('', 'empty.conf').values);
  });
});

describe('reading a settings file from disk', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-settings-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads CRLF line endings and a byte order mark', () => {
    const file = path.join(dir, 'windows.conf');
    fs.writeFileSync(file, '\uFEFFdbms.mode=SINGLE\r\ndbms.pagecache.memory=8m\r\n');
    const loaded = readSettingsFile(file);
    assert.equal(loaded.file, file);
    assert.equal(loaded.values['dbms.pagecache.memory'], 8 * 1024 * 1024);
    assert.deepEqual(loaded.sources.get('dbms.pagecache.memory'), { line: 2, text: '8m' });
  });
});

describe('database options from settings', () => {
  it('puts the store under <data>/databases/<name>, relative to the working directory', () => {
    const logger = pino({ enabled: false });
    const values = parseSettings(
      'dbms.directories.data=rel/data\ndbms.active_database=g.db\ndbms.pagecache.memory=2m\n' +
        'dbms.tx_log.rotation.size=1m\ndbms.tx_log.rotation.retention_policy=3 files\n' +
        'dbms.checkpoint.interval.time=30s\ndbms.checkpoint.interval.tx=10',
      'x.conf',
    ).values;
    const options = toDatabaseOptions(values, logger);
    assert.equal(options.storeDir, path.join(process.cwd(), 'rel', 'data', 'databases', 'g.db'));
    assert.equal(options.pageCacheBytes, 2 * 1024 * 1024);
    assert.equal(options.txLogRotationBytes, 1024 * 1024);
    assert.deepEqual(options.txLogRetention, { kind: 'files', count: 3 });
    assert.equal(options.checkpointIntervalMs, 30_000);
    assert.equal(options.checkpointIntervalTx, 10);
    assert.equal(options.logger, logger);
  });

  it('keeps an absolute data directory as it is', () => {
    const values = parseSettings('dbms.directories.data=/srv/graphlb', 'x.conf').values;
    assert.equal(toDatabaseOptions(values, pino({ enabled: false })).storeDir, '/srv/graphlb/databases/graph.db');
  });
});
