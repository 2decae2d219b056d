import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeHaBean,
  encodeHaBean,
  formatLastUpdateTime,
  HaBeanFormatError,
  haBeanName,
  type HighAvailabilityInfo,
} from '../../../../protocol/ha/high-availability-bean.js';

const info: HighAvailabilityInfo = {
  instanceId: '2',
  available: true,
  alive: true,
  role: 'slave',
  lastUpdateTime: formatLastUpdateTime(Date.UTC(2026, 10, 21, 1, 2, 3, 456)),
  lastCommittedTxId: 42,
  epoch: 3,
  instancesInCluster: [
    { instanceId: '1', haRole: 'master', alive: true, available: true, uris: ['ha://127.0.0.1:5001', 'http://127.0.0.1:7481'], lastCommittedTxId: 43, lastHeartbeatMillis: 120 },
    { instanceId: '2', haRole: 'slave', alive: true, available: true, uris: ['ha://127.0.0.1:5002'], lastCommittedTxId: 42, lastHeartbeatMillis: 0 },
    { instanceId: '3', haRole: 'UNKNOWN', alive: false, available: false, uris: [], lastCommittedTxId: undefined, lastHeartbeatMillis: 9100 },
  ],
};

describe('the High Availability bean', () => {
  it('round-trips through its JSON', () => {
    const body = JSON.parse(JSON.stringify(encodeHaBean(info))) as unknown;
    assert.deepEqual(decodeHaBean(body), info);
  });

  it("has Neo4j's bean name, attribute names and JMX attribute shape", () => {
    const [bean] = encodeHaBean(info);
    assert.equal(bean!.name, haBeanName);
    assert.deepEqual(
      bean!.attributes.map((a) => a.name),
      ['InstanceId', 'Available', 'Alive', 'Role', 'LastUpdateTime', 'LastCommittedTxId', 'InstancesInCluster', 'Epoch'],
    );
    for (const attribute of bean!.attributes) {
      assert.equal(attribute.isReadable, 'true');
      assert.equal(typeof attribute.type, 'string');
    }
    assert.equal(info.lastUpdateTime, '2026-11-21 01:02:03.456+0000');
  });

  it("reads a Neo4j 3.x bean, which has none of graphlb's additions", () => {
    const neo4j = [
      {
        name: 'org.neo4j:instance=kernel#0,name=High Availability',
        description: 'Information about an instance participating in a HA cluster',
        url: 'org.neo4j/instance%3Dkernel%230%2Cname%3DHigh+Availability',
        attributes: [
          { name: 'InstanceId', value: '1', type: 'java.lang.String', isReadable: 'true' },
          { name: 'Available', value: true, type: 'boolean', isReadable: 'true' },
          { name: 'Alive', value: true, type: 'boolean', isReadable: 'true' },
          { name: 'Role', value: 'master', type: 'java.lang.String', isReadable: 'true' },
          { name: 'LastUpdateTime', value: 'N/A', type: 'java.lang.String', isReadable: 'true' },
          { name: 'LastCommittedTxId', value: 1337, type: 'long', isReadable: 'true' },
          {
            name: 'InstancesInCluster',
            type: 'org.neo4j.management.ClusterMemberInfo[]',
            value: [
              {
                type: 'org.neo4j.management.ClusterMemberInfo',
                value: [
                  { name: 'alive', value: true },
                  { name: 'available', value: true },
                  { name: 'haRole', value: 'master' },
                  { name: 'instanceId', value: '1' },
                  { name: 'uris', value: ['ha://10.0.0.1:6001?serverId=1', 'backup://10.0.0.1:6362'] },
                ],
              },
            ],
          },
        ],
      },
    ];
    const decoded = decodeHaBean(neo4j);
    assert.equal(decoded.role, 'master');
    assert.equal(decoded.lastCommittedTxId, 1337);
    assert.equal(decoded.epoch, undefined);
    assert.deepEqual(decoded.instancesInCluster[0], {
      instanceId: '1',
      haRole: 'master',
      alive: true,
      available: true,
      uris: ['ha://10.0.0.1:6001?serverId=1', 'backup://10.0.0.1:6362'],
      lastCommittedTxId: undefined,
      lastHeartbeatMillis: undefined,
    });
  });

  it('refuses what is not the bean, saying what is missing', () => {
    assert.throws(() => decodeHaBean({}), HaBeanFormatError);
    assert.throws(() => decodeHaBean([{ name: 'other' }]), /expected a JSON array holding the bean/);
    assert.throws(() => decodeHaBean([{ name: haBeanName, attributes: [] }]), /LastCommittedTxId/);
  });
});
