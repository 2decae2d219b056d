/**
 * A refused monitor configuration (the shared ConfigError: `file:line:col: path: problem;
 * expected what`), named so a caller can tell the monitor's file from the proxy's.
 */
import { ConfigError } from '../../protocol/config/config-error.js';

export class MonitorConfigError extends ConfigError {
  override readonly name: string = 'MonitorConfigError';
}
