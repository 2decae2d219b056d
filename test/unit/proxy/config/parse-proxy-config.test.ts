import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadProxyConfig } from '../../../../proxy/config/load-proxy-config.js';
import { parseProxyConfig } from '../../../../proxy/config/parse-proxy-config.js';
import { ProxyConfigError } from '../../../../proxy/config/proxy-config-error.js';
import { defaultReadProcedures } from '../../../../proxy/config/proxy-settings.js';
import { makeTempDir } from '../../../support/temp-dir.js';

const fullFile = `listen: { http: 0.0.0.0:8474, bolt: "[::1]:8687", admin: 127.0.0.1:8475 }
cluster:
  flavor: causal
  members:
    - { name: instance1, http: http://10.0.0.1:7481, bolt: 10.0.0.1:7691 }
    - { name: instance2, http: https://db2.example:7482/ }
  auth: { user: monitor, password: \${GRAPHLB_PASSWORD} }
health: { interval: 2s, timeout: 750ms, rise: 3, fall: 1 }
routing:
  reads: all
  balance: round-robin
  maxLagTx: 50
  writeHold: 1m
forwarding: { connectionsPerMember: 8, connectTimeout: 250ms, responseTimeout: 5m, idleTimeout: 4s, maxRequestBody: 512k }
sharding:
  keys:
    - header: X-Shard-Key
    - urlParam: shard
    - parameter: country
  vnodes: 40
  loadFactor: 0
  pins:
    - { match: "^[A-Ia-i]", member: instance1 }
readProcedures: [db.labels, custom.lookup]
`;

const minimal = 'cluster:\n  members:\n    - { name: a, http: http://127.0.0.1:7481 }\n';

/** The ProxyConfigError `text` is refused with. */
function refusal(text: string, env: NodeJS.ProcessEnv = {}): ProxyConfigError {
  try {
    parseProxyConfig(text, 'proxy.yaml', env);
  } catch (error) {
    assert.ok(error instanceof ProxyConfigError, `a ProxyConfigError, not ${String(error)}`);
    return error;
  }
  assert.fail('the file was accepted');
}

