/**
 * Loading the monitor's configuration file.
 */
import { readConfigFile } from '../../protocol/config/read-config-file.js';
import type { MonitorConfig } from './monitor-config.js';
import { monitorConfigFormat } from './parse-monitor-config.js';

/** Reads and parses `file`; throws MonitorConfigError (also for an unreadable file). */
export function loadMonitorConfig(file: string, env: NodeJS.ProcessEnv = process.env): MonitorConfig {
  return readConfigFile(file, env, monitorConfigFormat);
}
