/**
 * The proxy's logger: pino JSON lines on stdout, one event per line with a stable
 * `event` field (proxy_started, config_reload, member_state, master_changed, write_hold,
 * ...). Passwords and authorization headers are redacted wherever they sit in a logged
 * object; the configuration is never logged whole.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const proxyRedactedPaths: readonly string[] = [
  'password',
  '*.password',
  'auth.password',
  'cluster.auth.password',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
];

export interface ProxyLoggerOptions {
  /** Where lines go; stdout, written synchronously, when absent. */
  readonly destination?: DestinationStream;
  readonly level?: pino.LevelWithSilent;
}

export function createProxyLogger(options: ProxyLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: [...proxyRedactedPaths], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous so that the last lines before an exit (proxy_stopped) are never lost.
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
