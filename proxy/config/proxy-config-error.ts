/**
 * A refused proxy configuration (the shared ConfigError: `file:line:col: path: problem;
 * expected what`), named so a caller can tell the proxy's file from the monitor's.
 */
import { ConfigError } from '../../protocol/config/config-error.js';

export class ProxyConfigError extends ConfigError {
  override readonly name: string = 'ProxyConfigError';
}
