/**
 * `graphlb up`: everything on one machine with one command. For now that is an HA
 * cluster of --instances engine instances (3; 1 runs in SINGLE mode); the proxy and the
 * monitor join it later.
 *
 *   prepare <data>/instanceN for N = 1..count (write conf/neo4j.conf when missing, with
 *   the cluster secret of the files already there or a new random one; else reuse it)
 *     -> with --password (or GRAPHLB_PASSWORD), set it as the initial password of neo4j
 *     -> spawn the engines -> wait until all answer HTTP (bounded) -> print addresses
 *     -> HA: poll the role endpoints until one member is master (bounded), print it
 *     -> run until SIGINT/SIGTERM or a death -> stop all children at once (SIGTERM,
 *        bounded, then SIGKILL)
 *
 * The cluster secret is written to the instances' files (mode 0600) and never printed.
 *
 * Exit codes: 0 stopped cleanly; 1 an instance failed to start, died, or had to be
 * killed, or its auth file is unreadable or corrupt; 2 bad flags, an instance's
 * configuration is wrong, or --password is not the password already chosen.
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
import { describeExit, EngineChild, EngineSpawnError } from './engine-child.js';
import { clusterSecretIn, generateClusterSecret, instancePorts, renderInstanceConf, type ClusterConf } from './instance-conf.js';
import { parsePassword } from './set-initial-password-command.js';

/** How long an instance may take to answer HTTP after its start (recovery included). */
const startTimeoutMs = 120_000;
/** How long an instance may take to stop (a final checkpoint) before it is killed. */
const stopTimeoutMs = 60_000;
/** How long the members of a fresh cluster may take to elect a master before `up` says so. */
const electionTimeoutMs = 60_000;
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
    .description('start a local graphlb on this machine (for now an HA cluster of engine instances), print its addresses and its master, stop it all on Ctrl-C')
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
    instances.push({ name, home, confFile, generated, http });
  }

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
  return supervise(children, count > 1 ? authorization : false);
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
async function supervise(children: readonly EngineChild[], ha: string | undefined | false): Promise<number> {
  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  const onSignal = (signal: NodeJS.Signals): void => signalled(signal);
  const killChildren = (): void => children.forEach((child) => child.kill());
  const anyExited = Promise.race(children.map((child) => child.exited.then((exit) => ({ child, exit }))));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killChildren);
  try {
    const started = await Promise.race([
      Promise.all(children.map((child) => child.waitUntilServing(startTimeoutMs).then((serving) => ({ child, serving })))),
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

    for (const child of children) {
      say(`${child.name}  pid      ${child.pid}`);
      say(`${child.name}  http     http://${child.address}/`);
      say(`${child.name}  cypher   http://${child.address}/db/neo4j/tx/commit   (POST {"statements":[{"statement":"RETURN 1"}]}, user ${defaultUserName})`);
      say(`${child.name}  metrics  http://${child.address}/metrics`);
      if (ha !== false) say(`${child.name}  role     http://${child.address}/db/manage/server/ha/available`);
      say(`${child.name}  conf     ${child.confFile}`);
      say(`${child.name}  log      ${child.logFile}`);
    }
    if (ha !== false) {
      const elected = await Promise.race([awaitMaster(children, ha), stopRequested.then(() => 'signal' as const), anyExited.then(() => 'died' as const)]);
      if (elected === 'signal') return await stopAll(children);
      if (elected === undefined) {
        complain(`graphlb up: no member answered master within ${electionTimeoutMs / 1000}s; the instances keep running: see their logs (event election)`);
      } else if (elected !== 'died') {
        say(`graphlb up: ${elected.name} is master (http://${elected.address}/); the others are slaves and forward writes to it`);
      }
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

/** Stops every child at once (SIGTERM, bounded, then SIGKILL); 0 when all stopped cleanly. */
async function stopAll(children: readonly EngineChild[]): Promise<number> {
  const codes = await Promise.all(children.map((child) => stop(child)));
  const code = codes.every((c) => c === 0) ? 0 : 1;
  if (code === 0) say('graphlb up: stopped');
  return code;
}

async function stop(child: EngineChild): Promise<number> {
  if (!child.running) return 0;
  say(`graphlb up: stopping ${child.name} (pid ${child.pid})`);
  const { exit, killed } = await child.stop(stopTimeoutMs);
  if (killed) {
    complain(`graphlb up: ${child.name} did not stop within ${stopTimeoutMs / 1000}s and was killed; it recovers on its next start`);
    return 1;
  }
  // Killed by our own SIGTERM: it was still loading, before the engine handles signals.
  if (exit.code !== 0 && exit.signal !== 'SIGTERM') {
    reportDeath(child, describeExit(exit));
    return 1;
  }
  return 0;
}

function reportDeath(child: EngineChild, how: string): void {
  complain(`graphlb up: ${child.name} (pid ${child.pid}) ${how}; the end of ${child.logFile}:`);
  for (const line of child.logTail(5)) complain(`  ${line}`);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}
