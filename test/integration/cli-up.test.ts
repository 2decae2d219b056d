/**
 * `graphlb up` as a real process: with --instances 1 it starts an engine instance from
 * <data>, prints where it is, stops it on SIGINT leaving no process behind, reuses the
 * data on a restart, reports an instance that dies, and sets --password as the
 * instance's initial password, and starts no proxy and no monitor beside one instance;
 * by default it starts a 3-member HA cluster, prints which member is master and stops all
 * three on SIGINT. With no password given it generates one into <data>/password on a
 * fresh data directory and reuses it on a restart, starting the proxy from
 * <data>/proxy.yaml and the monitor from <data>/monitor.yaml: it prints their addresses
 * and the status page, both see the cluster and its master, and SIGINT stops the proxy,
 * then the monitor, then the engines. When the instances hold a password it was not
 * given it starts no proxy and no monitor and says why.
 *
 * The instances' settings files are written before the first start with free ports,
 * because nothing in a test may depend on the default ports being free; `up` reuses an
 * existing file exactly as it reuses its own generated one. So are <data>/proxy.yaml and
 * <data>/monitor.yaml, for the same reason (the generated ones listen on 7474, 7475 and
 * 7490).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { authFilePath, readAuthFile } from '../../engine/security/auth-file.js';
import { verifyPassword } from '../../engine/security/password-hash.js';
import { TestProcess, freePort, processExists } from '../support/test-process.js';

const startMs = 60_000;

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 5000, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

interface Running {
  readonly up: TestProcess;
  readonly enginePid: number;
  readonly httpUrl: string;
}

describe('graphlb up', () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-up-'));
  const home = path.join(data, 'instance1');
  const conf = path.join(home, 'conf', 'neo4j.conf');
  // dbms.directories.data=data in the instance's settings, relative to its home.
  const authFile = authFilePath(path.join(home, 'data'));
  const started: TestProcess[] = [];
  const enginePids: number[] = [];
  let port: number;
  let confText: string;

  before(async () => {
    port = await freePort();
    confText = [
      '# written by the test, to be reused as it is',
      'dbms.mode=SINGLE',
      'dbms.directories.data=data',
      'dbms.pagecache.memory=1m',
      `dbms.connector.http.listen_address=127.0.0.1:${port}`,
      '',
    ].join('\n');
    fs.mkdirSync(path.dirname(conf), { recursive: true });
    fs.writeFileSync(conf, confText);
  });

  after(async () => {
    for (const up of started) await up.kill();
    for (const pid of enginePids) if (processExists(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(data, { recursive: true, force: true });
  });

  async function startUp(): Promise<Running> {
    const up = TestProcess.cli(['up', '--instances', '1', '--data', data, '--password', 'secret']);
    started.push(up);
    if (!fs.existsSync(authFile)) {
      const set = `graphlb up: instance1: set the initial password of user 'neo4j' in ${authFile}`;
      await up.waitForLine((line) => line === set, startMs);
    }
    const pidLine = await up.waitForLine(/^instance1 +pid +\d+$/, startMs);
    const enginePid = Number(/(\d+)$/.exec(pidLine)?.[1]);
    enginePids.push(enginePid);
    const httpLine = await up.waitForLine(/^instance1 +http +http:\/\//, startMs);
    await up.waitForLine(/^graphlb up: ready/, startMs);
    return { up, enginePid, httpUrl: httpLine.split(/ +/)[2] ?? '' };
  }

  async function stopWithSigint(running: Running): Promise<void> {
    running.up.signal('SIGINT');
    const exit = await running.up.exit(startMs);
    assert.deepEqual(exit, { code: 0, signal: null }, running.up.describe());
    assert.equal(processExists(running.enginePid), false, 'the engine is gone');
  }

  it('starts the instance, prints its addresses, and stops everything on SIGINT', async () => {
    const running = await startUp();
    assert.equal(running.httpUrl, `http://127.0.0.1:${port}/`);
    assert.ok(running.up.lines.stdout.includes(`instance1  metrics  http://127.0.0.1:${port}/metrics`));
    assert.ok(running.up.lines.stdout.includes(`instance1  conf     ${conf}`));
    assert.ok(running.up.lines.stdout.some((line) => line.startsWith('graphlb up: starting 1 engine instance, reusing')));
    assert.ok(running.up.lines.stdout.some((line) => line.startsWith('graphlb up: no proxy in front of one instance')), running.up.describe());
    assert.equal(fs.existsSync(path.join(data, 'proxy.yaml')), false, 'no proxy configuration is written for one instance');
    assert.ok(running.up.lines.stdout.some((line) => line.startsWith('graphlb up: no monitor beside one instance')), running.up.describe());
    assert.equal(fs.existsSync(path.join(data, 'monitor.yaml')), false, 'no monitor configuration is written for one instance');

    const discovery = await get(running.httpUrl);
    assert.equal(discovery.status, 200);
    assert.equal((JSON.parse(discovery.body) as Record<string, string>)['transaction'], `http://127.0.0.1:${port}/db/{databaseName}/tx`);
    // Relative paths of the instance's settings are relative to its own directory.
    assert.ok(fs.existsSync(path.join(home, 'data', 'databases', 'graph.db')), 'the store is under <data>/instance1/data');
    assert.match(fs.readFileSync(path.join(home, 'logs', 'engine.log'), 'utf8'), /"event":"engine_started"/);

    await stopWithSigint(running);
    assert.ok(running.up.lines.stdout.includes('graphlb up: stopped'));
  });

  it("sets --password as neo4j's initial password before the first start", () => {
    const users = readAuthFile(authFile);
    assert.equal(users?.length, 1);
    assert.equal(users[0]!.name, 'neo4j');
    assert.equal(users[0]!.passwordChangeRequired, false);
    assert.equal(verifyPassword(users[0]!.credentials, 'secret'), true);
    assert.equal(fs.statSync(authFile).mode & 0o777, 0o600);
    assert.match(fs.readFileSync(path.join(home, 'logs', 'engine.log'), 'utf8'), /"event":"engine_stopped"/);
  });

  it('reuses the settings file and the data on a restart', async () => {
    const storeFiles = fs.readdirSync(path.join(home, 'data', 'databases', 'graph.db')).sort();
    assert.ok(storeFiles.length > 0);
    const users = fs.readFileSync(authFile, 'utf8');
    const running = await startUp();
    assert.equal(fs.readFileSync(authFile, 'utf8'), users, 'the same --password leaves the auth file as it is');
    assert.equal(running.up.lines.stdout.some((line) => line.includes('set the initial password')), false);
    assert.equal(fs.readFileSync(conf, 'utf8'), confText, 'the settings file is untouched');
    assert.deepEqual(
      storeFiles.filter((file) => !fs.existsSync(path.join(home, 'data', 'databases', 'graph.db', file))),
      [],
      'every store file of the first run is still there',
    );
    const log = fs.readFileSync(path.join(home, 'logs', 'engine.log'), 'utf8');
    assert.equal(log.match(/"event":"engine_started"/g)?.length, 2, 'one log, appended by both runs');
    await stopWithSigint(running);
  });

  it('reports an instance that dies and exits non-zero', async () => {
    const running = await startUp();
    process.kill(running.enginePid, 'SIGKILL');
    const exit = await running.up.exit(startMs);
    assert.equal(exit.code, 1, running.up.describe());
    assert.ok(
      running.up.lines.stderr.some((line) => line.startsWith(`graphlb up: instance1 (pid ${running.enginePid}) was killed by SIGKILL`)),
      running.up.describe(),
    );
  });

  it('refuses a wrong instance settings file with file:line and exit code 2, starting nothing', async () => {
    fs.writeFileSync(conf, `${confText}dbms.checkpoint.interval.time=15\n`);
    try {
      const up = TestProcess.cli(['up', '--instances', '1', '--data', data]);
      started.push(up);
      const exit = await up.exit(startMs);
      assert.equal(exit.code, 2);
      assert.deepEqual(up.lines.stderr, [
        `graphlb up: ${conf}:6: dbms.checkpoint.interval.time=15: expected a duration above zero such as 500ms, 4s, 15m or 7 days`,
      ]);
    } finally {
      fs.writeFileSync(conf, confText);
    }
  });

  it('refuses a --password or GRAPHLB_PASSWORD other than the one chosen, with exit code 2, starting nothing', async () => {
    const expected =
      `graphlb up: instance1: the password was not set: ${authFile} holds a password of user 'neo4j' chosen already ` +
      `(or more users than neo4j), and the one given is not it; expected --password (or GRAPHLB_PASSWORD) to be the current password, or neither; ` +
      `change it with POST /user/neo4j/password, or stop graphlb and remove ${authFile} to start over`;
    const byFlag = TestProcess.cli(['up', '--instances', '1', '--data', data, '--password', 'other']);
    started.push(byFlag);
    assert.equal((await byFlag.exit(startMs)).code, 2, byFlag.describe());
    assert.deepEqual(byFlag.lines.stderr, [expected]);
    assert.deepEqual(byFlag.lines.stdout, []);

    const previous = process.env['GRAPHLB_PASSWORD'];
    process.env['GRAPHLB_PASSWORD'] = 'other';
    try {
      const byEnvironment = TestProcess.cli(['up', '--instances', '1', '--data', data]);
      started.push(byEnvironment);
      assert.equal((await byEnvironment.exit(startMs)).code, 2, byEnvironment.describe());
      assert.deepEqual(byEnvironment.lines.stderr, [expected]);
    } finally {
      if (previous === undefined) delete process.env['GRAPHLB_PASSWORD'];
      else process.env['GRAPHLB_PASSWORD'] = previous;
    }
  });
});

describe('graphlb up with the default three instances', () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-up-ha-'));
  const secret = 'cli-up-test-cluster-secret';
  const started: TestProcess[] = [];
  const enginePids: number[] = [];
  const httpPorts: number[] = [];
  const proxyConf = path.join(data, 'proxy.yaml');
  const monitorConf = path.join(data, 'monitor.yaml');
  const passwordFile = path.join(data, 'password');
  let proxyHttp = 0;
  let proxyAdmin = 0;
  let monitorPort = 0;
  /** Waits for the `<name>  pid  N` line of each name, in order; the processes are killed after the tests whatever happens. */
  const pidsPrinted = async (up: TestProcess, names: readonly string[]): Promise<number[]> => {
    const pids: number[] = [];
    for (const name of names) {
      const line = await up.waitForLine(new RegExp(`^${name} +pid +\\d+$`), startMs);
      pids.push(Number(/(\d+)$/.exec(line)?.[1]));
    }
    enginePids.push(...pids);
    return pids;
  };
  /** `graphlb up --data <data>` with no password given, whatever the environment says. */
  const upWithoutPassword = (): TestProcess => {
    const previous = process.env['GRAPHLB_PASSWORD'];
    delete process.env['GRAPHLB_PASSWORD'];
    try {
      return TestProcess.cli(['up', '--data', data]);
    } finally {
      if (previous !== undefined) process.env['GRAPHLB_PASSWORD'] = previous;
    }
  };

  before(async () => {
    const clusterPorts = [await freePort(), await freePort(), await freePort()];
    for (let instance = 1; instance <= 3; instance++) {
      const port = await freePort();
      httpPorts.push(port);
      const conf = path.join(data, `instance${instance}`, 'conf', 'neo4j.conf');
      fs.mkdirSync(path.dirname(conf), { recursive: true });
      fs.writeFileSync(
        conf,
        [
          'dbms.mode=HA',
          'dbms.directories.data=data',
          'dbms.pagecache.memory=1m',
          `dbms.connector.http.listen_address=127.0.0.1:${port}`,
          'dbms.security.ha_status_auth_enabled=false',
          `ha.server_id=${instance}`,
          `ha.host.coordination=127.0.0.1:${clusterPorts[instance - 1]}`,
          `ha.initial_hosts=${clusterPorts.map((p) => `127.0.0.1:${p}`).join(',')}`,
          `ha.cluster_secret=${secret}`,
          'ha.heartbeat_interval=100ms',
          'ha.heartbeat_timeout=1s',
          '',
        ].join('\n'),
      );
    }
    [proxyHttp, proxyAdmin, monitorPort] = [await freePort(), await freePort(), await freePort()];
    fs.writeFileSync(
      proxyConf,
      [
        `listen: { http: 127.0.0.1:${proxyHttp}, bolt: 127.0.0.1:0, admin: 127.0.0.1:${proxyAdmin} }`,
        'cluster:',
        '  members:',
        ...httpPorts.map((port, i) => `    - { name: instance${i + 1}, http: http://127.0.0.1:${port} }`),
        '  auth: { user: neo4j, password: ${GRAPHLB_PASSWORD} }',
        'health: { interval: 200ms, timeout: 150ms, rise: 1, fall: 1 }',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      monitorConf,
      [
        `listen: 127.0.0.1:${monitorPort}`,
        'interval: 200ms',
        'timeout: 150ms',
        'cluster:',
        '  members:',
        ...httpPorts.map((port, i) => `    - { name: instance${i + 1}, http: http://127.0.0.1:${port} }`),
        '  auth: { user: neo4j, password: ${GRAPHLB_PASSWORD} }',
        '',
      ].join('\n'),
    );
  });

  after(async () => {
    for (const up of started) await up.kill();
    for (const pid of enginePids) if (processExists(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(data, { recursive: true, force: true });
  });

  it('on a fresh data directory generates a password into <data>/password, starts the cluster, the proxy and the monitor, prints every address and the master, and stops all on SIGINT', async () => {
    const up = upWithoutPassword();
    started.push(up);
    const pids = await pidsPrinted(up, ['instance1', 'instance2', 'instance3']);
    const masterLine = await up.waitForLine(/^graphlb up: instance\d is master /, startMs);
    pids.push(...(await pidsPrinted(up, ['proxy', 'monitor'])));
    await up.waitForLine(/^graphlb up: ready/, startMs);
    const masterIndex = Number(/instance(\d)/.exec(masterLine)?.[1]) - 1;
    assert.ok(up.lines.stdout.includes('graphlb up: starting 3 engine instances as an HA cluster'), up.describe());
    for (const [index, port] of httpPorts.entries()) {
      assert.ok(up.lines.stdout.includes(`instance${index + 1}  http     http://127.0.0.1:${port}/`), up.describe());
      const role = await get(`http://127.0.0.1:${port}/db/manage/server/ha/available`);
      if (index === masterIndex) assert.deepEqual(role, { status: 200, body: 'master' });
      else assert.notEqual(role.body, 'master', `only instance${masterIndex + 1} is master`);
    }
    assert.ok(
      up.lines.stdout.includes(
        `graphlb up: generated a password for user 'neo4j' into ${passwordFile} (mode 0600) for the proxy and the monitor; read it there to connect, or choose your own with --password`,
      ),
      up.describe(),
    );
    assert.equal(fs.statSync(passwordFile).mode & 0o777, 0o600);
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    assert.ok(password.length >= 20, 'a long random password');
    for (let instance = 1; instance <= 3; instance++) {
      const users = readAuthFile(authFilePath(path.join(data, `instance${instance}`, 'data')));
      assert.equal(users?.length, 1);
      assert.ok(verifyPassword(users[0]!.credentials, password), `instance${instance} has the generated password`);
    }
    const printed = [...up.lines.stdout, ...up.lines.stderr];
    assert.equal(printed.some((line) => line.includes(secret)), false, 'the cluster secret is never printed');
    assert.equal(printed.some((line) => line.includes(password)), false, 'the password is never printed');
    assert.ok(up.lines.stdout.includes(`monitor  http://127.0.0.1:${monitorPort}/   (status page: open this)`), up.describe());

    up.signal('SIGINT');
    assert.deepEqual(await up.exit(startMs), { code: 0, signal: null }, up.describe());
    assert.ok(up.lines.stdout.includes('graphlb up: stopped'));
    for (const pid of pids) assert.equal(processExists(pid), false, `process ${pid} is gone`);
  });

  it('on a restart reuses <data>/password: the proxy and the monitor see the cluster and its master, and SIGINT stops them before the engines', async () => {
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    const up = upWithoutPassword();
    started.push(up);
    const pids = await pidsPrinted(up, ['instance1', 'instance2', 'instance3']);
    const [proxyPid, monitorPid] = await pidsPrinted(up, ['proxy', 'monitor']);
    await up.waitForLine(/^graphlb up: ready/, startMs);
    assert.ok(up.lines.stdout.includes(`graphlb up: using the password of user 'neo4j' kept in ${passwordFile}`), up.describe());
    assert.equal(up.lines.stdout.some((line) => line.includes('generated a password') || line.includes('set the initial password')), false, up.describe());
    assert.ok(up.lines.stdout.includes(`monitor  http://127.0.0.1:${monitorPort}/   (status page: open this)`), up.describe());
    assert.ok(up.lines.stdout.includes(`monitor  conf     ${monitorConf}`), up.describe());
    assert.ok(up.lines.stdout.includes(`monitor  log      ${path.join(data, 'logs', 'monitor.log')}`), up.describe());
    assert.ok(up.lines.stdout.includes(`proxy  http://127.0.0.1:${proxyHttp}  (admin http://127.0.0.1:${proxyAdmin})`), up.describe());
    assert.ok(up.lines.stdout.includes(`proxy  conf     ${proxyConf}`), up.describe());
    const masterLine = up.lines.stdout.find((line) => /^graphlb up: instance\d is master /.test(line)) ?? '';
    const master = /instance\d/.exec(masterLine)?.[0];

    const deadline = Date.now() + startMs;
    let status: { master: string | null; members: { name: string; serving: boolean }[] } | undefined;
    while (Date.now() < deadline) {
      const answer = await get(`http://127.0.0.1:${proxyAdmin}/status`);
      status = JSON.parse(answer.body) as typeof status;
      if (status !== undefined && status.master === master && status.members.every((m) => m.serving)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status?.master, master, JSON.stringify(status));
    assert.deepEqual(status?.members.map((m) => m.name), ['instance1', 'instance2', 'instance3']);
    assert.equal(status?.members.every((m) => m.serving), true, JSON.stringify(status));

    // The monitor scrapes the members with the password from its environment and finds the same master.
    const monitorDeadline = Date.now() + startMs;
    let cluster: { master: string | null; members: { instance: string; up: boolean; role: string }[] } | undefined;
    while (Date.now() < monitorDeadline) {
      const answer = await get(`http://127.0.0.1:${monitorPort}/api/cluster`);
      cluster = JSON.parse(answer.body) as typeof cluster;
      if (cluster !== undefined && cluster.master === master && cluster.members.every((m) => m.up)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(cluster?.master, master, JSON.stringify(cluster));
    assert.deepEqual(cluster?.members.map((m) => m.instance), ['instance1', 'instance2', 'instance3']);
    assert.deepEqual(
      cluster?.members.map((m) => [m.instance, m.up, m.role]),
      ['instance1', 'instance2', 'instance3'].map((name) => [name, true, name === master ? 'master' : 'slave']),
      JSON.stringify(cluster),
    );
    assert.equal((await get(`http://127.0.0.1:${monitorPort}/`)).status, 200, 'the status page answers');
    assert.equal(fs.readFileSync(monitorConf, 'utf8').includes(password), false, 'the password is not written into monitor.yaml');
    assert.match(fs.readFileSync(path.join(data, 'logs', 'monitor.log'), 'utf8'), /"event":"monitor_started"/);

    assert.equal(fs.readFileSync(proxyConf, 'utf8').includes(password), false, 'the password is not written into proxy.yaml');
    assert.equal([...up.lines.stdout, ...up.lines.stderr].some((line) => line.includes(password)), false, 'the password is never printed');
    assert.match(fs.readFileSync(path.join(data, 'logs', 'proxy.log'), 'utf8'), /"event":"proxy_started"/);

    up.signal('SIGINT');
    assert.deepEqual(await up.exit(startMs), { code: 0, signal: null }, up.describe());
    const stopping = up.lines.stdout.filter((line) => line.startsWith('graphlb up: stopping '));
    assert.deepEqual(
      stopping.slice(0, 2),
      [`graphlb up: stopping proxy (pid ${proxyPid})`, `graphlb up: stopping monitor (pid ${monitorPid})`],
      'the proxy, then the monitor, before the engines',
    );
    assert.equal(stopping.length, 5, up.describe());
    assert.ok(up.lines.stdout.includes('graphlb up: stopped'));
    assert.equal(processExists(proxyPid), false, 'the proxy is gone');
    assert.equal(processExists(monitorPid), false, 'the monitor is gone');
    assert.match(fs.readFileSync(path.join(data, 'logs', 'monitor.log'), 'utf8'), /"event":"monitor_stopped"/);
    for (const pid of pids) assert.equal(processExists(pid), false, `engine ${pid} is gone`);
  });

  it('reports a monitor that dies, stops the rest and exits non-zero', async () => {
    const up = upWithoutPassword();
    started.push(up);
    const pids = await pidsPrinted(up, ['instance1', 'instance2', 'instance3', 'proxy', 'monitor']);
    await up.waitForLine(/^graphlb up: ready/, startMs);
    const monitorPid = pids[4]!;
    process.kill(monitorPid, 'SIGKILL');
    const exit = await up.exit(startMs);
    assert.equal(exit.code, 1, up.describe());
    assert.ok(up.lines.stderr.includes(`graphlb up: monitor (pid ${monitorPid}) was killed by SIGKILL; the end of ${path.join(data, 'logs', 'monitor.log')}:`), up.describe());
    for (const pid of pids) assert.equal(processExists(pid), false, `process ${pid} is gone`);
  });

  it('starts no proxy and no monitor, saying why, when the instances hold a password it was not given', async () => {
    // Without their files too: `up` would use those as they are, and they name ${GRAPHLB_PASSWORD}.
    for (const file of [passwordFile, proxyConf, monitorConf]) fs.rmSync(file);
    const up = upWithoutPassword();
    started.push(up);
    const pids = await pidsPrinted(up, ['instance1', 'instance2', 'instance3']);
    await up.waitForLine(/^graphlb up: ready/, startMs);
    assert.ok(
      up.lines.stdout.some((line) => line.startsWith("graphlb up: no proxy: it checks each member's High Availability bean, which asks for the password of user 'neo4j', and the instances hold one chosen earlier")),
      up.describe(),
    );
    assert.ok(
      up.lines.stdout.some((line) => line.startsWith("graphlb up: no monitor: it reads each member's High Availability bean, which asks for the password of user 'neo4j', and the instances hold one chosen earlier")),
      up.describe(),
    );
    assert.equal(up.lines.stdout.some((line) => /^(proxy|monitor) +pid /.test(line)), false, up.describe());
    assert.equal(fs.existsSync(passwordFile), false, 'no new password is generated over a chosen one');
    assert.equal(fs.existsSync(proxyConf) || fs.existsSync(monitorConf), false, 'no configuration is written for a proxy or monitor that could not use it');
    up.signal('SIGINT');
    assert.deepEqual(await up.exit(startMs), { code: 0, signal: null }, up.describe());
    for (const pid of pids) assert.equal(processExists(pid), false, `engine ${pid} is gone`);
  });
});
