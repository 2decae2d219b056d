/**
 * Reads a neo4j.conf-style file into {@link EngineSettings}: every line checked in file
 * order (the first mistake stops the start), defaults for what the file leaves out, then
 * the rules that tie settings together.
 */
import fs from 'node:fs';
import { closestSettingName } from './closest-setting-name.js';
import { confLines } from './conf-lines.js';
import { checkSettingRules } from './setting-rules.js';
import { isSettingName, settingDefinitions, settingNames, type EngineSettings, type SettingName } from './setting-definitions.js';
import { SettingsError } from './settings-error.js';

export interface SettingSource {
  /** 1-based line of the file that set the setting. */
  readonly line: number;
  /** The value as written. */
  readonly text: string;
}

export interface LoadedSettings {
  /** The file as the user named it, for messages. */
  readonly file: string;
  readonly values: EngineSettings;
  /** The settings the file sets, with where; a setting absent here has its default. */
  readonly sources: ReadonlyMap<SettingName, SettingSource>;
}

/** Reads and checks `file`; throws {@link SettingsError} at the first mistake. */
export function readSettingsFile(file: string): LoadedSettings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SettingsError(
      {
        code: 'SETTINGS_UNREADABLE_FILE',
        file,
        problem: `cannot read the file (${reason})`,
        expected: 'a readable neo4j.conf-style file of key=value lines',
        hint: 'check the path given to --conf',
      },
      { cause: error },
    );
  }
  return parseSettings(text, file);
}

/** Reads and checks the text of a settings file named `file`; throws {@link SettingsError}. */
export function parseSettings(text: string, file: string): LoadedSettings {
  const values: Record<string, unknown> = {};
  for (const name of settingNames) values[name] = settingDefinitions[name].defaultValue;
  const sources = new Map<SettingName, SettingSource>();

  for (const { line, key, value } of confLines(text, file)) {
    if (!isSettingName(key)) {
      const closest = closestSettingName(key);
      throw new SettingsError({
        code: 'SETTINGS_UNKNOWN_KEY',
        file,
        line,
        key,
        value,
        problem: 'unknown setting',
        expected: 'one of the settings documented in conf/neo4j.conf',
        hint: closest === undefined ? 'remove the line or correct the name' : `did you mean ${closest}?`,
      });
    }
    const definition: (typeof settingDefinitions)[SettingName] = settingDefinitions[key];
    const shown = definition.secret ? '<redacted>' : value;
    const earlier = sources.get(key);
    if (earlier !== undefined) {
      throw new SettingsError({
        code: 'SETTINGS_DUPLICATE_KEY',
        file,
        line,
        key,
        value: shown,
        problem: `already set on line ${earlier.line}`,
        expected: 'each setting at most once',
        hint: 'remove one of the two lines',
      });
    }
    const parsed: unknown = definition.type.parse(value);
    if (parsed === undefined) {
      throw new SettingsError({
        code: definition.type.errorCode,
        file,
        line,
        key,
        value: shown,
        expected: definition.type.expected,
        ...(definition.hint === undefined ? {} : { hint: definition.hint }),
      });
    }
    values[key] = parsed;
    sources.set(key, { line, text: value });
  }

  const loaded: LoadedSettings = { file, values: values as EngineSettings, sources };
  checkSettingRules(loaded);
  return loaded;
}
