/**
 * The cluster model on rounds built from readings recorded from a real 3-member cluster:
 * each scenario feeds rounds one second apart and checks the events of every round.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterModel, type ClusterThresholds } from '../../../../monitor/model/cluster-model.js';
import type { ClusterEvent } from '../../../../monitor/model/cluster-event.js';
import type { MemberScrape } from '../../../../monitor/model/member-scrape.js';
import { change, down, members, of, recorded, withEpoch, withPeer, withRole, withTxId } from './recorded-rounds.js';

const oldMaster = recorded.killed;
const newMaster = recorded.reelected.find((s) => s.reading?.role === 'master')!.instance;
const steadyTx = of(recorded.steady, oldMaster).reading!.lastCommittedTxId!;

function start(thresholds: Partial<ClusterThresholds> = {}, history?: { masterTxChanges?: number; events?: number }) {
  const model = new ClusterModel({ members, thresholds: { lagTx: 1000, lagSeconds: 10, ...thresholds }, cluster: 'test', history });
  let now = 1_000_000;
  return {
    model,
    get now(): number {
      return now;
    },
    round(round: readonly MemberScrape[], stepMs = 1000): ClusterEvent[] {
      now += stepMs;
      return model.update(round, now);
    },
  };
}

function names(events: readonly ClusterEvent[]): string[] {
  return events.map((e) => (('instance' in e && e.instance !== undefined) ? `${e.event} ${e.instance}` : e.event));
}

function only<E extends ClusterEvent['event']>(events: readonly ClusterEvent[], event: E): Extract<ClusterEvent, { event: E }> {
  const found = events.filter((e) => e.event === event);
  assert.equal(found.length, 1, `exactly one ${event} in ${JSON.stringify(names(events))}`);
  return found[0] as Extract<ClusterEvent, { event: E }>;
}

describe('the cluster model', () => {
  it('the recording is what the scenarios assume: one master of three, killed, a survivor elected', () => {
    assert.deepEqual(recorded.steady.map((s) => s.instance), members);
    assert.deepEqual(recorded.steady.filter((s) => s.reading?.role === 'master').map((s) => s.instance), [oldMaster]);
    assert.notEqual(newMaster, oldMaster);
    assert.ok(recorded.reelected.every((s) => s.instance !== oldMaster));
    assert.ok(recorded.electing.length > 0, 'the recording caught the round with no master');
    assert.ok(recorded.electing.every((s) => s.reading?.role !== 'master'));
  });

  it('sees a steady cluster without events, with roles, zero lag, epoch and agreeing views', () => {
    const run = start();
    for (let i = 0; i < 10; i++) assert.deepEqual(names(run.round(recorded.steady)), [], `round ${i}`);
    const state = run.model.snapshot();
    assert.equal(state.cluster, 'test');
    assert.equal(state.rounds, 10);
    assert.equal(state.at, run.now);
    assert.equal(state.master, oldMaster);
    assert.deepEqual(state.masters, [oldMaster]);
    assert.equal(state.epoch, 1);
    assert.equal(state.viewsAgree, true);
    assert.equal(state.masterChanges, 0);
    assert.deepEqual(state.lastEvents, []);
    for (const member of state.members) {
      assert.equal(member.up, true);
      assert.equal(member.available, true);
      assert.equal(member.role, member.instance === oldMaster ? 'master' : 'slave');
      assert.equal(member.lastCommittedTxId, steadyTx);
      assert.equal(member.lagTx, 0);
      assert.equal(member.lagSeconds, 0);
      assert.equal(member.lagHigh, false);
      assert.equal(member.instanceId, member.instance.replace('member-', ''));
      assert.deepEqual(member.views.map((v) => [v.peer, v.alive]), members.map((m) => [m, true]));
      assert.equal(member.views.find((v) => v.peer === member.instance)?.heartbeatAgeSeconds, 0);
    }
    assert.doesNotThrow(() => JSON.stringify(state));
  });

  it('reports a master kill: member_down and no_master once, then master_reelected with from, to and epoch', () => {
    const run = start();
    run.round(recorded.steady);
    const electing = [...recorded.electing, down(oldMaster)];
    const first = run.round(electing);
    assert.deepEqual(names(first), [`member_down ${oldMaster}`, 'no_master']);
    assert.equal(only(first, 'no_master').lastMaster, oldMaster);
    assert.match(only(first, 'member_down').message, new RegExp(`${oldMaster} did not answer .*ECONNREFUSED.*it was master`));
    assert.equal(first[0]!.snapshot.master, null);
    assert.deepEqual(names(run.round(electing)), [], 'an ongoing episode emits nothing');

    const reelected = [...recorded.reelected, down(oldMaster)];
    const events = run.round(reelected);
    assert.deepEqual(names(events), [`master_reelected ${newMaster}`, `heartbeat_missed ${oldMaster}`]);
    const event = only(events, 'master_reelected');
    assert.equal(event.from, oldMaster);
    assert.equal(event.to, newMaster);
    assert.equal(event.epoch, 2);
    assert.equal(event.previousEpoch, 1);
    assert.equal(event.message, `${newMaster} is the new master (epoch 2), replacing ${oldMaster}.`);
    assert.equal(event.snapshot.master, newMaster);
    assert.equal(event.snapshot.masterChanges, 1);
    assert.equal(event.snapshot.epoch, 2);
    assert.equal(event.snapshot.viewsAgree, true, 'both survivors see the new master and the old one dead');
    const missed = only(events, 'heartbeat_missed');
    assert.deepEqual(missed.observers.map((o) => [o.observer, o.alive]), recorded.reelected.map((s) => [s.instance, false]));
    assert.deepEqual(names(run.round(reelected)), []);
    assert.deepEqual(run.model.snapshot().lastEvents.map((e) => e.event), ['member_down', 'no_master', 'master_reelected', 'heartbeat_missed']);
    const killed = run.model.snapshot().members.find((m) => m.instance === oldMaster)!;
    assert.deepEqual([killed.up, killed.role, killed.available, killed.lagTx], [false, 'down', false, null]);
  });

  it('reports a direct change of master, and a master re-elected with a higher epoch, but not the first master or the same one back', () => {
    const run = start();
    const noMaster = change(recorded.steady, oldMaster, (s) => withRole(s, 'unknown'));
    assert.deepEqual(names(run.round(noMaster)), ['no_master'], 'no master in the first round');
    assert.deepEqual(names(run.round(recorded.steady)), [], 'the first master seen is no re-election');
    assert.deepEqual(names(run.round(noMaster)), ['no_master']);
    assert.deepEqual(names(run.round(recorded.steady)), [], 'the same master back with the same epoch');

    const reelectedItself = recorded.steady.map((s) => withEpoch(s, 2));
    const itself = only(run.round(reelectedItself), 'master_reelected');
    assert.deepEqual([itself.from, itself.to, itself.epoch, itself.previousEpoch], [oldMaster, oldMaster, 2, 1]);
    assert.equal(itself.message, `${oldMaster} was re-elected master (epoch 2).`);

    const switched = change(change(reelectedItself, oldMaster, (s) => withRole(s, 'slave')), newMaster, (s) => withEpoch(withRole(s, 'master'), 3));
    const direct = only(run.round(switched), 'master_reelected');
    assert.deepEqual([direct.from, direct.to, direct.epoch], [oldMaster, newMaster, 3]);
    assert.deepEqual(names(run.round(switched)), []);
    assert.equal(run.model.snapshot().masterChanges, 2);
  });

  it('reports split brain once per episode, and the master that wins it', () => {
    const run = start();
    run.round(recorded.steady);
    const split = change(recorded.steady, newMaster, (s) => withRole(s, 'master'));
    const events = run.round(split);
    assert.deepEqual(names(events), ['split_brain']);
    assert.deepEqual(only(events, 'split_brain').masters, [oldMaster, newMaster]);
    assert.match(events[0]!.message, /2 members answer as master at once/);
    assert.equal(events[0]!.snapshot.master, null);
    assert.deepEqual(events[0]!.snapshot.members.map((m) => m.lagTx), [null, null, null], 'no lag without a single master');
    assert.deepEqual(names(run.round(split)), []);
    assert.deepEqual(names(run.round(recorded.steady)), [], 'the old master kept it');
    assert.deepEqual(names(run.round(split)), ['split_brain'], 'a new episode');
    const won = change(split, oldMaster, (s) => withRole(s, 'slave'));
    const reelected = only(run.round(won), 'master_reelected');
    assert.deepEqual([reelected.from, reelected.to], [oldMaster, newMaster]);
  });

  it('reports a slave lagging beyond lagTx and its recovery once both are back under', () => {
    const run = start({ lagTx: 10, lagSeconds: 5 });
    const lagging = members.find((m) => m !== oldMaster)!;
    const at = (masterTx: number, slaveTx: number) =>
      recorded.steady.map((s) => withTxId(s, s.instance === oldMaster ? masterTx : s.instance === lagging ? slaveTx : masterTx));
    assert.deepEqual(names(run.round(at(100, 100))), []);
    // The master commits 4 per round; the slave stays at 100: lag 4, 8, 12 tx and 0, 1, 2 s.
    assert.deepEqual(names(run.round(at(104, 100))), []);
    assert.deepEqual(names(run.round(at(108, 100))), []);
    const high = run.round(at(112, 100));
    assert.deepEqual(names(high), [`lag_high ${lagging}`]);
    const event = only(high, 'lag_high');
    assert.deepEqual([event.lagTx, event.lagSeconds, event.lagSecondsLowerBound, event.master], [12, 2, false, oldMaster]);
    assert.equal(event.message, `${lagging} is 12 transactions and 2.0 s behind the master ${oldMaster} (thresholds: 10 transactions or 5 s); its reads are stale.`);
    assert.equal(event.snapshot.members.find((m) => m.instance === lagging)?.lagHigh, true);
    assert.deepEqual(names(run.round(at(116, 100))), [], 'still high: once per episode');
    // Back to 10 tx behind; the oldest missing transaction (107) arrived with tx 108, first seen in round 3: 3 s, under both.
    const recovered = run.round(at(116, 106));
    assert.deepEqual(names(recovered), [`lag_recovered ${lagging}`]);
    assert.deepEqual([only(recovered, 'lag_recovered').lagTx, only(recovered, 'lag_recovered').lagSeconds], [10, 3]);
    assert.deepEqual(names(run.round(at(116, 116))), []);
    const state = run.model.snapshot().members.find((m) => m.instance === lagging)!;
    assert.deepEqual([state.lagTx, state.lagSeconds, state.lagHigh], [0, 0, false]);
  });

  it('reports a slave lagging beyond lagSeconds with few transactions, and recovers only when both are under', () => {
    const run = start({ lagTx: 10, lagSeconds: 5 });
    const lagging = members.find((m) => m !== oldMaster)!;
    const at = (masterTx: number, slaveTx: number) =>
      recorded.steady.map((s) => withTxId(s, s.instance === lagging ? slaveTx : masterTx));
    run.round(at(100, 100));
    // One commit per round, the slave stuck at 100: at round k (k >= 1) 1 x k tx and k - 1 s behind.
    const seen: string[][] = [];
    for (let k = 1; k <= 8; k++) seen.push(names(run.round(at(100 + k, 100))));
    // 6 tx (under 10) and 6 s (over 5) at round 7: the seconds alone make it high.
    assert.deepEqual(seen, [[], [], [], [], [], [], [`lag_high ${lagging}`], []]);
    const state = run.model.snapshot().members.find((m) => m.instance === lagging)!;
    assert.deepEqual([state.lagTx, state.lagSeconds, state.lagHigh], [8, 7, true]);
    // 6 tx behind (under) but the oldest missing one (103, first seen in round 3) is 6 s old: not recovered.
    assert.deepEqual(names(run.round(at(108, 102))), []);
    // At 107 of 109: the oldest missing transaction, 108, was first seen 2 rounds ago: both under.
    const recovered = run.round(at(109, 107));
    assert.deepEqual(names(recovered), [`lag_recovered ${lagging}`]);
    assert.deepEqual([only(recovered, 'lag_recovered').lagTx, only(recovered, 'lag_recovered').lagSeconds], [2, 2]);
  });

  it('measures a slave one commit behind after a quiet spell by that commit, and one behind since start as a lower bound', () => {
    const run = start();
    const lagging = members.find((m) => m !== oldMaster)!;
    const at = (masterTx: number, slaveTx: number) => recorded.steady.map((s) => withTxId(s, s.instance === lagging ? slaveTx : masterTx));
    const behindFromStart = run.round(at(100, 40))[0];
    assert.equal(behindFromStart, undefined);
    let state = run.model.snapshot().members.find((m) => m.instance === lagging)!;
    assert.deepEqual([state.lagTx, state.lagSeconds, state.lagSecondsLowerBound], [60, 0, true], 'the master was past 40 before the monitor started');
    run.round(at(100, 40), 4000);
    state = run.model.snapshot().members.find((m) => m.instance === lagging)!;
    assert.deepEqual([state.lagSeconds, state.lagSecondsLowerBound], [4, true]);
    for (let i = 0; i < 60; i++) run.round(at(100, 100));
    run.round(at(101, 100));
    run.round(at(101, 100), 500);
    state = run.model.snapshot().members.find((m) => m.instance === lagging)!;
    assert.deepEqual([state.lagTx, state.lagSeconds, state.lagSecondsLowerBound], [1, 0.5, false], 'stale since tx 101, not since the master was last at 100');
  });

  it('keeps a lag episode through a down member and ends it when the lagging member becomes master', () => {
    const run = start({ lagTx: 10, lagSeconds: 5 });
    const lagging = members.find((m) => m !== oldMaster)!;
    run.round(recorded.steady.map((s) => withTxId(s, 100)));
    assert.deepEqual(names(run.round(recorded.steady.map((s) => withTxId(s, s.instance === lagging ? 50 : 100)))), [`lag_high ${lagging}`]);
    assert.deepEqual(names(run.round(change(recorded.steady.map((s) => withTxId(s, 100)), lagging, () => down(lagging)))), [`member_down ${lagging}`]);
    assert.equal(run.model.snapshot().members.find((m) => m.instance === lagging)?.lagHigh, true, 'lag unknown while down: the episode goes on');
    const promoted = change(
      change(recorded.steady.map((s) => withTxId(s, s.instance === lagging ? 50 : 100)), oldMaster, () => down(oldMaster)),
      lagging,
      (s) => withEpoch(withRole(withTxId(s, 50), 'master'), 2),
    ).map((s) => (s.instance === lagging || !s.ok ? s : withRole(s, 'slave')));
    const events = run.round(promoted);
    assert.deepEqual(names(events).sort(), [`lag_recovered ${lagging}`, `master_reelected ${lagging}`, `member_down ${oldMaster}`, `member_up ${lagging}`].sort());
    const other = events[0]!.snapshot.members.find((m) => m.instance !== lagging && m.instance !== oldMaster)!;
    assert.equal(other.lagTx, 0, 'a member ahead of the master (a branch) is not behind');
  });

  it('reports views disagreeing once per episode after two rounds, and not for one round', () => {
    const run = start();
    run.round(recorded.steady);
    const observer = members.find((m) => m !== oldMaster)!;
    const masterId = of(recorded.steady, oldMaster).bean!.instanceId;
    const otherId = of(recorded.steady, members.find((m) => m !== oldMaster && m !== observer)!).bean!.instanceId;
    // The observer sees the other slave as master: a view that disagrees while every peer stays alive.
    const disagreeing = change(recorded.steady, observer, (s) => withPeer(withPeer(s, masterId, { haRole: 'slave' }), otherId, { haRole: 'master' }));
    const once = run.round(disagreeing);
    assert.deepEqual(names(once), []);
    assert.equal(once.length, 0);
    assert.equal(run.model.snapshot().viewsAgree, false);
    assert.deepEqual(names(run.round(recorded.steady)), [], 'one round of disagreement is an election seen at different moments');
    assert.equal(run.model.snapshot().viewsAgree, true);
    assert.deepEqual(names(run.round(disagreeing)), []);
    const events = run.round(disagreeing);
    assert.deepEqual(names(events), ['views_disagree']);
    const event = only(events, 'views_disagree');
    assert.deepEqual(event.views.find((v) => v.observer === observer)?.masters, [members.find((m) => m !== oldMaster && m !== observer)]);
    assert.deepEqual(event.views.find((v) => v.observer === oldMaster)?.masters, [oldMaster]);
    assert.match(event.message, /disagree about the cluster for 2 rounds: .* sees master /);
    assert.deepEqual(names(run.round(disagreeing)), []);
    run.round(recorded.steady);
    const strict = start({ viewsDisagreeRounds: 1 });
    strict.round(recorded.steady);
    assert.deepEqual(names(strict.round(disagreeing)), ['views_disagree']);
  });

  it('sees views disagree on the alive members, and a peer missed by one observer', () => {
    const run = start({ viewsDisagreeRounds: 1 });
    run.round(recorded.steady);
    const observer = members.find((m) => m !== oldMaster)!;
    const cutOff = members.find((m) => m !== oldMaster && m !== observer)!;
    const cutOffId = of(recorded.steady, cutOff).bean!.instanceId;
    const round = change(recorded.steady, observer, (s) => withPeer(s, cutOffId, { alive: false, lastHeartbeatMillis: 4200 }));
    const events = run.round(round);
    assert.deepEqual(names(events), [`heartbeat_missed ${cutOff}`, 'views_disagree']);
    const missed = only(events, 'heartbeat_missed');
    assert.deepEqual(missed.observers, [{ observer, alive: false, heartbeatAgeSeconds: 4.2 }]);
    assert.equal(missed.message, `${observer} misses the heartbeats of ${cutOff} (last heard 4.2 s ago); ${cutOff} is cut off or stopped.`);
    assert.deepEqual(names(run.round(round)), []);
    assert.deepEqual(names(run.round(recorded.steady)), []);
    assert.deepEqual(names(run.round(round)), [`heartbeat_missed ${cutOff}`, 'views_disagree'], 'each episode once');
  });

  it('reports a peer heard from too long ago only with thresholds.heartbeatSeconds', () => {
    const observer = members.find((m) => m !== oldMaster)!;
    const masterId = of(recorded.steady, oldMaster).bean!.instanceId;
    const slow = change(recorded.steady, observer, (s) => withPeer(s, masterId, { lastHeartbeatMillis: 2500 }));
    const lenient = start();
    lenient.round(recorded.steady);
    assert.deepEqual(names(lenient.round(slow)), []);
    const strict = start({ heartbeatSeconds: 2 });
    strict.round(recorded.steady);
    const events = strict.round(slow);
    assert.deepEqual(names(events), [`heartbeat_missed ${oldMaster}`]);
    assert.deepEqual(only(events, 'heartbeat_missed').observers, [{ observer, alive: true, heartbeatAgeSeconds: 2.5 }]);
    assert.deepEqual(names(strict.round(change(recorded.steady, observer, (s) => withPeer(s, masterId, { lastHeartbeatMillis: 2000 })))), [], 'at the bound is not above it');
    assert.deepEqual(names(strict.round(slow)), [`heartbeat_missed ${oldMaster}`]);
  });

  it('emits each edge of a flapping member once, and a member down from the start', () => {
    const run = start();
    const flapping = members.find((m) => m !== oldMaster)!;
    const isDown = change(recorded.steady, flapping, () => down(flapping, 'GET /db/manage/server/ha/available timed out after 2000 ms'));
    const pattern = [isDown, recorded.steady, isDown, isDown, recorded.steady, recorded.steady, isDown, recorded.steady];
    const seen = pattern.map((round) => names(run.round(round)));
    assert.deepEqual(seen, [
      [`member_down ${flapping}`],
      [`member_up ${flapping}`],
      [`member_down ${flapping}`],
      [],
      [`member_up ${flapping}`],
      [],
      [`member_down ${flapping}`],
      [`member_up ${flapping}`],
    ]);
    const events = run.model.snapshot().lastEvents;
    const up = events[events.length - 1]!;
    assert.equal(up.event === 'member_up' && up.downSeconds, 1);
    assert.equal(up.message, `${flapping} answers again, as slave, after 1.0 s down.`);
    const downEvent = events.find((e) => e.event === 'member_down');
    assert.equal(downEvent?.event === 'member_down' && downEvent.error, 'GET /db/manage/server/ha/available timed out after 2000 ms');
    const downState = start();
    downState.round(isDown);
    assert.equal(downState.model.snapshot().members.find((m) => m.instance === flapping)?.error, 'GET /db/manage/server/ha/available timed out after 2000 ms');
  });

  it('counts a member missing from a round as down, and reads the tx id from the bean or the metrics when the reading lacks it', () => {
    const run = start();
    const missing = members.find((m) => m !== oldMaster)!;
    const events = run.round(recorded.steady.filter((s) => s.instance !== missing));
    assert.deepEqual(names(events), [`member_down ${missing}`]);
    assert.equal(only(events, 'member_down').error, 'not scraped in this round');
    const noReadingTx = recorded.steady.map((s) => ({ ...s, reading: { ...s.reading!, lastCommittedTxId: undefined } }));
    run.round(noReadingTx);
    assert.deepEqual(run.model.snapshot().members.map((m) => m.lastCommittedTxId), [steadyTx, steadyTx, steadyTx]);
    const metricsOnly = recorded.steady.map((s) => ({ instance: s.instance, at: s.at, ok: true, reading: { ...s.reading!, lastCommittedTxId: undefined, epoch: undefined }, metrics: s.metrics }));
    run.round(metricsOnly);
    const state = run.model.snapshot();
    assert.deepEqual(state.members.map((m) => [m.lastCommittedTxId, m.lagTx, m.views.length]), members.map(() => [steadyTx, 0, 0]));
    assert.equal(state.epoch, null, 'Neo4j gives no epoch');
  });

  it('keeps the last events bounded, oldest first, and hands every event the snapshot', () => {
    const run = start({}, { events: 3 });
    const flapping = members.find((m) => m !== oldMaster)!;
    const isDown = change(recorded.steady, flapping, () => down(flapping));
    let last: ClusterEvent[] = [];
    for (let i = 0; i < 5; i++) last = run.round(i % 2 === 0 ? isDown : recorded.steady);
    const state = run.model.snapshot();
    assert.deepEqual(state.lastEvents.map((e) => e.event), ['member_down', 'member_up', 'member_down']);
    assert.equal(last[0]!.snapshot, state);
    assert.ok(state.lastEvents.every((e) => !('snapshot' in e)));
  });

  it('refuses bad options and rounds with a clear message', () => {
    assert.throws(() => new ClusterModel({ members: [], thresholds: { lagTx: 1, lagSeconds: 1 } }), /at least one member/);
    assert.throws(() => new ClusterModel({ members: ['a', 'a'], thresholds: { lagTx: 1, lagSeconds: 1 } }), /unique; got a, a/);
    assert.throws(() => new ClusterModel({ members, thresholds: { lagTx: -1, lagSeconds: 1 } }), /thresholds.lagTx must be a number of at least 0; got -1/);
    assert.throws(() => new ClusterModel({ members, thresholds: { lagTx: 1, lagSeconds: 1, viewsDisagreeRounds: 0 } }), /viewsDisagreeRounds must be an integer of at least 1/);
    const model = new ClusterModel({ members, thresholds: { lagTx: 1, lagSeconds: 1 } });
    assert.throws(() => model.update([down('member-9')], 1), /"member-9" is not for a configured member \(member-1, member-2, member-3\)/);
    assert.throws(() => model.update([down('member-1'), down('member-1')], 1), /scraped twice in one round/);
    const before = model.snapshot();
    assert.deepEqual([before.at, before.rounds, before.master], [null, 0, null]);
    assert.deepEqual(before.members.map((m) => [m.up, m.role, m.error]), members.map(() => [false, 'down', 'not scraped yet']));
  });
});

describe('ClusterModel.reconfigure (a reload)', () => {
  const third = members.find((m) => m !== oldMaster && m !== newMaster)!;

  it('keeps the trackers of members still configured: a member already down is not reported again, a re-election across it is detected', () => {
    const run = start();
    run.round(recorded.steady);
    const thirdDown = change(recorded.steady, third, () => down(third));
    assert.deepEqual(names(run.round(thirdDown)), [`member_down ${third}`]);

    run.model.reconfigure({ members: [...members, 'member-4'], thresholds: { lagTx: 1000, lagSeconds: 10 }, cluster: 'renamed' });
    const now = run.model.snapshot();
    assert.equal(now.cluster, 'renamed');
    assert.equal(now.master, oldMaster, 'the snapshot keeps what the last round saw until the next one');
    assert.deepEqual(now.members.map((m) => m.instance), [...members, 'member-4']);
    assert.deepEqual(now.members.map((m) => [m.up, m.error]).at(-1), [false, 'not scraped yet']);
    assert.equal(now.members.find((m) => m.instance === third)!.up, false);
    assert.deepEqual(now.lastEvents.map((e) => e.event), ['member_down']);

    const reelected = [...change(recorded.reelected, third, () => down(third)), down(oldMaster)];
    const events = run.round(reelected);
    assert.deepEqual(names(events).sort(), [`heartbeat_missed ${oldMaster}`, `master_reelected ${newMaster}`, `member_down ${oldMaster}`, 'member_down member-4'].sort());
    const event = only(events, 'master_reelected');
    assert.deepEqual([event.from, event.to, event.epoch, event.previousEpoch], [oldMaster, newMaster, 2, 1]);
    assert.equal(event.snapshot.masterChanges, 1);
    assert.equal(event.snapshot.cluster, 'renamed');
    assert.deepEqual(names(run.round(reelected)), []);
  });

  it('drops removed members from the snapshot at once, refuses rounds that still scrape them, and applies new thresholds from the next round', () => {
    const run = start();
    const lagging = change(recorded.steady, third, (s) => withTxId(s, steadyTx - 20));
    assert.deepEqual(names(run.round(lagging)), [], '20 transactions behind is under lagTx 1000');
    const kept = members.filter((m) => m !== newMaster);
    run.model.reconfigure({ members: kept, thresholds: { lagTx: 10, lagSeconds: 10 } });
    const state = run.model.snapshot();
    assert.deepEqual(state.members.map((m) => m.instance), kept);
    assert.equal(state.cluster, null);
    assert.throws(() => run.round(lagging), new RegExp(`"${newMaster}" is not for a configured member`));
    const round = lagging.filter((s) => s.instance !== newMaster);
    const high = only(run.round(round), 'lag_high');
    assert.deepEqual([high.instance, high.lagTx, high.thresholds], [third, 20, { lagTx: 10, lagSeconds: 10 }]);
    assert.deepEqual(high.snapshot.members.map((m) => m.instance), kept);

    run.model.reconfigure({ members: kept, thresholds: { lagTx: 100, lagSeconds: 10 } });
    assert.deepEqual(names(run.round(round)), [`lag_recovered ${third}`], 'the lag_high episode ends under the new thresholds');
  });

  it('a removed master leaves masters and master of the snapshot', () => {
    const run = start();
    run.round(recorded.steady);
    run.model.reconfigure({ members: members.filter((m) => m !== oldMaster), thresholds: { lagTx: 1000, lagSeconds: 10 } });
    const state = run.model.snapshot();
    assert.deepEqual([state.master, state.masters], [null, []]);
  });

  it('refuses bad options with the constructor\'s messages and changes nothing', () => {
    const run = start();
    run.round(recorded.steady);
    const before = run.model.snapshot();
    assert.throws(() => run.model.reconfigure({ members: [], thresholds: { lagTx: 1, lagSeconds: 1 } }), /at least one member/);
    assert.throws(() => run.model.reconfigure({ members: ['a', 'a'], thresholds: { lagTx: 1, lagSeconds: 1 } }), /unique; got a, a/);
    assert.throws(() => run.model.reconfigure({ members, thresholds: { lagTx: -1, lagSeconds: 1 } }), /thresholds.lagTx must be a number of at least 0/);
    assert.equal(run.model.snapshot(), before);
    assert.deepEqual(names(run.round(recorded.steady)), []);
  });
});
