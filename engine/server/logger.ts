/**
 * The engine's logger: graphlb's JSON log lines (protocol/log/json-logger.ts) with the
 * engine's events (engine_started, settings_loaded, checkpoint, log_rotated, ...). The
 * settings marked secret in the settings table never reach a line either.
 */
import type { Logger } from 'pino';
import { createJsonLogger, type JsonLoggerOptions } from '../../protocol/log/json-logger.js';
import { settingDefinitions, settingNames } from '../settings/setting-definitions.js';

const secretSettings = settingNames.filter((name) => settingDefinitions[name].secret);
const secretSettingPaths = [...secretSettings.map((name) => `settings["${name}"]`), ...secretSettings.map((name) => `["${name}"]`)];

export function createEngineLogger(options: Omit<JsonLoggerOptions, 'redact'> = {}): Logger {
  return createJsonLogger({ ...options, redact: secretSettingPaths });
}
