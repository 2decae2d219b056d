import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HaCore, type HardState } from '../../../engine/ha/ha-core.js';
import type { HaConfig } from '../../../engine/ha/ha-config.js';
import type { HaMessage, HeartbeatMessage } from '../../../engine/ha/messages.js';

const TIMEOUT = 8;

function config(serverId: number): HaConfig {
  return { serverId, members: [1, 2, 3], slaveOnly: false, heartbeatIntervalTicks: 2, heartbeatTimeoutTicks: TIMEOUT, electionBackoffTicks: 4 };
}

function heartbeat(fields: Partial<HeartbeatMessage>): HeartbeatMessage {
  return { type: 'heartbeat', epoch: 0, role: 'pending', master: null, lastTxId: 0, slaveOnly: false, suspects: [], stamp: 0, echo: null, ...fields };
}

/** Drains Ready, returning what was in it. */
function drain(core: HaCore) {
  const ready = core.ready();
  core.advance();
  return ready;
}

function sent(core: HaCore, type: HaMessage['type']): HaMessage[] {
  return drain(core).messages.map((m) => m.message).filter((m) => m.type === type);
}

/** Member 1 of a fresh 3-member cluster, elected master of epoch 1 with both votes. */
function electedMaster(): HaCore {
  const core = new HaCore(config(1), undefined, () => 0);
  core.tick(TIMEOUT - 1);
  core.step(2, heartbeat({}));
  core.step(3, heartbeat({}));
  core.tick(1);
  core.step(2, { type: 'vote', epoch: 1, candidate: 1 });
  assert.equal(core.role, 'master');
  drain(core);
  return core;
}

