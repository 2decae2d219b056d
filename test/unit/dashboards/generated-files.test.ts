/**
 * The committed generated files (Grafana JSON, prometheus.yml, alertmanager.yml, the
 * compose configuration) are what their builders produce now: run `npm run dashboards`
 * after changing a builder.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { generatedFiles } from '../../../dashboards/generated-files.js';

const dashboardsDir = new URL('../../../dashboards/', import.meta.url);

describe('generated dashboard files', () => {
  for (const [relative, text] of generatedFiles()) {
    it(`dashboards/${relative} is up to date`, () => {
      const file = new URL(relative, dashboardsDir);
      assert.ok(fs.existsSync(file), `dashboards/${relative} is missing: run npm run dashboards`);
      assert.ok(fs.readFileSync(file, 'utf8') === text, `dashboards/${relative} is stale: run npm run dashboards and commit the result`);
    });
  }

  it('generates the three dashboards and the stack configuration', () => {
    assert.deepEqual([...generatedFiles().keys()].filter((name) => name.startsWith('grafana/')).sort(), [
      'grafana/graphlb-cluster.json',
      'grafana/graphlb-instance.json',
      'grafana/graphlb-proxy.json',
    ]);
  });
});
