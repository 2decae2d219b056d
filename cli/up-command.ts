/**
 * `graphlb up`: everything on one machine with one command: an HA cluster of --instances
 * engine instances (3; 1 runs in SINGLE mode) and the routing proxy in front of it; the
 * monitor joins it later.
 *
 *   prepare <data>/instanceN for N = 1..count (write conf/neo4j.conf when missing, with
 *   the cluster secret of the files already there or a new random one; else reuse it)
 *     -> with --password (or GRAPHLB_PASSWORD), set it as the initial password of neo4j
 *     -> HA: prepare <data>/proxy.yaml (write it when missing, else reuse it; see below)
 *     -> spawn the engines -> wait until all answer HTTP (bounded) -> print addresses
 *     -> HA: poll the role endpoints until one member is master (bounded), print it
 *     -> HA: spawn the proxy -> wait until its admin listener answers /status (bounded),
 *        print its addresses
 *     -> run until SIGINT/SIGTERM or a death -> stop the proxy, then every engine at
 *        once (SIGTERM, bounded, then SIGKILL)
 *
 * The proxy runs only in front of an HA cluster. With one instance (SINGLE) the HA
 * endpoints answer 403, so the proxy would know no master and hold every write: `up`
 * prints a note and starts none (connect to the instance directly). It is skipped too
 * when the generated proxy.yaml could not let it check the members: an instance asks for
 * credentials (dbms.security.auth_enabled, the default) and no --password is given, so
 * the High Availability bean would answer 401 to every check. An existing proxy.yaml is
 * always used as it is (the operator has decided); its listen.admin must name a port.
 * The password reaches the proxy as GRAPHLB_PASSWORD in its environment; the file says
 * `${GRAPHLB_PASSWORD}` and never holds it.
 *
 * The cluster secret is written to the instances' files (mode 0600) and never printed.
 *
 * Exit codes: 0 stopped cleanly; 1 an instance or the proxy failed to start, died, or
 * had to be killed, or an auth file is unreadable or corrupt; 2 bad flags, an instance's
 * configuration or proxy.yaml is wrong, or --password is not the password already chosen.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { AuthFileError } from '../engine/security/auth-file-error.js';
import { setInitialPassword } from '../engine/security/initial-password.js';
import { defaultUserName } from '../engine/security/user-record.js';
import { readSettingsFile, type LoadedSettings } from '../engine/settings/load-settings.js';
import { SettingsError } from '../engine/settings/settings-error.js';
import { formatSocketAddress, type SocketAddress } from '../engine/settings/socket-address.js';
import { loadProxyConfig } from '../proxy/config/load-proxy-config.js';
import { ProxyConfigError } from '../proxy/config/proxy-config-error.js';
import { describeExit, EngineChild, EngineSpawnError, type ChildExit } from './engine-child.js';
import { clusterSecretIn, generateClusterSecret, instancePorts, renderInstanceConf, type ClusterConf } from './instance-conf.js';
import { ProxyChild, ProxySpawnError } from './proxy-child.js';
import { proxyPorts, renderProxyConf } from './proxy-conf.js';
import { parsePassword } from './set-initial-password-command.js';

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
    .description('start a local graphlb on this machine (an HA cluster of engine instances and the routing proxy in front of it), print its addresses and its master, stop it all on Ctrl-C')
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
  readonly http: SocketAddress;
  readonly bolt: SocketAddress;
  readonly authEnabled: boolean;
}

/** What `up` does about the proxy: run it from `configFile`, or not, saying why. */
type ProxyPlan =
  | { readonly run: false; readonly note: string }
  | { readonly run: true; readonly configFile: string; readonly generated: boolean; readonly http: SocketAddress; readonly admin: SocketAddress; readonly password: string | undefined };

/** Anything `up` starts and stops: an engine instance or the proxy. */
interface Child {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly running: boolean;
  readonly exited: Promise<ChildExit>;
  stop(timeoutMs: number): Promise<{ exit: ChildExit; killed: boolean }>;
  kill(): void;
  logTail(lines: number): string[];
}

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
    if (options.password !== undefined) {
      // The engine resolves a relative data directory against its working directory, the instance's home.
      const refused = setPassword(name, path.resolve(home, loaded.values['dbms.directories.data']), options.password);
      if (refused !== undefined) return refused;
    }
    instances.push({ name, home, confFile, generated, http, bolt: loaded.values['dbms.connector.bolt.listen_address'], authEnabled: loaded.values['dbms.security.auth_enabled'] });
  }
  const proxy = planProxy(data, instances, options.password);
  if (typeof proxy === 'number') return proxy;

  if (count === 1) {
    const only = instances[0]!;
    say(`graphlb up: starting 1 engine instance, ${only.generated ? 'wrote' : 'reusing'} ${only.confFile}`);
  } else {
    say(`graphlb up: starting ${count} engine instances as an HA cluster`);
    for (const instance of instances) say(`graphlb up: ${instance.name}: ${instance.generated ? 'wrote' : 'reusing'} ${instance.confFile}`);
  }
  const children: EngineChild[] = [];
  for (const instance of instances) {
    try {
      children.push(
        EngineChild.spawn({ name: instance.name, home: instance.home, confFile: instance.confFile, logFile: path.join(instance.home, 'logs', 'engine.log'), http: instance.http }),
      );
    } catch (error) {
      if (!(error instanceof EngineSpawnError)) throw error;
      complain(`graphlb up: ${error.message} (${(await error.reason).message})`);
      await stopAll(children);
      return 1;
    }
  }
  const authorization = options.password === undefined ? undefined : `Basic ${Buffer.from(`${defaultUserName}:${options.password}`).toString('base64')}`;
  return supervise(children, count > 1 ? authorization : false, proxy, data);
}

