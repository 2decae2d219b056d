/**
 * The engine's logger: pino JSON lines on stdout, one event per line. Every line an
 * engine writes carries a stable `event` field (engine_started, settings_loaded,
 * checkpoint, log_rotated, ...) that operators and tests match on, never the message.
 *
 * Secrets never reach a line: the settings marked secret in the settings table, and
 * passwords and authorization headers wherever they sit in a logged object.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { settingDefinitions, settingNames } from '../settings/setting-definitions.js';

const secretSettings = settingNames.filter((name) => settingDefinitions[name].secret);

export const redactedPaths: readonly string[] = [
  ...secretSettings.map((name) => `settings["${name}"]`),
  ...secretSettings.map((name) => `["${name}"]`),
  'password',
  '*.password',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export interface EngineLoggerOptions {
  /** Where lines go; stdout, written synchronously, when absent. */
  readonly destination?: DestinationStream;
  readonly level?: pino.LevelWithSilent;
}

export function createEngineLogger(options: EngineLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: [...redactedPaths], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous so that the last lines before an exit (engine_stopped) are never lost.
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
