import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../../protocol/config/config-error.js';
import { loadMonitorConfig } from '../../../../monitor/config/load-monitor-config.js';
import { MonitorConfigError } from '../../../../monitor/config/monitor-config-error.js';
import { parseMonitorConfig } from '../../../../monitor/config/parse-monitor-config.js';
import { parseProxyConfig } from '../../../../proxy/config/parse-proxy-config.js';
import { makeTempDir } from '../../../support/temp-dir.js';

// design.md section 6, with its `[...]` and `{...}` written out.
const designExample = `listen: 127.0.0.1:7490
interval: 1s
cluster: { flavor: ha, members: [{ name: instance1, http: http://127.0.0.1:7481 }, { name: instance2, http: http://127.0.0.1:7482 }], auth: { user: neo4j, password: \${GRAPHLB_PASSWORD} } }
thresholds: { lagTx: 1000, lagSeconds: 10 }
alerts:
  webhooks: [ http://127.0.0.1:9000/hook ]
  alertmanager: http://127.0.0.1:9093        # pushes to /api/v2/alerts
`;

const minimal = 'cluster:\n  members:\n    - { name: a, http: http://127.0.0.1:7481 }\n';

/** The MonitorConfigError `text` is refused with. */
function refusal(text: string, env: NodeJS.ProcessEnv = {}): MonitorConfigError {
  try {
    parseMonitorConfig(text, 'monitor.yaml', env);
  } catch (error) {
    assert.ok(error instanceof MonitorConfigError, `a MonitorConfigError, not ${String(error)}`);
    return error;
  }
  assert.fail('the file was accepted');
}

describe('parseMonitorConfig', () => {
  it('reads the design.md example into the exact typed configuration', () => {
    assert.deepEqual(parseMonitorConfig(designExample, 'monitor.yaml', { GRAPHLB_PASSWORD: 's3cret' }), {
      listen: { host: '127.0.0.1', port: 7490 },
      intervalMs: 1000,
      timeoutMs: 800,
      cluster: {
        name: 'graphlb',
        flavor: 'ha',
        members: [
          { name: 'instance1', http: 'http://127.0.0.1:7481' },
          { name: 'instance2', http: 'http://127.0.0.1:7482' },
        ],
        auth: { user: 'neo4j', password: 's3cret' },
      },
      thresholds: { lagTx: 1000, lagSeconds: 10 },
      alerts: { webhooks: ['http://127.0.0.1:9000/hook'], alertmanager: 'http://127.0.0.1:9093' },
    });
  });

  it('fills every omitted setting with its default', () => {
    assert.deepEqual(parseMonitorConfig(minimal, 'monitor.yaml', {}), {
      listen: { host: '127.0.0.1', port: 7490 },
      intervalMs: 1000,
      timeoutMs: 800,
      cluster: { name: 'graphlb', flavor: 'ha', members: [{ name: 'a', http: 'http://127.0.0.1:7481' }], auth: undefined },
      thresholds: { lagTx: 1000, lagSeconds: 10 },
      alerts: { webhooks: [], alertmanager: undefined },
    });
  });

  it('reads every setting when given, lagSeconds as seconds or a duration', () => {
    const text = `listen: "[::1]:0"\ninterval: 5s\ntimeout: 2s\ncluster:\n  name: prod\n  flavor: causal\n  members:\n    - { name: a, http: https://db.example:7473/, bolt: db.example:7687 }\nthresholds: { lagTx: 0, lagSeconds: 2m }\nalerts: { alertmanager: "https://am.example:9093/prefix/" }\n`;
    const config = parseMonitorConfig(text, 'monitor.yaml', {});
    assert.deepEqual(config.listen, { host: '::1', port: 0 });
    assert.equal(config.intervalMs, 5000);
    assert.equal(config.timeoutMs, 2000);
    assert.deepEqual(config.cluster.members, [{ name: 'a', http: 'https://db.example:7473' }]);
    assert.equal(config.cluster.name, 'prod');
    assert.equal(config.cluster.flavor, 'causal');
    assert.deepEqual(config.thresholds, { lagTx: 0, lagSeconds: 120 });
    assert.equal(config.alerts.alertmanager, 'https://am.example:9093/prefix');
    assert.equal(parseMonitorConfig(`${minimal}thresholds: { lagSeconds: 2.5 }\n`, 'm', {}).thresholds.lagSeconds, 2.5);
    assert.equal(parseMonitorConfig(`${minimal}thresholds: { lagSeconds: 500ms }\n`, 'm', {}).thresholds.lagSeconds, 0.5);
    assert.equal(parseMonitorConfig(`${minimal}thresholds: { lagSeconds: \${LAG} }\n`, 'm', { LAG: '30' }).thresholds.lagSeconds, 30);
  });

  it('accepts the proxy\'s cluster section as is (same shape in both files)', () => {
    const proxyFile = `cluster:\n  flavor: neo4j5\n  members:\n    - { name: instance1, http: http://127.0.0.1:7481, bolt: 127.0.0.1:7691 }\n  auth: { user: neo4j, password: \${PW} }\n`;
    const proxy = parseProxyConfig(proxyFile, 'proxy.yaml', { PW: 'pw' });
    const monitor = parseMonitorConfig(proxyFile, 'monitor.yaml', { PW: 'pw' });
    assert.equal(monitor.cluster.flavor, proxy.cluster.flavor);
    assert.deepEqual(monitor.cluster.auth, proxy.cluster.auth);
    assert.deepEqual(monitor.cluster.members, proxy.cluster.members.map((m) => ({ name: m.name, http: m.http.origin })));
  });

  it('loads from a file, naming the file in errors', () => {
    const temp = makeTempDir('monitor-config');
    try {
      const file = path.join(temp.dir, 'monitor.yaml');
      fs.writeFileSync(file, minimal);
      assert.equal(loadMonitorConfig(file, {}).cluster.members[0]!.name, 'a');
      fs.writeFileSync(file, `${minimal}interval: 1 s\n`);
      assert.throws(() => loadMonitorConfig(file, {}), { message: `${file}:4:11: interval: "1 s" is not a duration; expected a duration such as 500ms, 1s or 15s (units ms s m h d)` });
      assert.throws(
        () => loadMonitorConfig(path.join(temp.dir, 'missing.yaml'), {}),
        (error: unknown) => error instanceof MonitorConfigError && /missing\.yaml:1:1: cannot read the file .*; expected a readable YAML file, as in conf\/monitor\.yaml$/.test(error.message),
      );
    } finally {
      temp.remove();
    }
  });

  it('reads dashboards/compose/monitor.yaml (the compose stack\'s monitor)', () => {
    const file = new URL('../../../../dashboards/compose/monitor.yaml', import.meta.url);
    const config = parseMonitorConfig(fs.readFileSync(file, 'utf8'), 'dashboards/compose/monitor.yaml', { GRAPHLB_PASSWORD: 'pw' });
    assert.deepEqual(config.listen, { host: '0.0.0.0', port: 7490 });
    assert.deepEqual(config.cluster.members.map((m) => m.name), ['instance1', 'instance2', 'instance3']);
    assert.deepEqual(config.cluster.auth, { user: 'neo4j', password: 'pw' });
    assert.ok(config.alerts.alertmanager !== undefined);
  });
});

