/**
 * Loading the proxy's configuration file; a SIGHUP reload calls this again and keeps
 * the old configuration when it throws.
 */
import fs from 'node:fs';
import { parseProxyConfig } from './parse-proxy-config.js';
import { ProxyConfigError } from './proxy-config-error.js';
import type { ProxyConfig } from './proxy-config.js';

/** Reads and parses `file`; throws ProxyConfigError (also for an unreadable file). */
export function loadProxyConfig(file: string, env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProxyConfigError(file, 1, 1, '', `cannot read the file (${reason}); expected a readable YAML file, as in conf/proxy.yaml`);
  }
  return parseProxyConfig(text, file, env);
}