describe('parseProxyConfig', () => {
  it('reads a full file into the exact typed configuration', () => {
    const config = parseProxyConfig(fullFile, 'proxy.yaml', { GRAPHLB_PASSWORD: 's3cret' });
    const { sharding, ...rest } = config;
    assert.deepEqual(rest, {
      listen: { http: { host: '0.0.0.0', port: 8474 }, bolt: { host: '::1', port: 8687 }, admin: { host: '127.0.0.1', port: 8475 } },
      cluster: {
        flavor: 'causal',
        members: [
          { name: 'instance1', http: { host: '10.0.0.1', port: 7481, protocol: 'http:', origin: 'http://10.0.0.1:7481' }, bolt: { host: '10.0.0.1', port: 7691 } },
          { name: 'instance2', http: { host: 'db2.example', port: 7482, protocol: 'https:', origin: 'https://db2.example:7482' }, bolt: undefined },
        ],
        auth: { user: 'monitor', password: 's3cret' },
      },
      health: { intervalMs: 2000, timeoutMs: 750, rise: 3, fall: 1 },
      routing: { reads: 'all', balance: 'round-robin', maxLagTx: 50, writeHoldMs: 60_000 },
      forwarding: { connectionsPerMember: 8, connectTimeoutMs: 250, responseTimeoutMs: 300_000, idleTimeoutMs: 4000, maxRequestBodyBytes: 512 * 1024 },
      readProcedures: ['db.labels', 'custom.lookup'],
    });
    assert.deepEqual(sharding.keys, [
      { kind: 'header', name: 'X-Shard-Key' },
      { kind: 'urlParam', name: 'shard' },
      { kind: 'parameter', name: 'country' },
    ]);
    assert.equal(sharding.vnodes, 40);
    assert.equal(sharding.loadFactor, 0);
    assert.equal(sharding.pins.length, 1);
    assert.equal(sharding.pins[0]!.member, 'instance1');
    assert.ok(sharding.pins[0]!.match.test('germany') && sharding.pins[0]!.match.test('Italy') && !sharding.pins[0]!.match.test('Japan'));
  });

  it('fills every omitted setting with its default', () => {
    const config = parseProxyConfig(minimal, 'proxy.yaml', {});
    assert.deepEqual(config, {
      listen: { http: { host: '127.0.0.1', port: 7474 }, bolt: { host: '127.0.0.1', port: 7687 }, admin: { host: '127.0.0.1', port: 7475 } },
      cluster: {
        flavor: 'ha',
        members: [{ name: 'a', http: { host: '127.0.0.1', port: 7481, protocol: 'http:', origin: 'http://127.0.0.1:7481' }, bolt: undefined }],
        auth: undefined,
      },
      health: { intervalMs: 1000, timeoutMs: 500, rise: 2, fall: 2 },
      routing: { reads: 'slaves', balance: 'least-outstanding', maxLagTx: 1000, writeHoldMs: 15_000 },
      sharding: { keys: [], vnodes: 160, loadFactor: 1.25, pins: [] },
      forwarding: { connectionsPerMember: 128, connectTimeoutMs: 2000, responseTimeoutMs: 120_000, idleTimeoutMs: 30_000, maxRequestBodyBytes: 16 * 1024 * 1024 },
      readProcedures: defaultReadProcedures,
    });
    assert.ok(config.readProcedures.includes('dbms.components') && config.readProcedures.includes('db.relationshipTypes'));
  });

  it('reads sizes with k, m, g or as bare bytes, and refuses other forms', () => {
    assert.equal(parseProxyConfig(`${minimal}forwarding: { maxRequestBody: 2048 }\n`, 'proxy.yaml', {}).forwarding.maxRequestBodyBytes, 2048);
    assert.equal(parseProxyConfig(`${minimal}forwarding: { maxRequestBody: 1g }\n`, 'proxy.yaml', {}).forwarding.maxRequestBodyBytes, 1024 ** 3);
    assert.equal(
      refusal(`${minimal}forwarding: { maxRequestBody: 16 MB }\n`).message,
      'proxy.yaml:4:31: forwarding.maxRequestBody: "16 MB" is not a size; expected a size such as 512k or 16m (bytes; units k m g, 1k = 1024)',
    );
    assert.match(refusal(`${minimal}forwarding: { connectionsPerMember: 0 }\n`).message, /forwarding\.connectionsPerMember: 0 is not allowed; expected a whole number >= 1$/);
  });

  it('replaces ${VAR} from the environment, inside longer values and as numbers', () => {
    const text = `${minimal}listen: { http: "\${HOST}:\${PORT}" }\nrouting: { maxLagTx: \${LAG} }\n`;
    const config = parseProxyConfig(text, 'proxy.yaml', { HOST: '10.1.2.3', PORT: '9000', LAG: '7' });
    assert.deepEqual(config.listen.http, { host: '10.1.2.3', port: 9000 });
    assert.equal(config.routing.maxLagTx, 7);
  });

  it('loads from a file, naming the file in errors', () => {
    const temp = makeTempDir('proxy-config');
    try {
      const file = path.join(temp.dir, 'proxy.yaml');
      fs.writeFileSync(file, minimal);
      assert.equal(loadProxyConfig(file, {}).cluster.members[0]!.name, 'a');
      fs.writeFileSync(file, `${minimal}health: { rise: 0 }\n`);
      assert.throws(() => loadProxyConfig(file, {}), { message: `${file}:4:17: health.rise: 0 is not allowed; expected a whole number >= 1` });
      assert.throws(() => loadProxyConfig(path.join(temp.dir, 'missing.yaml'), {}), (error: unknown) => error instanceof ProxyConfigError && /missing\.yaml:1:1: cannot read the file/.test(error.message));
    } finally {
      temp.remove();
    }
  });
});

