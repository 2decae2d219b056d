/**
 * The checks every committed example YAML rendered from a settings table gets
 * (conf/proxy.yaml, conf/monitor.yaml): it is what `npm run docs` renders now, it parses to
 * the defaults, and it documents every setting of the table. Call inside the file's
 * describe(); the committed text is returned for the checks of that file alone.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import type { ConfigSetting } from '../../protocol/config/config-setting.js';

export interface RenderedConfigExample {
  /** Relative to the repository root, such as `conf/monitor.yaml`. */
  readonly file: string;
  readonly render: () => string;
  readonly settings: readonly ConfigSetting[];
  readonly parse: (text: string, file: string, env: NodeJS.ProcessEnv) => unknown;
  /** The smallest file the example's defaults equal: its one example member. */
  readonly defaultsWithMember: string;
}

export function checkRenderedConfigExample(example: RenderedConfigExample): string {
  const committed = fs.readFileSync(new URL(`../../${example.file}`, import.meta.url), 'utf8');

  it('is what `npm run docs` generates from the settings table (run it when this fails)', () => {
    assert.equal(committed, example.render());
  });

  it('parses to the defaults, with the example member', () => {
    assert.deepEqual(example.parse(committed, example.file, {}), example.parse(example.defaultsWithMember, 'defaults', {}));
  });

  it('documents every setting of the table', () => {
    for (const setting of example.settings) {
      const key = setting.path.replace(/^.*[.\]]/, '');
      const heading = committed.includes(`# ${setting.path} <${setting.expected}>\n`);
      const underParent = committed.includes(`#   ${key} <${setting.expected}>`);
      assert.ok(heading || underParent, `${setting.path} is documented`);
    }
  });

  return committed;
}