describe('HaCore', () => {
  it('persists its vote in the same Ready that sends it', () => {
    const core = new HaCore(config(2), undefined, () => 0);
    core.tick(TIMEOUT - 1);
    core.step(1, heartbeat({}));
    core.step(3, heartbeat({}));
    core.tick(1);
    const ready = drain(core);
    assert.deepEqual(ready.hardState, { epoch: 0, votedFor: { epoch: 1, candidate: 1 } });
    assert.ok(ready.messages.some((m) => m.message.type === 'vote' && m.message.epoch === 1 && m.message.candidate === 1));
  });

  it('becomes master with votes from a majority and persists the epoch', () => {
    const core = new HaCore(config(1), undefined, () => 0);
    core.tick(TIMEOUT - 1);
    core.step(2, heartbeat({}));
    core.step(3, heartbeat({}));
    core.tick(1);
    drain(core);
    core.step(3, { type: 'vote', epoch: 1, candidate: 1 });
    const ready = drain(core);
    assert.equal(core.role, 'master');
    assert.equal(core.epoch, 1);
    assert.equal(core.master, 1);
    assert.deepEqual(ready.roleChange, { role: 'master', epoch: 1, master: 1 });
    assert.equal(ready.hardState?.epoch, 1);
    assert.ok(ready.messages.some((m) => m.message.type === 'master_elected'));
  });

  it('does not vote again in an epoch it voted in before a restart', () => {
    const persisted: HardState = { epoch: 4, votedFor: { epoch: 5, candidate: 3 } };
    const core = new HaCore(config(2), persisted, () => 0);
    core.tick(TIMEOUT);
    core.step(1, { type: 'vote', epoch: 5, candidate: 1 });
    core.step(3, heartbeat({ epoch: 4 }));
    core.step(1, heartbeat({ epoch: 4 }));
    core.tick(1);
    // It skips the epoch it already voted in and opens the next one.
    assert.deepEqual(
      sent(core, 'vote').map((m) => m.epoch),
      [6],
    );
  });

  it('waits a heartbeat timeout after a start before it votes', () => {
    const core = new HaCore(config(2), { epoch: 1, votedFor: undefined }, () => 0);
    core.tick(1);
    core.step(3, heartbeat({ epoch: 1, role: 'slave', master: 1, suspects: [1] }));
    core.step(3, { type: 'vote', epoch: 2, candidate: 3 });
    assert.deepEqual(sent(core, 'vote'), []);
    core.tick(TIMEOUT - 2);
    core.step(3, heartbeat({ epoch: 1, role: 'slave', master: 1, suspects: [1] }));
    assert.deepEqual(sent(core, 'vote'), []);
    core.tick(1);
    // Its own pick: tied on tx ids, the lowest live id.
    assert.deepEqual(sent(core, 'vote'), [{ type: 'vote', epoch: 2, candidate: 2 }]);
  });

  it('does not vote for a candidate that is behind it', () => {
    const core = new HaCore(config(2), undefined, () => 0);
    core.localCommitted(50);
    core.tick(TIMEOUT - 1);
    core.step(1, heartbeat({ lastTxId: 60, slaveOnly: true }));
    core.step(3, heartbeat({ lastTxId: 40 }));
    core.tick(1);
    const ready = drain(core);
    // 2 itself has the most among those who may win, so it votes for itself, not for 3.
    assert.ok(ready.messages.some((m) => m.message.type === 'vote' && m.message.candidate === 2));

    const behind = new HaCore({ ...config(2), slaveOnly: true }, undefined, () => 0);
    behind.localCommitted(50);
    behind.tick(TIMEOUT - 1);
    behind.step(1, heartbeat({ lastTxId: 40 }));
    behind.step(3, heartbeat({ lastTxId: 30 }));
    behind.tick(1);
    const withheld = drain(behind);
    assert.equal(withheld.messages.filter((m) => m.message.type === 'vote').length, 0);
    assert.ok(withheld.events.some((e) => e.event === 'vote_withheld' && e.reason === 'candidate_behind' && e.candidate === 1));
  });

  it('holds a write lease only while a majority echoes a heartbeat stamped within the timeout', () => {
    const core = electedMaster();
    assert.equal(core.canAcceptWrites(), false, 'no echo yet');
    core.step(2, heartbeat({ epoch: 1, role: 'slave', master: 1, stamp: 0, echo: TIMEOUT }));
    assert.equal(core.canAcceptWrites(), true);
    // Heard again, but echoing the same old stamp: contact is kept, the lease is not renewed.
    core.tick(TIMEOUT - 1);
    core.step(2, heartbeat({ epoch: 1, role: 'slave', master: 1, stamp: 0, echo: TIMEOUT }));
    assert.equal(core.canAcceptWrites(), true);
    core.tick(1);
    assert.equal(core.role, 'master');
    assert.equal(core.canAcceptWrites(), false);
  });

  it('takes no lease from a slave that follows another master or epoch', () => {
    const core = electedMaster();
    core.step(2, heartbeat({ epoch: 0, role: 'slave', master: 1, echo: TIMEOUT }));
    core.step(3, heartbeat({ epoch: 1, role: 'slave', master: 2, echo: TIMEOUT }));
    assert.equal(core.canAcceptWrites(), false);
  });

  it('steps down before reading any message after sleeping past the timeout', () => {
    const core = electedMaster();
    core.step(2, heartbeat({ epoch: 1, role: 'slave', master: 1, echo: TIMEOUT }));
    core.tick(100);
    assert.equal(core.role, 'pending');
    assert.equal(core.canAcceptWrites(), false);
    const ready = drain(core);
    assert.deepEqual(ready.roleChange, { role: 'pending', epoch: 1, master: undefined });
    assert.ok(ready.events.some((e) => e.event === 'role_change' && e.reason === 'lost_majority_contact'));
  });

  it('steps down as master on a higher epoch and follows the master announcing it', () => {
    const core = electedMaster();
    core.step(3, { type: 'master_elected', epoch: 4, master: 3, stamp: 20 });
    assert.equal(core.role, 'slave');
    assert.equal(core.master, 3);
    assert.equal(core.epoch, 4);
    const heartbeats = sent(core, 'heartbeat') as HeartbeatMessage[];
    assert.equal(heartbeats.at(-1)?.echo, 20, 'the new master gets its lease at once');
  });

  it('stops echoing its old master once it voted in a newer epoch', () => {
    const core = new HaCore(config(2), { epoch: 1, votedFor: undefined }, () => 0);
    core.step(1, heartbeat({ epoch: 1, role: 'master', master: 1, stamp: 100 }));
    assert.equal(core.role, 'slave');
    core.tick(TIMEOUT);
    core.step(3, heartbeat({ epoch: 1, role: 'slave', master: 1, suspects: [1] }));
    assert.deepEqual(sent(core, 'vote'), [{ type: 'vote', epoch: 2, candidate: 2 }]);
    core.step(1, heartbeat({ epoch: 1, role: 'master', master: 1, stamp: 130 }));
    core.tick(2);
    const heartbeats = sent(core, 'heartbeat') as HeartbeatMessage[];
    assert.ok(heartbeats.length > 0);
    assert.equal(heartbeats.at(-1)?.echo, null);
  });

  it('reports suspected and rejoined members', () => {
    const core = electedMaster();
    core.step(2, heartbeat({ epoch: 1, role: 'slave', master: 1 }));
    core.step(3, heartbeat({ epoch: 1, role: 'slave', master: 1 }));
    core.tick(TIMEOUT - 1);
    core.step(2, heartbeat({ epoch: 1, role: 'slave', master: 1 }));
    core.tick(1);
    assert.deepEqual(
      drain(core).events.filter((e) => e.event === 'member_suspected'),
      [{ event: 'member_suspected', member: 3, silentTicks: TIMEOUT }],
    );
    core.step(3, heartbeat({ epoch: 1, role: 'slave', master: 1 }));
    assert.deepEqual(drain(core).events, [{ event: 'member_rejoined', member: 3 }]);
  });

  it('ignores messages from servers that are not members', () => {
    const core = new HaCore(config(1), undefined, () => 0);
    core.step(9, { type: 'master_elected', epoch: 7, master: 9, stamp: 0 });
    assert.equal(core.role, 'pending');
    assert.equal(drain(core).events[0]?.event, 'message_ignored');
  });

  it('shows every member in view() with liveness, role and tx id', () => {
    const core = electedMaster();
    core.localCommitted(12);
    core.step(2, heartbeat({ epoch: 1, role: 'slave', master: 1, lastTxId: 11 }));
    core.tick(3);
    assert.deepEqual(core.view(), [
      { id: 1, alive: true, role: 'master', epoch: 1, master: 1, lastTxId: 12, heartbeatAgeTicks: 0, slaveOnly: false },
      { id: 2, alive: true, role: 'slave', epoch: 1, master: 1, lastTxId: 11, heartbeatAgeTicks: 3, slaveOnly: false },
      { id: 3, alive: true, role: 'pending', epoch: 0, master: undefined, lastTxId: 0, heartbeatAgeTicks: 4, slaveOnly: false },
    ]);
  });

  it('pushes only as master, to slaves that follow it', () => {
    const core = electedMaster();
    core.step(2, heartbeat({ epoch: 1, role: 'slave', master: 1 }));
    core.step(3, heartbeat({ epoch: 1, role: 'slave', master: 1 }));
    assert.deepEqual(core.pushTargets('fixed_descending', 1), [3]);
    core.step(3, heartbeat({ epoch: 1, role: 'pending' }));
    assert.deepEqual(core.pushTargets('fixed_descending', 1), [2]);
    assert.deepEqual(new HaCore(config(2), undefined, () => 0).pushTargets('fixed_ascending', 1), []);
  });

  it('rejects a tick count that is not a positive whole number', () => {
    const core = new HaCore(config(1), undefined, () => 0);
    assert.throws(() => core.tick(0), /positive whole number/);
  });
});
