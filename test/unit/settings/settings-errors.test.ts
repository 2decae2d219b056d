import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseSettings, readSettingsFile } from '../../../engine/settings/load-settings.js';
import { SettingsError, type SettingsErrorCode } from '../../../engine/settings/settings-error.js';

const file = 'conf/neo4j.conf';

/** The SettingsError that reading `text` throws. */
function mistake(text: string): SettingsError {
  try {
    parseSettings(text, file);
  } catch (error) {
    assert.ok(error instanceof SettingsError, `expected a SettingsError, got ${String(error)}`);
    assert.equal(error.message.includes('\n'), false, 'the message is one line');
    return error;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be refused`);
}

function check(
  error: SettingsError,
  expected: { code: SettingsErrorCode; line: number | undefined; key: string | undefined; message: string },
): void {
  assert.equal(error.code, expected.code);
  assert.equal(error.file, file);
  assert.equal(error.line, expected.line);
  assert.equal(error.key, expected.key);
  assert.equal(error.message, expected.message);
}

describe('a settings file with a mistake', () => {
  it('names an unknown key and suggests the closest known one', () => {
    check(mistake('dbms.mode=SINGLE\n\ndbms.pagecache.memroy=64m'), {
      code: 'SETTINGS_UNKNOWN_KEY',
      line: 3,
      key: 'dbms.pagecache.memroy',
      message:
        'conf/neo4j.conf:3: dbms.pagecache.memroy=64m: unknown setting; expected one of the settings documented in conf/neo4j.conf; did you mean dbms.pagecache.memory?',
    });
  });

  it('suggests the full name of a key written without its prefix', () => {
    assert.match(mistake('pagecache.memory=64m').message, /did you mean dbms\.pagecache\.memory\?$/);
  });

  it('does not guess when no known key is close', () => {
    assert.match(mistake('wrapper.java.additional=-Xmx1g').message, /unknown setting; .*; remove the line or correct the name$/);
  });

  it('names a bad value with the allowed values', () => {
    check(mistake('# mode\ndbms.mode=CLUSTER'), {
      code: 'SETTINGS_BAD_VALUE',
      line: 2,
      key: 'dbms.mode',
      message: 'conf/neo4j.conf:2: dbms.mode=CLUSTER: expected HA or SINGLE',
    });
    check(mistake('ha.server_id=0'), {
      code: 'SETTINGS_BAD_VALUE',
      line: 1,
      key: 'ha.server_id',
      message: 'conf/neo4j.conf:1: ha.server_id=0: expected a whole number of at least 1',
    });
    check(mistake('dbms.connector.http.listen_address=localhost'), {
      code: 'SETTINGS_BAD_VALUE',
      line: 1,
      key: 'dbms.connector.http.listen_address',
      message: 'conf/neo4j.conf:1: dbms.connector.http.listen_address=localhost: expected an address host:port such as 127.0.0.1:7474',
    });
    assert.equal(mistake('dbms.security.auth_enabled=yes').code, 'SETTINGS_BAD_VALUE');
    assert.equal(mistake('dbms.mode=').code, 'SETTINGS_BAD_VALUE');
  });

  it('names a bad size with an example of a good one', () => {
    check(mistake('dbms.pagecache.memory=64q'), {
      code: 'SETTINGS_BAD_SIZE',
      line: 1,
      key: 'dbms.pagecache.memory',
      message: 'conf/neo4j.conf:1: dbms.pagecache.memory=64q: expected a size of at least 64k (8 pages of 8 KiB), such as 512m or 4g',
    });
  });

  it('refuses a page cache below 8 pages', () => {
    const error = mistake('dbms.pagecache.memory=32k');
    assert.equal(error.code, 'SETTINGS_BAD_SIZE');
    assert.match(error.message, /at least 64k/);
  });

  it('names a bad duration, including a bare number', () => {
    check(mistake('dbms.checkpoint.interval.time=15'), {
      code: 'SETTINGS_BAD_DURATION',
      line: 1,
      key: 'dbms.checkpoint.interval.time',
      message: 'conf/neo4j.conf:1: dbms.checkpoint.interval.time=15: expected a duration above zero such as 500ms, 4s, 15m or 7 days',
    });
  });

  it('refuses to switch ha.pull_interval off, and says why', () => {
    for (const off of ['0s', 'off', '0']) {
      const error = mistake(`ha.pull_interval=${off}`);
      assert.equal(error.code, 'SETTINGS_BAD_DURATION');
      assert.equal(
        error.message,
        `conf/neo4j.conf:1: ha.pull_interval=${off}: expected a duration above zero such as 500ms, 4s, 15m or 7 days; ` +
          'pulling cannot be switched off, so that a slave never stops following its master by accident',
      );
    }
  });

  it('names a bad retention policy with every accepted form', () => {
    const error = mistake('dbms.tx_log.rotation.retention_policy=7 weeks');
    check(error, {
      code: 'SETTINGS_BAD_RETENTION_POLICY',
      line: 1,
      key: 'dbms.tx_log.rotation.retention_policy',
      message:
        'conf/neo4j.conf:1: dbms.tx_log.rotation.retention_policy=7 weeks: expected true, false, keep_all, keep_none or an amount and a kind: ' +
        '"<n> files", "<size> size", "<n> txs", "<n> hours" or "<n> days", such as 7 days, 100M size or 200k txs',
    });
  });

  it('names a duplicate key and the line that set it first', () => {
    check(mistake('dbms.mode=SINGLE\ndbms.pagecache.memory=8m\ndbms.mode=HA'), {
      code: 'SETTINGS_DUPLICATE_KEY',
      line: 3,
      key: 'dbms.mode',
      message: 'conf/neo4j.conf:3: dbms.mode=HA: already set on line 1; expected each setting at most once; remove one of the two lines',
    });
  });

  it('names a line without =', () => {
    check(mistake('dbms.mode=SINGLE\ndbms.pagecache.memory 64m'), {
      code: 'SETTINGS_MALFORMED_LINE',
      line: 2,
      key: undefined,
      message: `conf/neo4j.conf:2: "dbms.pagecache.memory 64m": no '=' on this line; expected key=value, a # comment or a blank line`,
    });
    assert.equal(mistake('=64m').code, 'SETTINGS_MALFORMED_LINE');
  });

  it('reports the first mistake in file order', () => {
    assert.equal(mistake('dbms.mode=SINGLE\nnot a setting\ndbms.mode=HA').line, 2);
  });

  it('refuses a heartbeat timeout below twice the interval, at the timeout line', () => {
    check(mistake('ha.heartbeat_interval=1s\nha.heartbeat_timeout=1500ms'), {
      code: 'SETTINGS_CONFLICT',
      line: 2,
      key: 'ha.heartbeat_timeout',
      message:
        'conf/neo4j.conf:2: ha.heartbeat_timeout=1500ms: less than twice ha.heartbeat_interval (1s, line 1); ' +
        'expected ha.heartbeat_timeout of at least 2s; a shorter timeout declares a member dead after a single late heartbeat',
    });
  });

  it('blames the interval when only the interval makes the default timeout too short', () => {
    check(mistake('\nha.heartbeat_interval=3s'), {
      code: 'SETTINGS_CONFLICT',
      line: 2,
      key: 'ha.heartbeat_interval',
      message:
        'conf/neo4j.conf:2: ha.heartbeat_interval=3s: more than half of ha.heartbeat_timeout (4s, default); ' +
        'expected ha.heartbeat_interval of at most 2s; a shorter timeout declares a member dead after a single late heartbeat',
    });
  });

  it('refuses HA without server id, initial hosts and secret, at the dbms.mode line', () => {
    check(mistake('ha.server_id=2\ndbms.mode=HA'), {
      code: 'SETTINGS_CONFLICT',
      line: 2,
      key: 'dbms.mode',
      message:
        'conf/neo4j.conf:2: dbms.mode=HA: ha.initial_hosts and ha.cluster_secret are not set; ' +
        'expected ha.server_id, ha.initial_hosts, ha.cluster_secret to be set whenever dbms.mode=HA; add the missing settings or set dbms.mode=SINGLE',
    });
  });

  it('never echoes a secret', () => {
    const error = mistake('ha.cluster_secret=hunter2\nha.cluster_secret=hunter3');
    assert.equal(error.code, 'SETTINGS_DUPLICATE_KEY');
    assert.equal(error.value, '<redacted>');
    assert.doesNotMatch(error.message, /hunter/);
  });
});

describe('a settings file that cannot be read', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-settings-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names the missing file and what to do', () => {
    const missing = path.join(dir, 'nope.conf');
    assert.throws(
      () => readSettingsFile(missing),
      (error: unknown) => {
        assert.ok(error instanceof SettingsError);
        assert.equal(error.code, 'SETTINGS_UNREADABLE_FILE');
        assert.equal(error.file, missing);
        assert.equal(error.line, undefined);
        assert.match(
          error.message,
          new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot read the file \\(ENOENT: .*\\); expected a readable neo4j.conf-style file of key=value lines; check the path given to --conf$`),
        );
        return true;
      },
    );
  });

  it('names a directory given as the file', () => {
    assert.throws(() => readSettingsFile(dir), (error: unknown) => error instanceof SettingsError && /EISDIR/.test(error.message));
  });
});
