import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseSettings } from '../../../engine/settings/load-settings.js';
import { settingDefinitions, settingNames } from '../../../engine/settings/setting-definitions.js';
import { renderNeo4jConf } from '../../../engine/settings/settings-documentation.js';

const committed = fs.readFileSync(new URL('../../../conf/neo4j.conf', import.meta.url), 'utf8');

describe('conf/neo4j.conf', () => {
  it('is what `npm run docs` generates from the settings table (run it when this fails)', () => {
    assert.equal(committed, renderNeo4jConf());
  });

  it('documents every setting, with its default or an example', () => {
    for (const name of settingNames) {
      const definition = settingDefinitions[name];
      assert.ok(committed.includes(`\n# ${name} ${definition.type.syntax}\n`), `${name} has a heading`);
      assert.ok(committed.includes(`\n#${name}=${definition.example}\n`), `${name} has its example line`);
    }
  });

  it('parses with every setting line uncommented', () => {
    const uncommented = committed.replace(/^#([a-z]+\.[a-z_.]+=)/gm, '$1');
    const loaded = parseSettings(uncommented, 'conf/neo4j.conf');
    assert.equal(loaded.sources.size, settingNames.length);
    assert.equal(loaded.values['dbms.pagecache.memory'], 512 * 1024 * 1024);
  });
});
