/**
 * `graphlb up`: everything on one machine with one command: an HA cluster of --instances
 * engine instances (3; 1 runs in SINGLE mode), the routing proxy in front of it and the
 * monitor beside it, whose status page is the one address to open.
 *
 *   prepare <data>/instanceN for N = 1..count (write conf/neo4j.conf when missing, with
 *   the cluster secret of the files already there or a new random one; else reuse it)
 *     -> the password of neo4j: --password (or GRAPHLB_PASSWORD), else <data>/password,
 *        else for a fresh HA cluster one generated into <data>/password (up-password.ts);
 *        set it as the initial password of every instance
 *     -> HA: prepare <data>/proxy.yaml and <data>/monitor.yaml (each written when
 *        missing, else reused; see below) and parse them
 *     -> spawn the engines -> wait until all answer HTTP (bounded) -> print addresses
 *     -> HA: poll the role endpoints until one member is master (bounded), print it
 *     -> HA: spawn the proxy -> wait until its admin listener answers /status (bounded),
 *        print its addresses
 *     -> HA: spawn the monitor -> wait until its listener answers /api/cluster (bounded),
 *        print its status page
 *     -> run until SIGINT/SIGTERM or a death -> stop the proxy, then the monitor, then
 *        every engine at once (each SIGTERM, bounded, then SIGKILL)
 *
 * The proxy and the monitor run only beside an HA cluster. With one instance (SINGLE)
 * the HA endpoints answer 403: the proxy would know no master and hold every write, and
 * the monitor would show one member with no role, lag or heartbeats (its /metrics says
 * more); `up` prints a note for each and starts neither (connect to the instance
 * directly). Each is skipped too when its generated file could not let it check the
 * members: an instance asks for credentials (dbms.security.auth_enabled, the default)
 * and `up` has no password (none given, no <data>/password, and the instances hold one
 * chosen earlier), so the High Availability bean would answer 401 to every check. An existing proxy.yaml or monitor.yaml is always used as it is (the operator has
 * decided); its listen addresses must name ports. The password reaches both as
 * GRAPHLB_PASSWORD in their environment; the files say `${GRAPHLB_PASSWORD}` and never
 * hold it.
 *
 * The monitor is stopped before the engines, so that members stopped on purpose raise no
 * member_down or no_master alert; were it left to the end it would log them, harmlessly.
 *
 * The cluster secret is written to the instances' files (mode 0600) and never printed.
 *
 * Exit codes: 0 stopped cleanly; 1 an instance, the proxy or the monitor failed to
 * start, died, or had to be killed, or an auth file is unreadable or corrupt; 2 bad
 * flags, an instance's configuration, proxy.yaml or monitor.yaml is wrong, or --password
 * is not the password already chosen.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { AuthFileError } from '../engine/security/auth-file-error.js';
import { setInitialPassword } from '../engine/security/initial-password.js';
import { defaultUserName } from '../engine/security/user-record.js';
import { readSettingsFile, type LoadedSettings } from '../engine/settings/load-settings.js';
import { SettingsError } from '../engine/settings/settings-error.js';
import { formatSocketAddress, type SocketAddress } from '../protocol/config/socket-address.js';
import { loadMonitorConfig } from '../monitor/config/load-monitor-config.js';
import { MonitorConfigError } from '../monitor/config/monitor-config-error.js';
import { loadProxyConfig } from '../proxy/config/load-proxy-config.js';
import { ProxyConfigError } from '../proxy/config/proxy-config-error.js';
import { haRole } from './ha-role.js';
import { clusterSecretIn, generateClusterSecret, instancePorts, renderInstanceConf, type ClusterConf } from './instance-conf.js';
import { monitorPort, renderMonitorConf } from './monitor-conf.js';
import { proxyPorts, renderProxyConf } from './proxy-conf.js';
import { reachable } from './reachable-address.js';
import { parsePassword } from './set-initial-password-command.js';
import { passwordFileName, resolveUpPassword, UpPasswordError, type UpPassword } from './up-password.js';
import { ChildSpawnError, describeExit, engineChildSpec, serviceChildSpec, serviceEnvironment, UpChild, type ChildExit, type UpChildRole, type UpChildSpec } from './up-child.js';

/** How long an instance may take to answer HTTP after its start (recovery included). */
const startTimeoutMs = 120_000;
/** How long an instance may take to stop (a final checkpoint) before it is killed. */
const stopTimeoutMs = 60_000;
/** How long the members of a fresh cluster may take to elect a master before `up` says so. */
const electionTimeoutMs = 60_000;
/** How long the proxy may take to answer on its admin listener (its first round of checks included). */
const proxyStartTimeoutMs = 30_000;
/** How long the proxy may take to stop: it lets requests in flight finish for up to 10 s. */
const proxyStopTimeoutMs = 20_000;
/** How long the monitor may take to answer on its listener. */
const monitorStartTimeoutMs = 30_000;
/** How long the monitor may take to stop: it closes its listener and its scrape loop. */
const monitorStopTimeoutMs = 10_000;
/** Instance 10 would take the monitor's port 7490 (design.md's port table). */
const maxInstances = 9;

