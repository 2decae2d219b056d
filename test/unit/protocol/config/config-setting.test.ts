import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monitorSettings } from '../../../../monitor/config/monitor-settings.js';
import { ConfigError } from '../../../../protocol/config/config-error.js';
import { knownKeysAt, settingAt } from '../../../../protocol/config/config-setting.js';
import { proxySettings } from '../../../../proxy/config/proxy-settings.js';
import { ProxyConfigError } from '../../../../proxy/config/proxy-config-error.js';

describe('settings tables', () => {
  it('find a row by a path with list indices, and the keys of a mapping in table order', () => {
    assert.equal(settingAt(proxySettings, 'cluster.members[3].http')?.path, 'cluster.members[].http');
    assert.equal(settingAt(proxySettings, 'cluster.members[3]'), undefined);
    assert.deepEqual(knownKeysAt(proxySettings, ''), ['listen', 'cluster', 'health', 'routing', 'sharding', 'forwarding', 'readProcedures']);
    assert.deepEqual(knownKeysAt(proxySettings, 'cluster.members[]'), ['name', 'http', 'bolt']);
    assert.deepEqual(knownKeysAt(monitorSettings, 'cluster'), ['name', 'flavor', 'members', 'auth']);
    assert.deepEqual(knownKeysAt(monitorSettings, 'listen'), []);
  });

  it('give the proxy and the monitor the same cluster section, apart from the monitor\'s cluster.name', () => {
    const shape = (settings: typeof proxySettings) =>
      settings.filter((s) => s.path.startsWith('cluster.') && s.path !== 'cluster.name').map(({ description: _description, ...rest }) => rest);
    assert.deepEqual(shape(monitorSettings), shape(proxySettings));
    assert.deepEqual(
      [...proxySettings, ...monitorSettings].filter((s) => s.secret === true).map((s) => s.path),
      ['cluster.auth.password', 'cluster.auth.password'],
    );
  });
});

describe('ConfigError', () => {
  it('is one line: file:line:col: path: problem', () => {
    const error = new ProxyConfigError('p.yaml', 3, 7, 'health.rise', '0 is not allowed; expected a whole number >= 1');
    assert.ok(error instanceof ConfigError);
    assert.equal(error.name, 'ProxyConfigError');
    assert.equal(error.message, 'p.yaml:3:7: health.rise: 0 is not allowed; expected a whole number >= 1');
    assert.equal(new ConfigError('m.yaml', 1, 1, '', 'the file is empty').message, 'm.yaml:1:1: the file is empty');
  });
});
