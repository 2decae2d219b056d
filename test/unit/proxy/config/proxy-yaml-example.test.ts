import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseProxyConfig } from '../../../../proxy/config/parse-proxy-config.js';
import { proxySettings } from '../../../../proxy/config/proxy-settings.js';
import { renderProxyYamlExample } from '../../../../proxy/config/render-proxy-yaml-example.js';

const committed = fs.readFileSync(new URL('../../../../conf/proxy.yaml', import.meta.url), 'utf8');

describe('conf/proxy.yaml', () => {
  it('is what `npm run docs` generates from the settings table (run it when this fails)', () => {
    assert.equal(committed, renderProxyYamlExample());
  });

  it('parses to the defaults, with the example member', () => {
    const member = 'cluster:\n  members:\n    - { name: instance1, http: http://127.0.0.1:7481, bolt: 127.0.0.1:7691 }\n';
    assert.deepEqual(parseProxyConfig(committed, 'conf/proxy.yaml', {}), parseProxyConfig(member, 'defaults', {}));
  });

  it('documents every setting of the table', () => {
    for (const setting of proxySettings) {
      const key = setting.path.replace(/^.*[.\]]/, '');
      const heading = committed.includes(`# ${setting.path} <${setting.expected}>\n`);
      const underParent = committed.includes(`#   ${key} <${setting.expected}>`);
      assert.ok(heading || underParent, `${setting.path} is documented`);
    }
  });

  it('parses with its commented-out examples uncommented', () => {
    const uncommented = committed
      .replace(/^( *)# for example:\n\1# (keys|pins):\n((?:\1# .*\n)+)/gm, '')
      .replace(/^( *)# (auth:|  user:|  password:)/gm, '$1$2');
    const config = parseProxyConfig(uncommented, 'conf/proxy.yaml', { GRAPHLB_PASSWORD: 'pw' });
    assert.deepEqual(config.cluster.auth, { user: 'neo4j', password: 'pw' });
  });
});
