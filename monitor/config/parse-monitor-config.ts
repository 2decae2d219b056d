/**
 * Reading the monitor's YAML (design.md section 6) into a MonitorConfig, refusing a bad
 * file with ONE MonitorConfigError naming file:line:col, the key, the problem and what
 * was expected. The steps are the shared loader's, the same as the proxy's
 * (protocol/config/parse-yaml-config.ts); this file names the monitor's table, schema
 * and error class.
 */
import { parseYamlConfig } from '../../protocol/config/parse-yaml-config.js';
import type { YamlConfigFormat } from '../../protocol/config/yaml-config-format.js';
import type { MonitorConfig } from './monitor-config.js';
import { monitorConfigSchema } from './monitor-config-schema.js';
import { MonitorConfigError } from './monitor-config-error.js';
import { monitorSettings } from './monitor-settings.js';

export const monitorConfigFormat: YamlConfigFormat<MonitorConfig> = {
  exampleFile: 'conf/monitor.yaml',
  expectedTopLevel: 'a mapping with at least cluster.members',
  settings: monitorSettings,
  schema: monitorConfigSchema,
  error: MonitorConfigError,
};

/** Parses `text` as if read from `file` (used in messages only). */
export function parseMonitorConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): MonitorConfig {
  return parseYamlConfig(text, file, env, monitorConfigFormat);
}
