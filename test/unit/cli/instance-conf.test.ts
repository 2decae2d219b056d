import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instancePorts, renderInstanceConf } from '../../../cli/instance-conf.js';
import { parseSettings } from '../../../engine/settings/load-settings.js';

describe('the settings file graphlb up writes for an instance', () => {
  it('uses the ports of design.md for instance N', () => {
    assert.deepEqual(instancePorts(1), { http: 7481, bolt: 7691, cluster: 5001, backup: 6361 });
    assert.deepEqual(instancePorts(3), { http: 7483, bolt: 7693, cluster: 5003, backup: 6363 });
  });

  it('is a valid SINGLE-mode settings file with those ports and a relative data directory', () => {
    for (const instance of [1, 2, 3]) {
      const ports = instancePorts(instance);
      const values = parseSettings(renderInstanceConf(instance), `instance${instance}.conf`).values;
      assert.equal(values['dbms.mode'], 'SINGLE');
      assert.equal(values['dbms.directories.data'], 'data');
      assert.deepEqual(values['dbms.connector.http.listen_address'], { host: '127.0.0.1', port: ports.http });
      assert.deepEqual(values['dbms.connector.bolt.listen_address'], { host: '127.0.0.1', port: ports.bolt });
      assert.deepEqual(values['ha.host.coordination'], { host: '127.0.0.1', port: ports.cluster });
      assert.deepEqual(values['dbms.backup.address'], { host: '127.0.0.1', port: ports.backup });
      assert.equal(values['ha.server_id'], instance);
    }
  });
});
