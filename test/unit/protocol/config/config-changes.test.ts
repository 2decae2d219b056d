import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configChanges } from '../../../../protocol/config/config-changes.js';
import { parseProxyConfig } from '../../../../proxy/config/parse-proxy-config.js';

const base = `cluster:
  members:
    - { name: a, http: http://127.0.0.1:7481 }
    - { name: b, http: http://127.0.0.1:7482 }
  auth: { user: neo4j, password: one }
sharding:
  pins: [{ match: "^[A-I]", member: a }]
`;

function load(text: string) {
  return parseProxyConfig(text, 'proxy.yaml', {});
}

describe('configChanges', () => {
  it('finds nothing between two loads of the same file', () => {
    assert.deepEqual(configChanges(load(base), load(base)), []);
  });

  it('names each changed setting two levels deep, without values', () => {
    const changed = `${base}routing: { maxLagTx: 5 }\nlisten: { admin: 127.0.0.1:9475 }\n`.replace('password: one', 'password: two');
    assert.deepEqual(configChanges(load(base), load(changed)).sort(), ['cluster.auth', 'listen.admin', 'routing.maxLagTx']);
  });

  it('sees a changed pin pattern and a changed member list', () => {
    const changed = base.replace('^[A-I]', '^[A-J]').replace('7482', '7483');
    assert.deepEqual(configChanges(load(base), load(changed)).sort(), ['cluster.members', 'sharding.pins']);
  });

  it('works on any config object and lists the paths in the order of its keys', () => {
    interface Settings {
      listen: string;
      interval: number;
      cluster: { name: string; members: { name: string }[]; auth: { user: string; password: string } | undefined };
      alerts: { webhooks: string[] };
    }
    const before: Settings = { listen: '127.0.0.1:7490', interval: 1000, cluster: { name: 'a', members: [{ name: 'x' }], auth: undefined }, alerts: { webhooks: [] } };
    const after: Settings = { ...before, interval: 500, cluster: { ...before.cluster, members: [{ name: 'x' }, { name: 'y' }], auth: { user: 'u', password: 'p' } } };
    assert.deepEqual(configChanges(before, after), ['interval', 'cluster.members', 'cluster.auth']);
    assert.deepEqual(configChanges(after, before), ['interval', 'cluster.members', 'cluster.auth']);
  });
});
