import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monitorSettings } from '../../../../monitor/config/monitor-settings.js';
import { parseMonitorConfig } from '../../../../monitor/config/parse-monitor-config.js';
import { renderMonitorYamlExample } from '../../../../monitor/config/render-monitor-yaml-example.js';
import { checkRenderedConfigExample } from '../../../support/rendered-config-example.js';

describe('conf/monitor.yaml', () => {
  const committed = checkRenderedConfigExample({
    file: 'conf/monitor.yaml',
    render: renderMonitorYamlExample,
    settings: monitorSettings,
    parse: parseMonitorConfig,
    defaultsWithMember: 'cluster:\n  members:\n    - { name: instance1, http: http://127.0.0.1:7481 }\n',
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
