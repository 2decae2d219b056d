/**
 * The monitor's logger: pino JSON lines on stdout, one event per line with a stable
 * `event` field (monitor_started, the cluster events, alert_not_delivered,
 * member_metrics_missing, monitor_stopped). Passwords and authorization headers are
 * redacted wherever they sit in a logged object; the configuration is never logged whole.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const monitorRedactedPaths: readonly string[] = ['password', '*.password', 'auth.password', 'cluster.auth.password', 'authorization', 'headers.authorization'];

export interface MonitorLoggerOptions {
  /** Where lines go; stdout, written synchronously, when absent. */
  readonly destination?: DestinationStream;
  readonly level?: pino.LevelWithSilent;
}

export function createMonitorLogger(options: MonitorLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: [...monitorRedactedPaths], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous so that the last lines before an exit (monitor_stopped) are never lost.
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
