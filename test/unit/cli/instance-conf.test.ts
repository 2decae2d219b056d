import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterSecretIn, generateClusterSecret, instancePorts, renderInstanceConf } from '../../../cli/instance-conf.js';
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

  it('makes every member of a cluster an HA member with its server id, all members as initial hosts and the shared secret', () => {
    const secret = generateClusterSecret();
    for (const instance of [1, 2, 3]) {
      const text = renderInstanceConf(instance, { count: 3, secret });
      const values = parseSettings(text, `instance${instance}.conf`).values;
      assert.equal(values['dbms.mode'], 'HA');
      assert.equal(values['ha.server_id'], instance);
      assert.deepEqual(values['ha.initial_hosts'], [1, 2, 3].map((i) => ({ host: '127.0.0.1', port: 5000 + i })));
      assert.equal(values['ha.cluster_secret'], secret);
      assert.equal(values['dbms.security.ha_status_auth_enabled'], false);
      assert.equal(clusterSecretIn(text), secret, 'a member written later reads the secret back');
    }
  });

  it('generates a different URL-safe secret of 256 bits each time', () => {
    const secrets = new Set(Array.from({ length: 20 }, () => generateClusterSecret()));
    assert.equal(secrets.size, 20);
    for (const secret of secrets) assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
  });

  it('finds no secret in a SINGLE instance file', () => {
    assert.equal(clusterSecretIn(renderInstanceConf(1)), undefined);
  });
});