export interface UpOptions {
  readonly instances: number;
  readonly data: string;
  /** The initial password of the user neo4j of every instance; from --password or GRAPHLB_PASSWORD. */
  readonly password: string | undefined;
}

export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description('start a local graphlb on this machine (an HA cluster of engine instances, the routing proxy in front of it and the monitor beside it), print its addresses, its master and the status page, stop it all on Ctrl-C')
    .option('--instances <n>', `number of engine instances, 1 to ${maxInstances}: several form an HA cluster, 1 runs alone (dbms.mode=SINGLE)`, parseCount, 3)
    .option('--data <dir>', 'directory of every instance\'s configuration, store and logs; reused on restart', './data')
    .addOption(
      new Option('--password <password>', `initial password of the user ${defaultUserName} of every instance, set before it starts (as graphlb set-initial-password); must be the current one once chosen`)
        .env('GRAPHLB_PASSWORD')
        .argParser(parsePassword),
    )
    .action(async (options: UpOptions) => {
      process.exitCode = await runUp(options);
    });
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > maxInstances) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${maxInstances} (instance N listens on HTTP 7480+N)`);
  }
  return Number(text);
}

interface Instance {
  readonly name: string;
  readonly home: string;
  readonly confFile: string;
  readonly generated: boolean;
  /** Its dbms.directories.data, absolute. */
  readonly dataDir: string;
  readonly http: SocketAddress;
  readonly bolt: SocketAddress;
  readonly authEnabled: boolean;
}

/** A service `up` does not start, and why. */
interface Skipped {
  readonly run: false;
  readonly note: string;
}

/** A service `up` starts from `configFile` (written now when `generated`). */
interface Planned {
  readonly run: true;
  readonly configFile: string;
  readonly generated: boolean;
  readonly password: string | undefined;
}

/** What `up` does about the proxy; `admin` is where its readiness is polled. */
type ProxyPlan = Skipped | (Planned & { readonly http: SocketAddress; readonly admin: SocketAddress });

/** What `up` does about the monitor; `listen` serves its status page. */
type MonitorPlan = Skipped | (Planned & { readonly listen: SocketAddress });

async function runUp(options: UpOptions): Promise<number> {
  const data = path.resolve(options.data);
  const count = options.instances;
  const homes = Array.from({ length: count }, (_, i) => path.join(data, `instance${i + 1}`));
  const confFiles = homes.map((home) => path.join(home, 'conf', 'neo4j.conf'));
  let cluster: ClusterConf | undefined;
  try {
    // Members written later join the cluster of the ones already there.
    if (count > 1) cluster = { count, secret: existingClusterSecret(confFiles) ?? generateClusterSecret() };
  } catch (error) {
    complain(`graphlb up: cannot read the instances' settings under ${data} (${(error as Error).message}); expected --data to name a directory graphlb may read`);
    return 2;
  }

  const instances: Instance[] = [];
  for (const [index, confFile] of confFiles.entries()) {
    const name = `instance${index + 1}`;
    const home = homes[index]!;
    let generated: boolean;
    try {
      generated = writeConfWhenMissing(confFile, renderInstanceConf(index + 1, cluster));
    } catch (error) {
      complain(`graphlb up: cannot write ${confFile} (${(error as Error).message}); expected --data to name a directory graphlb may write to`);
      return 2;
    }
    let loaded: LoadedSettings;
    try {
      loaded = readSettingsFile(confFile);
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      complain(`graphlb up: ${error.message}`);
      return 2;
    }
    const http = loaded.values['dbms.connector.http.listen_address'];
    if (http.port === 0) {
      const line = loaded.sources.get('dbms.connector.http.listen_address')?.line;
      complain(`graphlb up: ${confFile}:${line ?? '?'}: dbms.connector.http.listen_address=${formatSocketAddress(http)}: ` +
        `graphlb up has to know the port to reach the instance; expected a fixed port such as ${instancePorts(index + 1).http}`);
      return 2;
    }
    instances.push({
      name,
      home,
      confFile,
      generated,
      // The engine resolves a relative data directory against its working directory, the instance's home.
      dataDir: path.resolve(home, loaded.values['dbms.directories.data']),
      http,
      bolt: loaded.values['dbms.connector.bolt.listen_address'],
      authEnabled: loaded.values['dbms.security.auth_enabled'],
    });
  }
  const password = choosePassword(data, count, instances, options.password);
  if (typeof password === 'number') return password;
  if (password.password !== undefined) {
    for (const instance of instances) {
      const refused = setPassword(instance.name, instance.dataDir, password);
      if (refused !== undefined) return refused;
    }
  }
  const proxy = planProxy(data, instances, password.password);
  if (typeof proxy === 'number') return proxy;
  const monitor = planMonitor(data, instances, password.password);
  if (typeof monitor === 'number') return monitor;

  if (count === 1) {
    const only = instances[0]!;
    say(`graphlb up: starting 1 engine instance, ${only.generated ? 'wrote' : 'reusing'} ${only.confFile}`);
  } else {
    say(`graphlb up: starting ${count} engine instances as an HA cluster`);
    for (const instance of instances) say(`graphlb up: ${instance.name}: ${instance.generated ? 'wrote' : 'reusing'} ${instance.confFile}`);
  }
  const children: UpChild[] = [];
  for (const instance of instances) {
    try {
      children.push(
        UpChild.spawn(engineChildSpec({ name: instance.name, home: instance.home, confFile: instance.confFile, logFile: path.join(instance.home, 'logs', 'engine.log'), http: instance.http })),
      );
    } catch (error) {
      if (!(error instanceof ChildSpawnError)) throw error;
      complain(`graphlb up: ${error.message} (${(await error.reason).message})`);
      await stopAll(children);
      return 1;
    }
  }
  const authorization = password.password === undefined ? undefined : `Basic ${Buffer.from(`${defaultUserName}:${password.password}`).toString('base64')}`;
  return supervise(children, count > 1 ? authorization : false, { proxy, monitor }, data);
}

