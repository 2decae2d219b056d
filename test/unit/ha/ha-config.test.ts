import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateHaConfig, type HaConfig } from '../../../engine/ha/ha-config.js';

const good: HaConfig = {
  serverId: 1,
  members: [1, 2, 3],
  slaveOnly: false,
  heartbeatIntervalTicks: 2,
  heartbeatTimeoutTicks: 8,
  electionBackoffTicks: 4,
};

describe('validateHaConfig', () => {
  it('accepts a sound configuration', () => {
    assert.doesNotThrow(() => validateHaConfig(good));
  });

  it('refuses a heartbeat timeout below twice the interval', () => {
    assert.throws(() => validateHaConfig({ ...good, heartbeatTimeoutTicks: 3 }), /below twice ha.heartbeat_interval/);
  });

  it('refuses a member list without this member or with a duplicate id', () => {
    assert.throws(() => validateHaConfig({ ...good, serverId: 4 }), /not among the cluster's members/);
    assert.throws(() => validateHaConfig({ ...good, members: [1, 2, 2] }), /share an ha.server_id/);
  });

  it('refuses non-positive tick counts', () => {
    assert.throws(() => validateHaConfig({ ...good, electionBackoffTicks: 0 }), /electionBackoffTicks/);
  });
});
