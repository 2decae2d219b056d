/**
 * Each dashboard has the panels issue 6 lists, queries the provisioned datasource, and
 * the cluster dashboard marks re-elections.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dashboards } from '../../../dashboards/dashboards.js';
import { prometheusDatasourceUid } from '../../../dashboards/datasource.js';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

function dashboard(file: string): Dashboard {
  const found = dashboards()[file];
  assert.ok(found !== undefined, `no dashboard ${file}`);
  return found;
}

function titles(file: string): string[] {
  return (dashboard(file).panels ?? []).map((panel) => panel.title ?? '');
}

describe('dashboards', () => {
  it('graphlb / cluster has roles, masters, lag in tx and seconds, commits, heartbeats and members up', () => {
    assert.equal(dashboard('graphlb-cluster.json').title, 'graphlb / cluster');
    assert.deepEqual(titles('graphlb-cluster.json'), [
      'Roles over time',
      'Masters',
      'Member up',
      'Slave lag (transactions)',
      'Slave lag (seconds)',
      'Commits per second',
      'Heartbeat age',
    ]);
  });

  it('graphlb / cluster marks re-elections with a Prometheus annotation', () => {
    const annotations = dashboard('graphlb-cluster.json').annotations?.list ?? [];
    const reelections = annotations.find((annotation) => annotation.name === 'Re-elections');
    assert.ok(reelections !== undefined, 'no Re-elections annotation');
    assert.equal(reelections.enable, true);
    assert.equal(reelections.datasource?.uid, prometheusDatasourceUid);
    assert.match(String(reelections.expr), /graphlb_cluster_master_changes_total/);
  });

  it('graphlb / instance has a member variable and the per-instance panels', () => {
    const instance = dashboard('graphlb-instance.json');
    assert.equal(instance.title, 'graphlb / instance');
    const variable = instance.templating?.list?.find((entry) => entry.name === 'instance');
    assert.ok(variable !== undefined, 'no instance variable');
    assert.equal(variable.type, 'query');
    assert.deepEqual(titles('graphlb-instance.json'), [
      'Page cache hit ratio',
      'Page cache faults',
      'Page cache evictions',
      'Transactions',
      'Active transactions',
      'Ids in use',
      'Pull updates',
      'Network (transactions)',
      'Process memory',
      'Event-loop lag',
    ]);
    for (const panel of instance.panels ?? []) {
      for (const target of ('targets' in panel ? panel.targets ?? [] : []) as { expr?: string }[]) {
        assert.match(target.expr ?? '', /instance=~"\$instance"/, `${panel.title} ignores the member variable`);
      }
    }
  });

  it('graphlb / proxy has requests, latency, errors, write holds, shard share and member states', () => {
    assert.equal(dashboard('graphlb-proxy.json').title, 'graphlb / proxy');
    assert.deepEqual(titles('graphlb-proxy.json'), [
      'Requests by class and member',
      'Latency p50 / p99',
      'Errors',
      'Write holds',
      'Shard share',
      'Master known',
      'Member roles',
      'Member health',
    ]);
  });

  it('every panel and target queries the provisioned Prometheus datasource; uids are fixed and distinct', () => {
    const uids = new Set<string>();
    for (const [file, built] of Object.entries(dashboards())) {
      assert.ok(built.uid !== undefined && !uids.has(built.uid), `${file} has no uid or a duplicate one`);
      uids.add(built.uid);
      for (const panel of built.panels ?? []) {
        assert.ok('targets' in panel, `${file}: ${panel.title} is not a query panel`);
        assert.equal(panel.datasource?.uid, prometheusDatasourceUid, `${file}: ${panel.title}`);
        assert.ok((panel.targets ?? []).length > 0, `${file}: ${panel.title} has no query`);
        for (const target of (panel.targets ?? []) as { datasource?: { uid?: string } }[]) assert.equal(target.datasource?.uid, prometheusDatasourceUid, `${file}: ${panel.title}`);
      }
    }
  });
});