/** Prepares <data>/proxy.yaml (written when missing) and reads it; an exit code when it is refused. */
function planProxy(data: string, instances: readonly Instance[], password: string | undefined): ProxyPlan | number {
  if (instances.length === 1) {
    return { run: false, note: 'graphlb up: no proxy in front of one instance: it runs alone (dbms.mode=SINGLE) and has no HA roles to route by; connect to instance1 directly' };
  }
  const configFile = path.join(data, 'proxy.yaml');
  const needsAuth = instances.some((instance) => instance.authEnabled);
  const members = instances.map((instance) => ({ name: instance.name, http: instance.http, bolt: instance.bolt }));
  const generated = writeServiceConfWhenMissing(configFile, needsAuth && password === undefined ? undefined : () => renderProxyConf(members, needsAuth ? defaultUserName : undefined));
  if (generated === 'skipped') {
    return {
      run: false,
      note:
        `graphlb up: no proxy: it checks each member's High Availability bean, which asks for the password of user '${defaultUserName}', and the instances hold one chosen earlier that was not given (no --password, no ${passwordFileName} in the data directory); ` +
        `run graphlb up --password P (or set GRAPHLB_PASSWORD) to start it on ${proxyPorts.http}`,
    };
  }
  if (typeof generated === 'number') return generated;
  try {
    const config = loadProxyConfig(configFile, serviceEnvironment(password));
    if (config.listen.admin.port === 0 || config.listen.http.port === 0) {
      complain(`graphlb up: ${configFile}: listen: graphlb up has to know the proxy's ports to reach it; expected fixed ports such as http: 127.0.0.1:${proxyPorts.http} and admin: 127.0.0.1:${proxyPorts.admin}`);
      return 2;
    }
    return { run: true, configFile, generated, http: reachable(config.listen.http), admin: reachable(config.listen.admin), password };
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    complain(`graphlb up: ${error.message}`);
    return 2;
  }
}

