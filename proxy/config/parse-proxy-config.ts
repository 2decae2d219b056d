/**
 * Reading the proxy's YAML (design.md section 5) into a ProxyConfig, refusing a bad
 * file with ONE ProxyConfigError naming file:line:col, the key, the problem and what
 * was expected. The steps are the shared loader's (protocol/config/parse-yaml-config.ts);
 * this file names the proxy's table, schema and error class.
 */
import { parseYamlConfig } from '../../protocol/config/parse-yaml-config.js';
import type { YamlConfigFormat } from '../../protocol/config/yaml-config-format.js';
import { ProxyConfigError } from './proxy-config-error.js';
import { proxyConfigSchema } from './proxy-config-schema.js';
import { proxySettings } from './proxy-settings.js';
import type { ProxyConfig } from './proxy-config.js';

export const proxyConfigFormat: YamlConfigFormat<ProxyConfig> = {
  exampleFile: 'conf/proxy.yaml',
  expectedTopLevel: 'a mapping with at least cluster.members',
  settings: proxySettings,
  schema: proxyConfigSchema,
  error: ProxyConfigError,
};

/** Parses `text` as if read from `file` (used in messages only). */
export function parseProxyConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  return parseYamlConfig(text, file, env, proxyConfigFormat);
}
