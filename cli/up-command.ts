/**
 * `graphlb up`: everything on one machine with one command. For now that is one engine
 * instance in SINGLE mode; the cluster, the proxy and the monitor join it later.
 *
 *   prepare <data>/instance1 (write conf/neo4j.conf when missing, else reuse it)
 *     -> with --password (or GRAPHLB_PASSWORD), set it as the initial password of neo4j
 *     -> spawn the engine -> wait until its HTTP answers (bounded) -> print addresses
 *     -> run until SIGINT/SIGTERM -> stop the children (SIGTERM, bounded, then SIGKILL)
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
import { formatSocketAddress } from '../engine/settings/socket-address.js';
import { describeExit, EngineChild, EngineSpawnError } from './engine-child.js';
import { renderInstanceConf } from './instance-conf.js';
import { parsePassword } from './set-initial-password-command.js';

/** How long an instance may take to answer HTTP after its start (recovery included). */
const startTimeoutMs = 120_000;
/** How long an instance may take to stop (a final checkpoint) before it is killed. */
const stopTimeoutMs = 60_000;

export interface UpOptions {
  readonly instances: number;
  readonly data: string;
  /** The initial password of the user neo4j of every instance; from --password or GRAPHLB_PASSWORD. */
  readonly password: string | undefined;
}

export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description('start a local graphlb on this machine (for now one engine instance), print its addresses, stop it all on Ctrl-C')
    .option('--instances <n>', 'number of engine instances (only 1 until the HA cluster is available)', parseCount, 1)
    .option('--data <dir>', 'directory of every instance\'s configuration, store and logs; reused on restart', './data')
    .addOption(
      new Option('--password <password>', `initial password of the user ${defaultUserName} of every instance, set before it starts (as graphlb set-initial-password); must be the current one once chosen`)
        .env('GRAPHLB_PASSWORD')
        .argParser(parsePassword),
    )
    .action(async (options: UpOptions, command: Command) => {
      if (options.instances !== 1) {
        command.error(
          `error: --instances ${options.instances}: only one engine instance can run until the HA cluster is available; expected --instances 1`,
          { exitCode: 2, code: 'graphlb.instances' },
        );
      }
      process.exitCode = await runUp(options);
    });
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(text);
}

async function runUp(options: UpOptions): Promise<number> {
  const data = path.resolve(options.data);
  const name = 'instance1';
  const home = path.join(data, name);
  const confFile = path.join(home, 'conf', 'neo4j.conf');
  let generated: boolean;
  try {
    generated = writeConfWhenMissing(confFile, 1);
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
      'graphlb up has to know the port to reach the instance; expected a fixed port such as 7481');
    return 2;
  }

  if (options.password !== undefined) {
    // The engine resolves a relative data directory against its working directory, the instance's home.
    const refused = setPassword(name, path.resolve(home, loaded.values['dbms.directories.data']), options.password);
    if (refused !== undefined) return refused;
  }

  say(`graphlb up: starting 1 engine instance, ${generated ? 'wrote' : 'reusing'} ${confFile}`);
  let child: EngineChild;
  try {
    child = EngineChild.spawn({ name, home, confFile, logFile: path.join(home, 'logs', 'engine.log'), http });
  } catch (error) {
    if (!(error instanceof EngineSpawnError)) throw error;
    complain(`graphlb up: ${error.message} (${(await error.reason).message})`);
    return 1;
  }
  return supervise(child);
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

/** Runs until a signal or the child's death; whatever ends this process, no engine is left behind. */
async function supervise(child: EngineChild): Promise<number> {
  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  const onSignal = (signal: NodeJS.Signals): void => signalled(signal);
  const killChild = (): void => child.kill();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killChild);
  try {
    const started = await Promise.race([
      child.waitUntilServing(startTimeoutMs).then((serving) => (serving ? 'serving' : 'failed')),
      stopRequested.then(() => 'signal' as const),
    ]);
    if (started === 'signal') return await stop(child);
    if (started === 'failed') {
      if (child.running) {
        complain(`graphlb up: ${child.name} (pid ${child.pid}) did not answer on http://${child.address}/ within ${startTimeoutMs / 1000}s; stopping it`);
        await child.stop(stopTimeoutMs);
      } else {
        reportDeath(child, describeExit(await child.exited));
      }
      return 1;
    }

    say(`${child.name}  pid      ${child.pid}`);
    say(`${child.name}  http     http://${child.address}/`);
    say(`${child.name}  cypher   http://${child.address}/db/neo4j/tx/commit   (POST {"statements":[{"statement":"RETURN 1"}]}, user ${defaultUserName})`);
    say(`${child.name}  metrics  http://${child.address}/metrics`);
    say(`${child.name}  conf     ${child.confFile}`);
    say(`${child.name}  log      ${child.logFile}`);
    say('graphlb up: ready; press Ctrl-C to stop');

    const ended = await Promise.race([child.exited, stopRequested]);
    if (typeof ended === 'string') return await stop(child);
    reportDeath(child, describeExit(ended));
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', killChild);
  }
}

/** Writes the instance's generated settings file unless one exists; true when it wrote one. */
function writeConfWhenMissing(confFile: string, instance: number): boolean {
  if (fs.existsSync(confFile)) return false;
  fs.mkdirSync(path.dirname(confFile), { recursive: true });
  fs.writeFileSync(confFile, renderInstanceConf(instance), { flag: 'wx' });
  return true;
}

async function stop(child: EngineChild): Promise<number> {
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
  say('graphlb up: stopped');
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