/** Prepares <data>/monitor.yaml (written when missing) and reads it; an exit code when it is refused. */
function planMonitor(data: string, instances: readonly Instance[], password: string | undefined): MonitorPlan | number {
  if (instances.length === 1) {
    return {
      run: false,
      note: "graphlb up: no monitor beside one instance: it watches an HA cluster's roles, lag and heartbeats, which an instance running alone (dbms.mode=SINGLE) does not have; see instance1's /metrics instead",
    };
  }
  const configFile = path.join(data, 'monitor.yaml');
  const needsAuth = instances.some((instance) => instance.authEnabled);
  const members = instances.map((instance) => ({ name: instance.name, http: instance.http }));
  const generated = writeServiceConfWhenMissing(configFile, needsAuth && password === undefined ? undefined : () => renderMonitorConf(members, needsAuth ? defaultUserName : undefined));
  if (generated === 'skipped') {
    return {
      run: false,
      note:
        `graphlb up: no monitor: it reads each member's High Availability bean, which asks for the password of user '${defaultUserName}', and the instances hold one chosen earlier that was not given (no --password, no ${passwordFileName} in the data directory); ` +
        `run graphlb up --password P (or set GRAPHLB_PASSWORD) to start it and its status page on ${monitorPort}`,
    };
  }
  if (typeof generated === 'number') return generated;
  try {
    const config = loadMonitorConfig(configFile, serviceEnvironment(password));
    if (config.listen.port === 0) {
      complain(`graphlb up: ${configFile}: listen: graphlb up has to know the monitor's port to tell you its status page; expected a fixed port such as 127.0.0.1:${monitorPort}`);
      return 2;
    }
    return { run: true, configFile, generated, listen: reachable(config.listen), password };
  } catch (error) {
    if (!(error instanceof MonitorConfigError)) throw error;
    complain(`graphlb up: ${error.message}`);
    return 2;
  }
}

/**
 * Writes a service's generated file unless `configFile` exists: true when written, false
 * when an existing one is reused, 'skipped' when it is missing and `render` is undefined
 * (the generated file could not work), an exit code when it cannot be written.
 */
function writeServiceConfWhenMissing(configFile: string, render: (() => string) | undefined): boolean | 'skipped' | number {
  if (fs.existsSync(configFile)) return false;
  if (render === undefined) return 'skipped';
  try {
    fs.writeFileSync(configFile, render(), { flag: 'wx' });
    return true;
  } catch (error) {
    complain(`graphlb up: cannot write ${configFile} (${(error as Error).message}); expected --data to name a directory graphlb may write to`);
    return 2;
  }
}

