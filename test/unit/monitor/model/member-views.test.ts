import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { peerViews, summarizeView, viewsAgree } from '../../../../monitor/model/member-views.js';
import { recorded } from './recorded-rounds.js';

describe("the members' views", () => {
  const newMaster = recorded.reelected.find((s) => s.reading?.role === 'master')!;
  const nameOf = new Map([...recorded.steady].map((s) => [s.bean!.instanceId, s.instance]));

  it('name peers by configured name, and by server id until it is matched', () => {
    const views = peerViews(newMaster.bean!, nameOf);
    assert.deepEqual(views.map((v) => v.peer), ['member-1', 'member-2', 'member-3']);
    const killed = views.find((v) => v.peer === recorded.killed)!;
    assert.deepEqual([killed.role, killed.alive, killed.available], ['master', false, false], 'the recording: a dead master keeps haRole master');
    assert.equal(killed.heartbeatAgeSeconds, newMaster.bean!.instancesInCluster.find((i) => i.instanceId === killed.instanceId)!.lastHeartbeatMillis! / 1000);
    assert.deepEqual(peerViews(newMaster.bean!, new Map()).map((v) => v.peer), ['server-id:1', 'server-id:2', 'server-id:3']);
  });

  it('count only alive peers with haRole master as a view\'s master', () => {
    const summary = summarizeView(newMaster.instance, peerViews(newMaster.bean!, nameOf));
    assert.deepEqual(summary.masters, [newMaster.instance]);
    assert.deepEqual(summary.alive, recorded.reelected.map((s) => s.instance).sort());
  });

  it('agree when every summary is equal, and trivially with fewer than two', () => {
    const steady = recorded.steady.map((s) => summarizeView(s.instance, peerViews(s.bean!, nameOf)));
    assert.equal(viewsAgree(steady), true);
    assert.equal(viewsAgree([]), true);
    assert.equal(viewsAgree(steady.slice(0, 1)), true);
    const afterKill = summarizeView(newMaster.instance, peerViews(newMaster.bean!, nameOf));
    assert.equal(viewsAgree([...steady.slice(1), afterKill]), false);
  });
});
