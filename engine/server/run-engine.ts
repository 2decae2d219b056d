/**
 * `graphlb engine --conf FILE`: one engine instance as a process.
 *
 *   read settings ── a mistake ──> one line on stderr, exit code 2
 *   start ── failure ──> engine_failed logged, one line on stderr, exit code 1
 *   RUNNING until SIGTERM or SIGINT ──> stop (HTTP closed, database checkpointed and
 *   closed) ──> exit code 0, or 1 when the stop failed
 *
 * A second signal during the stop is logged and ignored: the database is closing and
 * must not be cut short (SIGKILL remains for that, recovery repairs it).
 */
import { readSettingsFile, type LoadedSettings } from '../settings/load-settings.js';
import { settingDefinitions, settingNames, type EngineSettings } from '../settings/setting-definitions.js';
import { SettingsError } from '../settings/settings-error.js';
import { EngineServer } from './engine-server.js';
import { createEngineLogger } from './logger.js';

/** Runs an engine until a signal stops it; resolves with the process exit code. */
export async function runEngine(confFile: string): Promise<number> {
  let loaded: LoadedSettings;
  try {
    loaded = readSettingsFile(confFile);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`graphlb engine: ${error.message}\n`);
    return 2;
  }

  const logger = createEngineLogger();
  logger.info({ event: 'settings_loaded', file: loaded.file, settings: settingsForLog(loaded.values) }, `settings read from ${loaded.file}`);

  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => (signalled = resolve));
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signals++ > 0) logger.warn({ event: 'signal_ignored', signal }, `${signal} ignored: the engine is already stopping`);
    signalled(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    let server: EngineServer;
    try {
      server = await EngineServer.start(loaded, logger);
    } catch (error) {
      logger.error({ event: 'engine_failed', err: error }, 'engine failed to start');
      process.stderr.write(`graphlb engine: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    const signal = await stopSignal;
    logger.info({ event: 'signal_received', signal }, `${signal} received`);
    try {
      await server.stop();
      return 0;
    } catch (error) {
      logger.error({ event: 'engine_stop_failed', err: error }, 'engine failed to stop cleanly');
      process.stderr.write(`graphlb engine: stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

/** The settings as logged: secrets replaced (the logger redacts them too, belt and braces). */
function settingsForLog(values: EngineSettings): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const name of settingNames) {
    shown[name] = settingDefinitions[name].secret && values[name] !== undefined ? '[redacted]' : values[name];
  }
  return shown;
}