/** The ha.cluster_secret of the first existing instance settings file that has one. */
function existingClusterSecret(confFiles: readonly string[]): string | undefined {
  for (const confFile of confFiles) {
    if (!fs.existsSync(confFile)) continue;
    const secret = clusterSecretIn(fs.readFileSync(confFile, 'utf8'));
    if (secret !== undefined) return secret;
  }
  return undefined;
}

/**
 * The password for the instances, the proxy and the monitor (see up-password.ts): only an
 * HA cluster asking for credentials needs one when none is given. An exit code when the
 * password file or an auth file cannot be read.
 */
function choosePassword(data: string, count: number, instances: readonly Instance[], given: string | undefined): UpPassword | number {
  if (count === 1 || !instances.some((instance) => instance.authEnabled)) {
    return given === undefined ? { source: 'unknown', password: undefined } : { source: 'given', password: given };
  }
  let chosen: UpPassword;
  try {
    chosen = resolveUpPassword(data, given, instances.map((instance) => instance.dataDir));
  } catch (error) {
    if (error instanceof UpPasswordError) {
      complain(`graphlb up: ${error.message}`);
      return 2;
    }
    if (!(error instanceof AuthFileError)) throw error;
    complain(`graphlb up: ${error.message}`);
    return 1;
  }
  if (chosen.source === 'generated') {
    say(`graphlb up: generated a password for user '${defaultUserName}' into ${chosen.file} (mode 0600) for the proxy and the monitor; read it there to connect, or choose your own with --password`);
  } else if (chosen.source === 'file') {
    say(`graphlb up: using the password of user '${defaultUserName}' kept in ${chosen.file}`);
  }
  return chosen;
}

/** Sets the instance's initial password as `graphlb set-initial-password` does; an exit code when it cannot. */
function setPassword(instance: string, dataDir: string, chosen: UpPassword & { password: string }): number | undefined {
  try {
    const result = setInitialPassword(dataDir, chosen.password);
    switch (result.outcome) {
      case 'set':
        say(`graphlb up: ${instance}: set the initial password of user '${defaultUserName}' in ${result.file}`);
        return undefined;
      case 'unchanged':
        return undefined;
      case 'refused':
        complain(
          `graphlb up: ${instance}: the password was not set: ${result.file} holds a password of user '${defaultUserName}' chosen already ` +
            (chosen.source === 'given'
              ? `(or more users than ${defaultUserName}), and the one given is not it; expected --password (or GRAPHLB_PASSWORD) to be the current password, or neither; `
              : `(or more users than ${defaultUserName}), and the one in ${chosen.file} is not it; expected ${chosen.file} to hold the current password, or --password to give it; `) +
            `change it with POST /user/${defaultUserName}/password, or stop graphlb and remove ${result.file} to start over`,
        );
        return 2;
    }
  } catch (error) {
    if (!(error instanceof AuthFileError)) throw error;
    complain(`graphlb up: ${instance}: ${error.message}`);
    return 1;
  }
}

/**
 * Runs until a signal or a child's death; whatever ends this process, no engine is left
 * behind. `ha` is false for one SINGLE instance, else the Authorization for the role
 * endpoints (undefined: none, as the generated settings need none).
 */
