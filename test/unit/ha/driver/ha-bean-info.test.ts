import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highAvailabilityInfo } from '../../../../engine/ha/driver/ha-bean-info.js';

describe('highAvailabilityInfo', () => {
  it('shows this member and its peers with Neo4j\'s role names, heartbeat ages in ms and announced uris', () => {
    const info = highAvailabilityInfo({
      serverId: 2,
      view: [
        { id: 1, alive: true, role: 'master', epoch: 3, master: 1, lastTxId: 10, heartbeatAgeTicks: 2, slaveOnly: false },
        { id: 2, alive: true, role: 'slave', epoch: 3, master: 1, lastTxId: 9, heartbeatAgeTicks: 0, slaveOnly: false },
        { id: 3, alive: false, role: 'unknown', epoch: undefined, master: undefined, lastTxId: undefined, heartbeatAgeTicks: undefined, slaveOnly: undefined },
      ],
      epoch: 3,
      tickMs: 50,
      lastCommittedTxId: 9,
      lastUpdateMillis: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
      uris: new Map([[1, ['ha://127.0.0.1:5001?serverId=1', 'http://127.0.0.1:7474']]]),
    });
    assert.equal(info.instanceId, '2');
    assert.equal(info.role, 'slave');
    assert.equal(info.available, true);
    assert.equal(info.epoch, 3);
    assert.equal(info.lastUpdateTime, '2026-01-02 03:04:05.006+0000');
    assert.deepEqual(
      info.instancesInCluster.map((m) => [m.instanceId, m.haRole, m.alive, m.available, m.lastCommittedTxId, m.lastHeartbeatMillis, m.uris.length]),
      [
        ['1', 'master', true, true, 10, 100, 2],
        ['2', 'slave', true, true, 9, 0, 0],
        ['3', 'UNKNOWN', false, false, undefined, undefined, 0],
      ],
    );
  });

  it('is UNKNOWN and unavailable while the members are not yet known', () => {
    const info = highAvailabilityInfo({ serverId: 1, view: undefined, epoch: undefined, tickMs: 50, lastCommittedTxId: 0, lastUpdateMillis: undefined, uris: new Map() });
    assert.equal(info.role, 'UNKNOWN');
    assert.equal(info.available, false);
    assert.equal(info.lastUpdateTime, 'N/A');
    assert.deepEqual(info.instancesInCluster, []);
  });
});
