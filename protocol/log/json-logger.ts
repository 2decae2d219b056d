/**
 * The log format of every graphlb process (engine, proxy, monitor): pino JSON lines on
 * stdout, one event per line with a stable `event` field that operators and tests match
 * on (never the message), ISO time, the level as a word. Passwords and authorization
 * headers are redacted wherever they sit in a logged object; a process adds the paths of
 * its own secrets.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const alwaysRedactedPaths: readonly string[] = [
  'password',
  '*.password',
  'auth.password',
  'cluster.auth.password',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export interface JsonLoggerOptions {
  /** Where lines go; stdout, written synchronously, when absent. */
  readonly destination?: DestinationStream;
  readonly level?: pino.LevelWithSilent;
  /** More paths to redact, beyond alwaysRedactedPaths. */
  readonly redact?: readonly string[];
}

export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: [...alwaysRedactedPaths, ...(options.redact ?? [])], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous so that the last lines before an exit (engine_stopped, proxy_stopped, ...) are never lost.
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
