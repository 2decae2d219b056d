import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ChildSpawnError, describeExit, engineChildSpec, serviceChildSpec, serviceEnvironment, UpChild } from '../../../cli/up-child.js';
import { makeTempDir } from '../../support/temp-dir.js';

describe('engineChildSpec', () => {
  it('runs `engine --conf FILE` in the instance home with this environment, ready on GET / of the reachable address', () => {
    const spec = engineChildSpec({ name: 'instance2', home: '/d/instance2', confFile: '/d/instance2/conf/neo4j.conf', logFile: '/d/instance2/logs/engine.log', http: { host: '0.0.0.0', port: 7482 } });
    assert.deepEqual(spec, {
      role: 'engine',
      name: 'instance2',
      label: 'instance2',
      args: ['engine', '--conf', '/d/instance2/conf/neo4j.conf'],
      configFile: '/d/instance2/conf/neo4j.conf',
      home: '/d/instance2',
      logFile: '/d/instance2/logs/engine.log',
      env: undefined,
      listener: { host: '127.0.0.1', port: 7482 },
      readyPath: '/',
    });
  });
});

describe('serviceChildSpec', () => {
  const options = { configFile: '/d/proxy.yaml', home: '/d', logFile: '/d/logs/proxy.log', listener: { host: '127.0.0.1', port: 7475 }, readyPath: '/status' } as const;

  it('runs `<command> --config FILE` named "the <command>" in sentences', () => {
    const spec = serviceChildSpec({ ...options, command: 'proxy', password: undefined });
    assert.equal(spec.role, 'proxy');
    assert.equal(spec.name, 'proxy');
    assert.equal(spec.label, 'the proxy');
    assert.deepEqual(spec.args, ['proxy', '--config', '/d/proxy.yaml']);
    assert.equal(spec.readyPath, '/status');
    assert.deepEqual(spec.listener, { host: '127.0.0.1', port: 7475 });
  });

  it('puts the password in GRAPHLB_PASSWORD, and unsets an inherited one without a password', () => {
    const saved = process.env['GRAPHLB_PASSWORD'];
    process.env['GRAPHLB_PASSWORD'] = 'inherited';
    try {
      assert.equal(serviceChildSpec({ ...options, command: 'monitor', password: 's3cret' }).env?.['GRAPHLB_PASSWORD'], 's3cret');
      const without = serviceChildSpec({ ...options, command: 'monitor', password: undefined }).env;
      assert.ok(without !== undefined);
      assert.equal('GRAPHLB_PASSWORD' in without, false);
      assert.equal(process.env['GRAPHLB_PASSWORD'], 'inherited', 'the environment of `up` itself is left alone');
      assert.equal(serviceEnvironment(undefined)['PATH'], process.env['PATH']);
    } finally {
      if (saved === undefined) delete process.env['GRAPHLB_PASSWORD'];
      else process.env['GRAPHLB_PASSWORD'] = saved;
    }
  });
});

describe('UpChild.spawn', () => {
  let temp: { dir: string; remove: () => void };
  beforeEach(() => (temp = makeTempDir('up-child')));
  afterEach(() => temp.remove());

  it('throws ChildSpawnError naming the child, with the system error, when the process cannot be created', async () => {
    const logFile = path.join(temp.dir, 'logs', 'monitor.log');
    const spec = serviceChildSpec({ command: 'monitor', configFile: '/d/monitor.yaml', home: path.join(temp.dir, 'missing'), logFile, listener: { host: '127.0.0.1', port: 1 }, readyPath: '/api/cluster', password: undefined });
    let thrown: unknown;
    try {
      UpChild.spawn(spec);
    } catch (error) {
      thrown = error;
    }
    assert.ok(thrown instanceof ChildSpawnError, `expected a ChildSpawnError, got ${String(thrown)}`);
    assert.equal(thrown.message, `cannot start the monitor: ${process.execPath} could not be spawned`);
    assert.match((await thrown.reason).message, /ENOENT/);
    assert.equal(fs.existsSync(logFile), true, 'the log file is opened before the spawn');
  });
});

describe('describeExit', () => {
  it('names the signal, else the code', () => {
    assert.equal(describeExit({ code: 1, signal: null }), 'exited with code 1');
    assert.equal(describeExit({ code: null, signal: 'SIGKILL' }), 'was killed by SIGKILL');
    assert.equal(describeExit({ code: null, signal: null }), 'exited with code unknown');
  });
});