describe('parseMonitorConfig refuses, in one line with file:line:col, the key, the problem and what was expected', () => {
  it('an unknown key, suggesting the closest known one', () => {
    assert.equal(
      refusal(`${minimal}thresholds:\n  lagtx: 3\n`).message,
      'monitor.yaml:5:3: thresholds.lagtx: unknown key (did you mean "lagTx"?); expected one of lagTx, lagSeconds in thresholds',
    );
    assert.equal(
      refusal(`${minimal}intervall: 2s\n`).message,
      'monitor.yaml:4:1: intervall: unknown key (did you mean "interval"?); expected one of listen, interval, timeout, cluster, thresholds, alerts at the top level',
    );
    assert.match(refusal(`${minimal}alerts: { webhook: [] }\n`).message, /^monitor\.yaml:4:11: alerts\.webhook: unknown key \(did you mean "webhooks"\?\); expected one of webhooks, alertmanager in alerts$/);
  });

  it('a bad duration', () => {
    const error = refusal(`${minimal}interval: 1sec\n`);
    assert.equal(error.message, 'monitor.yaml:4:11: interval: "1sec" is not a duration; expected a duration such as 500ms, 1s or 15s (units ms s m h d)');
    assert.deepEqual([error.file, error.line, error.column, error.path], ['monitor.yaml', 4, 11, 'interval']);
    assert.ok(error instanceof ConfigError);
    assert.match(refusal(`${minimal}timeout: 800\n`).message, /^monitor\.yaml:4:10: timeout: 800 is not allowed; expected a duration/);
  });

  it('a timeout not below the interval, or zero', () => {
    assert.equal(
      refusal(`${minimal}interval: 1s\ntimeout: 1s\n`).message,
      'monitor.yaml:5:10: timeout: 1000 ms is not below interval (1000 ms); expected a duration such as 500ms, 1s or 15s (units ms s m h d), above 0 and below interval',
    );
    assert.match(refusal(`${minimal}interval: 500ms\n`).message, /^monitor\.yaml:1:1: timeout: 800 ms is not below interval \(500 ms\); expected/);
    assert.match(refusal(`${minimal}timeout: 0ms\n`).message, /^monitor\.yaml:4:10: timeout: 0 ms is not allowed; expected/);
  });

  it('a bad lagSeconds or lagTx', () => {
    assert.equal(
      refusal(`${minimal}thresholds: { lagSeconds: ten }\n`).message,
      'monitor.yaml:4:27: thresholds.lagSeconds: "ten" is not a number of seconds or a duration; expected a number of seconds >= 0 (10, 2.5) or a duration such as 10s',
    );
    assert.match(refusal(`${minimal}thresholds: { lagSeconds: -1 }\n`).message, /thresholds\.lagSeconds: -1 is not a number of seconds/);
    assert.match(refusal(`${minimal}thresholds: { lagTx: 1.5 }\n`).message, /^monitor\.yaml:4:22: thresholds\.lagTx: 1\.5 is not allowed; expected a whole number >= 0$/);
  });

  it('a bad URL, without echoing it', () => {
    const notUrl = refusal(`${minimal}alerts:\n  webhooks: [ "hooks.example/token-abc" ]\n`);
    assert.equal(notUrl.message, 'monitor.yaml:5:15: alerts.webhooks[0]: not an absolute URL (value not shown: URLs may hold tokens); expected an absolute http:// or https:// URL');
    assert.doesNotMatch(notUrl.message, /token-abc/);
    assert.equal(
      refusal(`${minimal}alerts: { alertmanager: "ftp://am:9093" }\n`).message,
      'monitor.yaml:4:25: alerts.alertmanager: a ftp: URL is not allowed; expected an absolute http:// or https:// URL',
    );
    assert.match(refusal(`${minimal}alerts: { webhooks: http://a:1/hook }\n`).message, /^monitor\.yaml:4:21: alerts\.webhooks: "http:\/\/a:1\/hook" is not allowed; expected a list of http\(s\) URLs$/);
  });

  it('missing or empty members, and a member without http', () => {
    assert.equal(refusal('cluster:\n  flavor: ha\n').message, 'monitor.yaml:2:3: cluster.members: missing; expected a list of at least one { name, http, bolt }');
    assert.equal(refusal('cluster:\n  members: []\n').message, 'monitor.yaml:2:12: cluster.members: the list is empty; expected a list of at least one { name, http, bolt }');
    assert.match(refusal('interval: 2s\n').message, /^monitor\.yaml:1:1: cluster\.members: missing; expected a list/);
    assert.match(refusal('cluster:\n  members:\n    - { name: a }\n').message, /^monitor\.yaml:3:7: cluster\.members\[0\]\.http: missing; expected an origin such as http:\/\/127\.0\.0\.1:7481$/);
    assert.match(
      refusal('cluster:\n  members:\n    - { name: a, http: http://x:1 }\n    - { name: a, http: http://y:1 }\n').message,
      /^monitor\.yaml:4:15: cluster\.members\[1\]\.name: "a" is used by an earlier member; expected a non-empty name, unique among the members$/,
    );
  });

  it('an unset environment variable, naming it and its line', () => {
    assert.equal(
      refusal(`${minimal}  auth: { user: neo4j, password: \${GRAPHLB_PASSWORD} }\n`).message,
      'monitor.yaml:4:34: cluster.auth.password: environment variable GRAPHLB_PASSWORD is not set; expected it set, or a literal value here',
    );
  });

  it('never echoes the password', () => {
    const literal = refusal(`${minimal}  auth: { user: neo4j, password: [hunter2] }\n`);
    assert.equal(literal.message, 'monitor.yaml:4:34: cluster.auth.password: invalid value (not shown: it is a secret); expected a password, best written as ${VARIABLE}');
    assert.doesNotMatch(literal.message, /hunter2/);
    const viaEnv = refusal(`${minimal}  auth: { user: neo4j, password: \${PW} }\ninterval: x\n`, { PW: 'hunter2' });
    assert.match(viaEnv.message, /^monitor\.yaml:5:11: interval:/);
    assert.doesNotMatch(viaEnv.message, /hunter2/);
    const syntax = refusal(`${minimal}  auth: { user: neo4j, password: hunter2\n`);
    assert.match(syntax.message, /YAML syntax error/);
    assert.doesNotMatch(syntax.message, /hunter2/);
  });

  it('an empty file, a YAML syntax error, a listen that is not host:port', () => {
    assert.equal(refusal('').message, 'monitor.yaml:1:1: the file is empty; expected a mapping with at least cluster.members');
    assert.match(refusal('cluster: [\n').message, /^monitor\.yaml:\d+:\d+: YAML syntax error: .+; expected valid YAML \(see conf\/monitor\.yaml\)$/);
    assert.equal(refusal(`${minimal}listen: { http: 127.0.0.1:7490 }\n`).message, 'monitor.yaml:4:9: listen: a mapping is not allowed; expected host:port, such as 127.0.0.1:7490');
  });

  it('every refusal is one line', () => {
    for (const text of ['', `${minimal}intervall: 1s\n`, 'cluster: [\n', `${minimal}alerts: { webhooks: [ "x y" ] }\n`]) {
      assert.doesNotMatch(refusal(text).message, /\n/);
    }
  });
});
