import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProxyConfig } from '../../../../proxy/config/parse-proxy-config.js';
import { proxySettings } from '../../../../proxy/config/proxy-settings.js';
import { renderProxyYamlExample } from '../../../../proxy/config/render-proxy-yaml-example.js';
import { checkRenderedConfigExample } from '../../../support/rendered-config-example.js';

describe('conf/proxy.yaml', () => {
  const committed = checkRenderedConfigExample({
    file: 'conf/proxy.yaml',
    render: renderProxyYamlExample,
    settings: proxySettings,
    parse: parseProxyConfig,
    defaultsWithMember: 'cluster:\n  members:\n    - { name: instance1, http: http://127.0.0.1:7481, bolt: 127.0.0.1:7691 }\n',
  });

  it('parses with its commented-out examples uncommented', () => {
    const uncommented = committed
      .replace(/^( *)# for example:\n\1# (keys|pins):\n((?:\1# .*\n)+)/gm, '')
      .replace(/^( *)# (auth:|  user:|  password:)/gm, '$1$2');
    const config = parseProxyConfig(uncommented, 'conf/proxy.yaml', { GRAPHLB_PASSWORD: 'pw' });
    assert.deepEqual(config.cluster.auth, { user: 'neo4j', password: 'pw' });
  });
});
