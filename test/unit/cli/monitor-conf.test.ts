import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMonitorConf } from '../../../cli/monitor-conf.js';
import { parseMonitorConfig } from '../../../monitor/config/parse-monitor-config.js';

const members = [1, 2, 3].map((i) => ({ name: `instance${i}`, http: { host: i === 3 ? '0.0.0.0' : '127.0.0.1', port: 7480 + i } }));

describe('renderMonitorConf', () => {
  it('writes a file the monitor accepts: port 7490, interval 1s, flavor ha, one member per instance', () => {
    const config = parseMonitorConfig(renderMonitorConf(members, undefined), 'monitor.yaml', {});
    assert.deepEqual(config.listen, { host: '127.0.0.1', port: 7490 });
    assert.equal(config.intervalMs, 1000);
    assert.equal(config.cluster.flavor, 'ha');
    assert.deepEqual(config.cluster.members, [
      { name: 'instance1', http: 'http://127.0.0.1:7481' },
      { name: 'instance2', http: 'http://127.0.0.1:7482' },
      // A wildcard listen address is scraped through the loopback interface.
      { name: 'instance3', http: 'http://127.0.0.1:7483' },
    ]);
    assert.equal(config.cluster.auth, undefined);
  });

  it('names the password as ${GRAPHLB_PASSWORD} and never holds it', () => {
    const text = renderMonitorConf(members, 'neo4j');
    assert.match(text, /auth: \{ user: neo4j, password: \$\{GRAPHLB_PASSWORD\} \}/);
    const config = parseMonitorConfig(text, 'monitor.yaml', { GRAPHLB_PASSWORD: 'pw-not-in-file' });
    assert.deepEqual(config.cluster.auth, { user: 'neo4j', password: 'pw-not-in-file' });
    assert.equal(text.includes('pw-not-in-file'), false);
  });

  it('is refused without GRAPHLB_PASSWORD when it asks for one, so up never starts a monitor that cannot log in', () => {
    assert.throws(() => parseMonitorConfig(renderMonitorConf(members, 'neo4j'), 'monitor.yaml', {}), /GRAPHLB_PASSWORD/);
  });
});