describe('parseProxyConfig refuses, with file:line:col, the key, the problem and what was expected', () => {
  it('a bad duration', () => {
    const error = refusal(`${minimal}health:\n  interval: 1 s\n`);
    assert.equal(error.message, 'proxy.yaml:5:13: health.interval: "1 s" is not a duration; expected a duration such as 500ms, 1s or 15s (units ms s m h d)');
    assert.deepEqual([error.file, error.line, error.column, error.path], ['proxy.yaml', 5, 13, 'health.interval']);
  });

  it('a bare number as a duration', () => {
    assert.match(refusal(`${minimal}routing: { writeHold: 15 }\n`).message, /^proxy\.yaml:4:23: routing\.writeHold: 15 is not allowed; expected a duration/);
  });

  it('an unknown key, suggesting the closest known one', () => {
    assert.equal(
      refusal(`${minimal}routing:\n  maxlag: 3\n`).message,
      'proxy.yaml:5:3: routing.maxlag: unknown key (did you mean "maxLagTx"?); expected one of reads, balance, maxLagTx, writeHold in routing',
    );
    assert.match(refusal(`${minimal}helth: {}\n`).message, /^proxy\.yaml:4:1: helth: unknown key \(did you mean "health"\?\); expected one of listen, cluster, health, routing, sharding, forwarding, readProcedures at the top level$/);
    assert.match(refusal(`cluster:\n  members:\n    - { name: a, htp: http://x:1 }\n`).message, /^proxy\.yaml:3:18: cluster\.members\[0\]\.htp: unknown key \(did you mean "http"\?\)/);
  });

  it('a value outside an enumeration', () => {
    assert.equal(refusal(`cluster:\n  flavor: neo4j4\n${minimal.slice('cluster:\n'.length)}`).message, 'proxy.yaml:2:11: cluster.flavor: "neo4j4" is not allowed; expected one of ha | causal | neo4j5');
    assert.match(refusal(`${minimal}routing: { balance: random }\n`).message, /^proxy\.yaml:4:21: routing\.balance: "random" is not allowed; expected one of least-outstanding \| round-robin$/);
  });

  it('missing or empty members', () => {
    assert.equal(refusal('cluster:\n  flavor: ha\n').message, 'proxy.yaml:2:3: cluster.members: missing; expected a list of at least one { name, http, bolt }');
    assert.equal(refusal('cluster:\n  members: []\n').message, 'proxy.yaml:2:12: cluster.members: the list is empty; expected a list of at least one { name, http, bolt }');
    assert.match(refusal('listen: {}\n').message, /^proxy\.yaml:1:1: cluster\.members: missing; expected a list/);
  });

  it('an unset environment variable, naming it and its line', () => {
    assert.equal(
      refusal(`${minimal}  auth: { user: neo4j, password: \${GRAPHLB_PASSWORD} }\n`).message,
      'proxy.yaml:4:34: cluster.auth.password: environment variable GRAPHLB_PASSWORD is not set; expected it set, or a literal value here',
    );
  });

  it('a bad regular expression in a pin', () => {
    assert.equal(
      refusal(`${minimal}sharding:\n  pins:\n    - { match: "[a-", member: a }\n`).message,
      'proxy.yaml:6:16: sharding.pins[0].match: not a valid regular expression (/[a-/: Unterminated character class); expected a JavaScript regular expression',
    );
  });

  it('a pin to an unknown member', () => {
    assert.equal(
      refusal(`${minimal}sharding:\n  pins:\n    - { match: "^a", member: instance9 }\n`).message,
      'proxy.yaml:6:30: sharding.pins[0].member: "instance9" is not a member (members: a); expected the name of one of cluster.members',
    );
  });

  it('a YAML syntax error', () => {
    const error = refusal('cluster:\n  members:\n    - { name: a, http: http://x:1\nhealth: {}\n');
    assert.match(error.message, /^proxy\.yaml:\d+:\d+: YAML syntax error: .+; expected valid YAML \(see conf\/proxy\.yaml\)$/);
    assert.equal(error.path, '');
    assert.equal(refusal('cluster: 1\ncluster: 2\n').line, 2);
  });

  it('the cross-checks: unique names, timeout below interval, rise/fall, vnodes, loadFactor', () => {
    const two = 'cluster:\n  members:\n    - { name: a, http: http://x:1 }\n    - { name: a, http: http://y:1 }\n';
    assert.equal(refusal(two).message, 'proxy.yaml:4:15: cluster.members[1].name: "a" is used by an earlier member; expected a non-empty name, unique among the members');
    assert.match(refusal(`${minimal}health: { interval: 1s, timeout: 1s }\n`).message, /^proxy\.yaml:4:34: health\.timeout: 1000 ms is not below health\.interval \(1000 ms\); expected/);
    assert.match(refusal(`${minimal}health: { fall: 0 }\n`).message, /health\.fall: 0 is not allowed; expected a whole number >= 1$/);
    assert.match(refusal(`${minimal}sharding: { vnodes: 0 }\n`).message, /sharding\.vnodes: 0 is not allowed; expected a whole number >= 1$/);
    assert.match(refusal(`${minimal}sharding: { loadFactor: 1 }\n`).message, /^proxy\.yaml:4:25: sharding\.loadFactor: 1 is not allowed; expected 0 \(off\) or a number > 1$/);
    assert.match(refusal(`${minimal}sharding: { keys: [{ header: a, urlParam: b }] }\n`).message, /sharding\.keys\[0\]: header and urlParam together; expected exactly one of header, urlParam, parameter per item$/);
  });

  it('bad addresses', () => {
    assert.match(refusal(`${minimal}listen: { http: localhost }\n`).message, /^proxy\.yaml:4:17: listen\.http: "localhost" is not an address; expected host:port/);
    assert.match(refusal('cluster:\n  members:\n    - { name: a, http: "127.0.0.1:7481" }\n').message, /^proxy\.yaml:3:24: cluster\.members\[0\]\.http: "127\.0\.0\.1:7481" is not an http\(s\):\/\/host:port origin; expected an origin/);
  });

  it('never echoes the password', () => {
    const error = refusal(`${minimal}  auth: { user: neo4j, password: [hunter2] }\n`);
    assert.equal(error.message, 'proxy.yaml:4:34: cluster.auth.password: invalid value (not shown: it is a secret); expected a password, best written as ${VARIABLE}');
    const viaEnv = refusal(`${minimal}  auth: { user: neo4j, password: \${PW} }\nhealth: { rise: x }\n`, { PW: 'hunter2' });
    assert.doesNotMatch(viaEnv.message, /hunter2/);
  });

  it('an empty file', () => {
    assert.equal(refusal('').message, 'proxy.yaml:1:1: the file is empty; expected a mapping with at least cluster.members');
  });
});
