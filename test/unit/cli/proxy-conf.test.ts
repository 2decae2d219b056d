import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderProxyConf } from '../../../cli/proxy-conf.js';
import { parseProxyConfig } from '../../../proxy/config/parse-proxy-config.js';

const members = [1, 2, 3].map((i) => ({ name: `instance${i}`, http: { host: i === 3 ? '0.0.0.0' : '127.0.0.1', port: 7480 + i }, bolt: { host: '127.0.0.1', port: 7690 + i } }));

describe('renderProxyConf', () => {
  it('writes a file the proxy accepts: design.md ports, flavor ha, one member per instance', () => {
    const config = parseProxyConfig(renderProxyConf(members, undefined), 'proxy.yaml', {});
    assert.deepEqual(config.listen, { http: { host: '127.0.0.1', port: 7474 }, bolt: { host: '127.0.0.1', port: 7687 }, admin: { host: '127.0.0.1', port: 7475 } });
    assert.equal(config.cluster.flavor, 'ha');
    assert.deepEqual(
      config.cluster.members.map((m) => [m.name, m.http.origin, m.bolt]),
      [
        ['instance1', 'http://127.0.0.1:7481', { host: '127.0.0.1', port: 7691 }],
        ['instance2', 'http://127.0.0.1:7482', { host: '127.0.0.1', port: 7692 }],
        ['instance3', 'http://127.0.0.1:7483', { host: '127.0.0.1', port: 7693 }],
      ],
    );
    assert.equal(config.cluster.auth, undefined);
  });

  it('names the password as ${GRAPHLB_PASSWORD} and never holds it', () => {
    const text = renderProxyConf(members, 'neo4j');
    assert.match(text, /auth: \{ user: neo4j, password: \$\{GRAPHLB_PASSWORD\} \}/);
    const config = parseProxyConfig(text, 'proxy.yaml', { GRAPHLB_PASSWORD: 'pw' });
    assert.deepEqual(config.cluster.auth, { user: 'neo4j', password: 'pw' });
  });
});
