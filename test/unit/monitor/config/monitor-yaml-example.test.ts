import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { monitorSettings } from '../../../../monitor/config/monitor-settings.js';
import { parseMonitorConfig } from '../../../../monitor/config/parse-monitor-config.js';
import { renderMonitorYamlExample } from '../../../../monitor/config/render-monitor-yaml-example.js';

const committed = fs.readFileSync(new URL('../../../../conf/monitor.yaml', import.meta.url), 'utf8');

describe('conf/monitor.yaml', () => {
  it('is what `npm run docs` generates from the settings table (run it when this fails)', () => {
    assert.equal(committed, renderMonitorYamlExample());
  });

  it('parses to the defaults, with the example member', () => {
    const member = 'cluster:\n  members:\n    - { name: instance1, http: http://127.0.0.1:7481 }\n';
    assert.deepEqual(parseMonitorConfig(committed, 'conf/monitor.yaml', {}), parseMonitorConfig(member, 'defaults', {}));
  });

  it('documents every setting of the table', () => {
    for (const setting of monitorSettings) {
      const key = setting.path.replace(/^.*[.\]]/, '');
      const heading = committed.includes(`# ${setting.path} <${setting.expected}>\n`);
      const underParent = committed.includes(`#   ${key} <${setting.expected}>`);
      assert.ok(heading || underParent, `${setting.path} is documented`);
    }
  });

  it('parses with its commented-out examples uncommented', () => {
    const uncommented = committed
      .replace(/^( *)# for example:\n\1# (webhooks):\n((?:\1# .*\n)+)/gm, (_whole, indent: string, key: string, items: string) => `${indent}${key}:\n${items.replace(/^( *)# /gm, '$1')}`)
      .replace(/^( *)webhooks: \[\]\n/m, '')
      .replace(/^( *)# (auth:|  user:|  password:|alertmanager:)/gm, '$1$2');
    const config = parseMonitorConfig(uncommented, 'conf/monitor.yaml', { GRAPHLB_PASSWORD: 'pw' });
    assert.deepEqual(config.cluster.auth, { user: 'neo4j', password: 'pw' });
    assert.deepEqual(config.alerts, { webhooks: ['http://127.0.0.1:9000/hook'], alertmanager: 'http://127.0.0.1:9093' });
  });
});
