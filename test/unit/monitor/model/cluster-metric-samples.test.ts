import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterModel } from '../../../../monitor/model/cluster-model.js';
import { clusterMetricSamples, type ClusterMetricSample } from '../../../../monitor/model/cluster-metric-samples.js';
import { monitorMetricDefinitions } from '../../../../monitor/metrics/monitor-metric-definitions.js';
import { change, down, members, of, recorded, withTxId } from './recorded-rounds.js';

function value(samples: readonly ClusterMetricSample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels));
  assert.ok(found.length <= 1, `one ${name} ${JSON.stringify(labels)} at most`);
  return found[0]?.value;
}

describe('the cluster metric samples', () => {
  const oldMaster = recorded.killed;
  const lagging = members.find((m) => m !== oldMaster)!;
  const gone = members.find((m) => m !== oldMaster && m !== lagging)!;

  function samplesAfterLag(): ClusterMetricSample[] {
    const model = new ClusterModel({ members, thresholds: { lagTx: 1000, lagSeconds: 10 } });
    model.update(recorded.steady.map((s) => withTxId(s, 100)), 1000);
    model.update(recorded.steady.map((s) => withTxId(s, s.instance === lagging ? 100 : 130)), 2000);
    const round = change(recorded.steady.map((s) => withTxId(s, s.instance === lagging ? 100 : 130)), gone, () => down(gone));
    model.update(round, 5000);
    return clusterMetricSamples(model.snapshot());
  }

  it('gives every graphlb_cluster_* value of the snapshot with its labels', () => {
    const samples = samplesAfterLag();
    assert.equal(value(samples, 'graphlb_cluster_masters'), 1);
    assert.equal(value(samples, 'graphlb_cluster_master_changes_total'), 0);
    assert.equal(value(samples, 'graphlb_cluster_views_agree'), 1);
    assert.equal(value(samples, 'graphlb_cluster_epoch'), 1);
    assert.equal(value(samples, 'graphlb_cluster_instance_up', { instance: gone }), 0);
    assert.equal(value(samples, 'graphlb_cluster_instance_up', { instance: lagging }), 1);
    assert.equal(value(samples, 'graphlb_cluster_role', { instance: oldMaster, role: 'master' }), 1);
    assert.equal(value(samples, 'graphlb_cluster_role', { instance: oldMaster, role: 'slave' }), 0);
    assert.equal(value(samples, 'graphlb_cluster_role', { instance: gone, role: 'down' }), 1);
    assert.equal(value(samples, 'graphlb_cluster_last_committed_tx_id', { instance: lagging }), 100);
    assert.equal(value(samples, 'graphlb_cluster_lag_transactions', { instance: lagging }), 30);
    assert.equal(value(samples, 'graphlb_cluster_lag_seconds', { instance: lagging }), 3);
    assert.equal(value(samples, 'graphlb_cluster_lag_transactions', { instance: oldMaster }), 0);
    const observerView = of(recorded.steady, lagging).bean!.instancesInCluster.find((i) => i.instanceId === of(recorded.steady, oldMaster).bean!.instanceId)!;
    assert.equal(value(samples, 'graphlb_cluster_heartbeat_age_seconds', { instance: lagging, peer: oldMaster }), observerView.lastHeartbeatMillis! / 1000);
    assert.equal(value(samples, 'graphlb_cluster_heartbeat_age_seconds', { instance: lagging, peer: lagging }), undefined, 'no age of a member for itself');
  });

  it('leaves out what is unknown: a down member has no tx id, lag or heartbeat ages', () => {
    const samples = samplesAfterLag();
    for (const name of ['graphlb_cluster_last_committed_tx_id', 'graphlb_cluster_lag_transactions', 'graphlb_cluster_lag_seconds']) {
      assert.equal(value(samples, name, { instance: gone }), undefined, name);
    }
    assert.ok(!samples.some((s) => s.name === 'graphlb_cluster_heartbeat_age_seconds' && s.labels['instance'] === gone));
  });

  it('uses only names and labels the monitor defines', () => {
    for (const sample of samplesAfterLag()) {
      const definition = monitorMetricDefinitions[sample.name];
      assert.ok(sample.name.startsWith('graphlb_cluster_'), sample.name);
      const labelNames: readonly string[] = 'labelNames' in definition ? definition.labelNames : [];
      assert.deepEqual(Object.keys(sample.labels).sort(), [...labelNames].sort(), sample.name);
    }
    const emitted = new Set(samplesAfterLag().map((s) => s.name));
    const defined = Object.keys(monitorMetricDefinitions).filter((name) => name.startsWith('graphlb_cluster_'));
    assert.deepEqual(defined.filter((name) => !emitted.has(name as never)), [], 'every graphlb_cluster_* metric has a value');
  });
});