/** Prepares <data>/proxy.yaml (written when missing) and reads it; an exit code when it is refused. */
function planProxy(data: string, instances: readonly Instance[], password: string | undefined): ProxyPlan | number {
  if (instances.length === 1) {
    return { run: false, note: 'graphlb up: no proxy in front of one instance: it runs alone (dbms.mode=SINGLE) and has no HA roles to route by; connect to instance1 directly' };
  }
  const configFile = path.join(data, 'proxy.yaml');
  let generated = false;
  if (!fs.existsSync(configFile)) {
    const needsAuth = instances.some((instance) => instance.authEnabled);
    if (needsAuth && password === undefined) {
      return {
        run: false,
        note:
          `graphlb up: no proxy: it checks each member's High Availability bean, which asks for the password of user '${defaultUserName}', and none was given; ` +
          `run graphlb up --password P (or set GRAPHLB_PASSWORD) to start it on ${proxyPorts.http}`,
      };
    }
    const members = instances.map((instance) => ({ name: instance.name, http: instance.http, bolt: instance.bolt }));
    try {
      fs.writeFileSync(configFile, renderProxyConf(members, needsAuth ? defaultUserName : undefined), { flag: 'wx' });
      generated = true;
    } catch (error) {
      complain(`graphlb up: cannot write ${configFile} (${(error as Error).message}); expected --data to name a directory graphlb may write to`);
      return 2;
    }
  }
  const env = { ...process.env };
  if (password === undefined) delete env['GRAPHLB_PASSWORD'];
  else env['GRAPHLB_PASSWORD'] = password;
  try {
    const config = loadProxyConfig(configFile, env);
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

/** A wildcard listen address is reached through the loopback interface. */
function reachable(address: SocketAddress): SocketAddress {
  if (address.host === '0.0.0.0') return { host: '127.0.0.1', port: address.port };
  if (address.host === '::') return { host: '::1', port: address.port };
  return address;
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

/** Sets the instance's initial password as `graphlb set-initial-password` does; an exit code when it cannot. */
function setPassword(instance: string, dataDir: string, password: string): number | undefined {
  try {
    const result = setInitialPassword(dataDir, password);
    switch (result.outcome) {
      case 'set':
        say(`graphlb up: ${instance}: set the initial password of user '${defaultUserName}' in ${result.file}`);
        return undefined;
      case 'unchanged':
        return undefined;
      case 'refused':
        complain(
          `graphlb up: ${instance}: the password was not set: ${result.file} holds a password of user '${defaultUserName}' chosen already ` +
            `(or more users than ${defaultUserName}), and the one given is not it; expected --password (or GRAPHLB_PASSWORD) to be the current password, or neither; ` +
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
async function supervise(engines: readonly EngineChild[], ha: string | undefined | false, proxyPlan: ProxyPlan, data: string): Promise<number> {
  const children: Child[] = [...engines];
  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  const onSignal = (signal: NodeJS.Signals): void => signalled(signal);
  const killChildren = (): void => children.forEach((child) => child.kill());
  const exitOf = (child: Child): Promise<{ child: Child; exit: ChildExit }> => child.exited.then((exit) => ({ child, exit }));
  let anyExited = Promise.race(children.map(exitOf));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killChildren);
  try {
    const started = await Promise.race([
      Promise.all(engines.map((child) => child.waitUntilServing(startTimeoutMs).then((serving) => ({ child, serving })))),
      stopRequested.then(() => 'signal' as const),
    ]);
    if (started === 'signal') return await stopAll(children);
    const failed = started.find(({ serving }) => !serving)?.child;
    if (failed !== undefined) {
      if (failed.running) {
        complain(`graphlb up: ${failed.name} (pid ${failed.pid}) did not answer on http://${failed.address}/ within ${startTimeoutMs / 1000}s; stopping it`);
      } else {
        reportDeath(failed, describeExit(await failed.exited));
      }
      await stopAll(children);
      return 1;
    }

    for (const child of engines) {
      say(`${child.name}  pid      ${child.pid}`);
      say(`${child.name}  http     http://${child.address}/`);
      say(`${child.name}  cypher   http://${child.address}/db/neo4j/tx/commit   (POST {"statements":[{"statement":"RETURN 1"}]}, user ${defaultUserName})`);
      say(`${child.name}  metrics  http://${child.address}/metrics`);
      if (ha !== false) say(`${child.name}  role     http://${child.address}/db/manage/server/ha/available`);
      say(`${child.name}  conf     ${child.confFile}`);
      say(`${child.name}  log      ${child.logFile}`);
    }
    if (ha !== false) {
      const elected = await Promise.race([awaitMaster(engines, ha), stopRequested.then(() => 'signal' as const), anyExited.then(() => 'died' as const)]);
      if (elected === 'signal') return await stopAll(children);
      if (elected === undefined) {
        complain(`graphlb up: no member answered master within ${electionTimeoutMs / 1000}s; the instances keep running: see their logs (event election)`);
      } else if (elected !== 'died') {
        say(`graphlb up: ${elected.name} is master (http://${elected.address}/); the others are slaves and forward writes to it`);
      }
    }
    if (!proxyPlan.run) {
      say(proxyPlan.note);
    } else if (engines.every((child) => child.running)) {
      let proxy: ProxyChild;
      try {
        proxy = ProxyChild.spawn({ configFile: proxyPlan.configFile, home: data, logFile: path.join(data, 'logs', 'proxy.log'), admin: proxyPlan.admin, password: proxyPlan.password });
      } catch (error) {
        if (!(error instanceof ProxySpawnError)) throw error;
        complain(`graphlb up: ${error.message} (${(await error.reason).message})`);
        await stopAll(children);
        return 1;
      }
      children.unshift(proxy);
      anyExited = Promise.race(children.map(exitOf));
      const answering = await Promise.race([proxy.waitUntilAnswering(proxyStartTimeoutMs), stopRequested.then(() => 'signal' as const)]);
      if (answering === 'signal') return await stopAll(children);
      if (!answering) {
        if (proxy.running) complain(`graphlb up: the proxy (pid ${proxy.pid}) did not answer on ${proxy.adminUrl}/status within ${proxyStartTimeoutMs / 1000}s; stopping it`);
        else reportDeath(proxy, describeExit(await proxy.exited));
        await stopAll(children);
        return 1;
      }
      say(`proxy  pid      ${proxy.pid}`);
      say(`proxy  http://${formatSocketAddress(proxyPlan.http)}  (admin ${proxy.adminUrl})`);
      say(`proxy  conf     ${proxyPlan.configFile}${proxyPlan.generated ? '   (written now)' : ''}`);
      say(`proxy  log      ${proxy.logFile}`);
      say(`proxy  status   graphlb status --proxy ${proxy.adminUrl}`);
      const health = await proxy.get('/healthz');
      if (health.status !== 200) complain(`graphlb up: the proxy knows no master yet: ${health.body.trim()}`);
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
async function awaitMaster(children: readonly EngineChild[], authorization: string | undefined): Promise<EngineChild | undefined> {
  const deadline = Date.now() + electionTimeoutMs;
  while (Date.now() < deadline) {
    const roles = await Promise.all(children.map((child) => (child.running ? child.haRole(authorization) : 'unknown')));
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
 * then every engine at once (SIGTERM, bounded, then SIGKILL); 0 when all stopped cleanly.
 */
async function stopAll(children: readonly Child[]): Promise<number> {
  const proxies = children.filter((child) => child instanceof ProxyChild);
  const proxyCodes = await Promise.all(proxies.map((child) => stop(child, proxyStopTimeoutMs)));
  const codes = await Promise.all(children.filter((child) => !(child instanceof ProxyChild)).map((child) => stop(child, stopTimeoutMs)));
  const code = [...proxyCodes, ...codes].every((c) => c === 0) ? 0 : 1;
  if (code === 0) say('graphlb up: stopped');
  return code;
}

async function stop(child: Child, timeoutMs: number): Promise<number> {
  if (!child.running) return 0;
  say(`graphlb up: stopping ${child.name} (pid ${child.pid})`);
  const { exit, killed } = await child.stop(timeoutMs);
  if (killed) {
    complain(`graphlb up: ${child.name} did not stop within ${timeoutMs / 1000}s and was killed${child instanceof ProxyChild ? '' : '; it recovers on its next start'}`);
    return 1;
  }
  // Killed by our own SIGTERM: it was still loading, before the engine handles signals.
  if (exit.code !== 0 && exit.signal !== 'SIGTERM') {
    reportDeath(child, describeExit(exit));
    return 1;
  }
  return 0;
}

function reportDeath(child: Child, how: string): void {
  complain(`graphlb up: ${child.name} (pid ${child.pid}) ${how}; the end of ${child.logFile}:`);
  for (const line of child.logTail(5)) complain(`  ${line}`);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}
