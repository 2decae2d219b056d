/**
 * An example configuration file (conf/proxy.yaml, conf/monitor.yaml), rendered from a
 * settings table in HAProxy's configuration.txt shape: the caller's header states the
 * conventions once, then per setting its syntax line, what it does, its unit and its
 * default, followed by the setting itself at that default. Required settings carry an
 * example; optional ones without a default are shown commented out. Parsing the result
 * gives the defaults (each file's test checks it).
 */
import { stringify } from 'yaml';
import type { ConfigSetting } from './config-setting.js';

export function renderYamlExample(settings: readonly ConfigSetting[], header: readonly string[]): string {
  const out = [...header];
  let section = '';
  for (const setting of settings) {
    if (isDocumentedUnderParent(settings, setting)) continue;
    const keys = setting.path.split('.');
    const top = keys.length > 1 ? keys[0]! : '';
    if (top !== section) {
      out.push('');
      if (top !== '') out.push(`${top}:`);
      section = top;
    } else out.push('');
    const indent = '  '.repeat(keys.length - 1);
    for (const line of documentation(settings, setting)) out.push(`${indent}#${line === '' ? '' : ` ${line}`}`);
    out.push(...valueLines(setting, keys[keys.length - 1]!, indent));
  }
  return `${out.join('\n')}\n`;
}

/** List-item keys and the keys of an optional mapping are described under their parent. */
function isDocumentedUnderParent(settings: readonly ConfigSetting[], setting: ConfigSetting): boolean {
  return settings.some((parent) => parent !== setting && (setting.path.startsWith(`${parent.path}.`) || setting.path.startsWith(`${parent.path}[].`)));
}

function documentation(settings: readonly ConfigSetting[], setting: ConfigSetting): string[] {
  const lines = [`${setting.path} <${setting.expected}>`, ...wrap(setting.description).map((line) => `  ${line}`)];
  if (setting.unit !== '') lines.push(`  Unit: ${setting.unit === 'ms' ? 'a duration, used in milliseconds' : setting.unit}.`);
  lines.push(`  ${defaultSentence(setting)}`);
  const children = settings.filter((child) => child.path.startsWith(`${setting.path}.`) || child.path.startsWith(`${setting.path}[].`));
  for (const child of children) {
    const key = child.path.slice(setting.path.length).replace(/^(\[\])?\./, '');
    lines.push(`  ${key} <${child.expected}>${child.required === true ? ' (required)' : ' (optional)'}`);
    for (const line of wrap(child.description)) lines.push(`      ${line}`);
  }
  return lines;
}

function defaultSentence(setting: ConfigSetting): string {
  if (setting.required === true) return 'Required; no default (the value below is an example).';
  if (setting.default === undefined) return 'Optional; no default (an example is shown commented out).';
  if (Array.isArray(setting.default)) return setting.default.length === 0 ? 'Defaults to an empty list.' : 'Defaults to the list below.';
  return `Defaults to ${String(setting.default)}.`;
}

function valueLines(setting: ConfigSetting, key: string, indent: string): string[] {
  const block = (value: unknown): string[] => stringify({ [key]: value }, { lineWidth: 0 }).trimEnd().split('\n');
  if (setting.default !== undefined) {
    const lines = block(setting.default).map((line) => `${indent}${line}`);
    if (setting.example !== undefined) {
      lines.push(`${indent}# for example:`, ...block(setting.example).map((line) => `${indent}# ${line}`));
    }
    return lines;
  }
  const example = block(setting.example ?? '');
  return setting.required === true ? example.map((line) => `${indent}${line}`) : example.map((line) => `${indent}# ${line}`);
}

/** Words into lines of at most 84 characters, so the file reads in a terminal. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > 84) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
