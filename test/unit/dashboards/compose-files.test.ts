/**
 * The files docker-compose.yml mounts into graphlb's containers are accepted by the
 * parsers of the parts that read them, and describe the same three members.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { composeEngineConf, composeMemberCount, composeMonitorYaml, composeProxyYaml } from '../../../dashboards/compose-files.js';
import { parseSettings } from '../../../engine/settings/load-settings.js';
import { checkSettingRules } from '../../../engine/settings/setting-rules.js';
import { parseProxyConfig } from '../../../proxy/config/parse-proxy-config.js';

describe('docker-compose configuration files', () => {
  it('each engine file is valid once the container appends ha.cluster_secret', () => {
    for (let i = 1; i <= composeMemberCount; i++) {
      const text = composeEngineConf(i);
      assert.doesNotMatch(text, /cluster_secret=/, 'no secret may be committed');
      const loaded = parseSettings(`${text}ha.cluster_secret=from-the-environment\n`, `instance${i}.conf`);
      checkSettingRules(loaded);
      assert.equal(loaded.values['dbms.mode'], 'HA');
      assert.equal(loaded.values['ha.server_id'], i);
    }
  });

  it('the proxy file is accepted by the proxy, with the password from the environment', () => {
    const config = parseProxyConfig(composeProxyYaml(), 'proxy.yaml', { GRAPHLB_PASSWORD: 'secret' });
    assert.deepEqual(
      config.cluster.members.map((member) => member.name),
      ['instance1', 'instance2', 'instance3'],
    );
    assert.equal(config.cluster.auth?.password, 'secret');
  });

  it('the monitor file has design.md\'s shape and the proxy\'s members and credentials', () => {
    const monitor = parse(composeMonitorYaml()) as Record<string, unknown>;
    const proxy = parse(composeProxyYaml()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(monitor), ['listen', 'interval', 'cluster', 'thresholds', 'alerts']);
    const members = (config: Record<string, unknown>): unknown =>
      (config['cluster'] as { members: { name: string; http: string }[] }).members.map(({ name, http }) => ({ name, http }));
    assert.deepEqual(members(monitor), members(proxy));
    assert.deepEqual((monitor['cluster'] as { auth: unknown }).auth, (proxy['cluster'] as { auth: unknown }).auth);
    assert.deepEqual(monitor['alerts'], { webhooks: [], alertmanager: 'http://alertmanager:9093' });
  });
});
