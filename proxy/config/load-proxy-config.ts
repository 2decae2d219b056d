/**
 * Loading the proxy's configuration file; a SIGHUP reload calls this again and keeps
 * the old configuration when it throws.
 */
import { readConfigFile } from '../../protocol/config/read-config-file.js';
import { proxyConfigFormat } from './parse-proxy-config.js';
import type { ProxyConfig } from './proxy-config.js';

/** Reads and parses `file`; throws ProxyConfigError (also for an unreadable file). */
export function loadProxyConfig(file: string, env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  return readConfigFile(file, env, proxyConfigFormat);
}