async function supervise(
  engines: readonly UpChild[],
  ha: string | undefined | false,
  plans: { readonly proxy: ProxyPlan; readonly monitor: MonitorPlan },
  data: string,
): Promise<number> {
  const children: UpChild[] = [...engines];
  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  const onSignal = (signal: NodeJS.Signals): void => signalled(signal);
  const killChildren = (): void => children.forEach((child) => child.kill());
  const exitOf = (child: UpChild): Promise<{ child: UpChild; exit: ChildExit }> => child.exited.then((exit) => ({ child, exit }));
  let anyExited = Promise.race(children.map(exitOf));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killChildren);

  /**
   * Spawns a service and waits until it answers (bounded); it joins `children` at once,
   * so that whatever happens next stops it too. 'failed' has been reported.
   */
  const startService = async (spec: UpChildSpec, timeoutMs: number): Promise<UpChild | 'signal' | 'failed'> => {
    let service: UpChild;
    try {
      service = UpChild.spawn(spec);
    } catch (error) {
      if (!(error instanceof ChildSpawnError)) throw error;
      complain(`graphlb up: ${error.message} (${(await error.reason).message})`);
      return 'failed';
    }
    children.push(service);
    anyExited = Promise.race(children.map(exitOf));
    const answering = await Promise.race([service.waitUntilReady(timeoutMs), stopRequested.then(() => 'signal' as const)]);
    if (answering === 'signal') return 'signal';
    if (answering) return service;
    await reportNotReady(service, timeoutMs);
    return 'failed';
  };

  try {
    const started = await Promise.race([
      Promise.all(engines.map((child) => child.waitUntilReady(startTimeoutMs).then((serving) => ({ child, serving })))),
      stopRequested.then(() => 'signal' as const),
    ]);
    if (started === 'signal') return await stopAll(children);
    const failed = started.find(({ serving }) => !serving)?.child;
    if (failed !== undefined) {
      await reportNotReady(failed, startTimeoutMs);
      await stopAll(children);
      return 1;
    }

    for (const child of engines) {
      say(`${child.name}  pid      ${child.pid}`);
      say(`${child.name}  http     ${child.url}/`);
      say(`${child.name}  cypher   ${child.url}/db/neo4j/tx/commit   (POST {"statements":[{"statement":"RETURN 1"}]}, user ${defaultUserName})`);
      say(`${child.name}  metrics  ${child.url}/metrics`);
      if (ha !== false) say(`${child.name}  role     ${child.url}/db/manage/server/ha/available`);
      say(`${child.name}  conf     ${child.configFile}`);
      say(`${child.name}  log      ${child.logFile}`);
    }
    if (ha !== false) {
      const elected = await Promise.race([awaitMaster(engines, ha), stopRequested.then(() => 'signal' as const), anyExited.then(() => 'died' as const)]);
      if (elected === 'signal') return await stopAll(children);
      if (elected === undefined) {
        complain(`graphlb up: no member answered master within ${electionTimeoutMs / 1000}s; the instances keep running: see their logs (event election)`);
      } else if (elected !== 'died') {
        say(`graphlb up: ${elected.name} is master (${elected.url}/); the others are slaves and forward writes to it`);
      }
    }
    const { proxy: proxyPlan, monitor: monitorPlan } = plans;
    if (!proxyPlan.run) {
      say(proxyPlan.note);
    } else if (engines.every((child) => child.running)) {
      const proxy = await startService(
        serviceChildSpec({ command: 'proxy', configFile: proxyPlan.configFile, home: data, logFile: path.join(data, 'logs', 'proxy.log'), listener: proxyPlan.admin, readyPath: '/status', password: proxyPlan.password }),
        proxyStartTimeoutMs,
      );
      if (proxy === 'signal') return await stopAll(children);
      if (proxy === 'failed') {
        await stopAll(children);
        return 1;
      }
      say(`proxy  pid      ${proxy.pid}`);
      say(`proxy  http://${formatSocketAddress(proxyPlan.http)}  (admin ${proxy.url})`);
      say(`proxy  conf     ${proxyPlan.configFile}${proxyPlan.generated ? '   (written now)' : ''}`);
      say(`proxy  log      ${proxy.logFile}`);
      say(`proxy  status   graphlb status --proxy ${proxy.url}`);
      const health = await proxy.get('/healthz');
      if (health.status !== 200) complain(`graphlb up: the proxy knows no master yet: ${health.body.trim()}`);
    }
    if (!monitorPlan.run) {
      say(monitorPlan.note);
    } else if (engines.every((child) => child.running)) {
      const monitor = await startService(
        serviceChildSpec({ command: 'monitor', configFile: monitorPlan.configFile, home: data, logFile: path.join(data, 'logs', 'monitor.log'), listener: monitorPlan.listen, readyPath: '/api/cluster', password: monitorPlan.password }),
        monitorStartTimeoutMs,
      );
      if (monitor === 'signal') return await stopAll(children);
      if (monitor === 'failed') {
        await stopAll(children);
        return 1;
      }
      say(`monitor  pid      ${monitor.pid}`);
      say(`monitor  ${monitor.url}/   (status page: open this)`);
      say(`monitor  conf     ${monitorPlan.configFile}${monitorPlan.generated ? '   (written now)' : ''}`);
      say(`monitor  log      ${monitor.logFile}`);
    }
    say('graphlb up: ready; press Ctrl-C to stop');

    const ended = await Promise.race([anyExited, stopRequested]);
    if (typeof ended === 'string') return await stopAll(children);
    reportDeath(ended.child, describeExit(ended.exit));
    await stopAll(children.filter((child) => child !== ended.child));
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', killChildren);
  }
}

