/**
 * Reading a configuration file from disk, refusing an unreadable one with the same kind
 * of one-line error as a bad one.
 */
import fs from 'node:fs';
import { parseYamlConfig } from './parse-yaml-config.js';
import type { YamlConfigFormat } from './yaml-config-format.js';

/** Reads and parses `file`; throws the format's error class (also for an unreadable file). */
export function readConfigFile<T>(file: string, env: NodeJS.ProcessEnv, format: YamlConfigFormat<T>): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new format.error(file, 1, 1, '', `cannot read the file (${reason}); expected a readable YAML file, as in ${format.exampleFile}`);
  }
  return parseYamlConfig(text, file, env, format);
}
