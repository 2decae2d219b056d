import { pino, type Logger } from 'pino';

/** A logger that writes nothing, for tests that do not look at log lines. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