/** Polls the role endpoints until one member answers master; undefined after {@link electionTimeoutMs}. */
async function awaitMaster(children: readonly UpChild[], authorization: string | undefined): Promise<UpChild | undefined> {
  const deadline = Date.now() + electionTimeoutMs;
  while (Date.now() < deadline) {
    const roles = await Promise.all(children.map((child) => (child.running ? haRole(child, authorization) : 'unknown')));
    const master = children[roles.indexOf('master')];
    if (master !== undefined) return master;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}

/** Writes an instance's generated settings file unless one exists; true when it wrote one. */
function writeConfWhenMissing(confFile: string, text: string): boolean {
  if (fs.existsSync(confFile)) return false;
  fs.mkdirSync(path.dirname(confFile), { recursive: true });
  // It may hold ha.cluster_secret: readable by its owner alone.
  fs.writeFileSync(confFile, text, { flag: 'wx', mode: 0o600 });
  return true;
}

/**
 * Stops the proxy first, so that no client request reaches a stopping engine through it,
 * then the monitor, so that it raises no alert about members stopped on purpose, then
 * every engine at once (SIGTERM, bounded, then SIGKILL); 0 when all stopped cleanly.
 */
async function stopAll(children: readonly UpChild[]): Promise<number> {
  const stopEach = (role: UpChildRole, timeoutMs: number): Promise<number[]> =>
    Promise.all(children.filter((child) => child.role === role).map((child) => stop(child, timeoutMs)));
  const codes = [...(await stopEach('proxy', proxyStopTimeoutMs)), ...(await stopEach('monitor', monitorStopTimeoutMs)), ...(await stopEach('engine', stopTimeoutMs))];
  const code = codes.every((c) => c === 0) ? 0 : 1;
  if (code === 0) say('graphlb up: stopped');
  return code;
}

async function stop(child: UpChild, timeoutMs: number): Promise<number> {
  if (!child.running) return 0;
  say(`graphlb up: stopping ${child.name} (pid ${child.pid})`);
  const { exit, killed } = await child.stop(timeoutMs);
  if (killed) {
    complain(`graphlb up: ${child.name} did not stop within ${timeoutMs / 1000}s and was killed${child.role === 'engine' ? '; it recovers on its next start' : ''}`);
    return 1;
  }
  // Killed by our own SIGTERM: it was still loading, before the child handles signals.
  if (exit.code !== 0 && exit.signal !== 'SIGTERM') {
    reportDeath(child, describeExit(exit));
    return 1;
  }
  return 0;
}

/** Says why a child is not ready after its start: it did not answer in time (it is stopped next), or it died. */
async function reportNotReady(child: UpChild, timeoutMs: number): Promise<void> {
  if (child.running) complain(`graphlb up: ${child.label} (pid ${child.pid}) did not answer on ${child.readyUrl} within ${timeoutMs / 1000}s; stopping it`);
  else reportDeath(child, describeExit(await child.exited));
}

function reportDeath(child: UpChild, how: string): void {
  complain(`graphlb up: ${child.name} (pid ${child.pid}) ${how}; the end of ${child.logFile}:`);
  for (const line of child.logTail(5)) complain(`  ${line}`);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}
