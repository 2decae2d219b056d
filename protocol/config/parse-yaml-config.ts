/**
 * Reading a graphlb YAML file (the proxy's, the monitor's) into its typed configuration,
 * refusing a bad file with ONE error naming file:line:col, the key, the problem and what
 * was expected. Steps: parse (keeping node ranges), substitute ${VAR}, refuse unknown
 * keys, fill defaults from the settings table, validate with zod, and map the first
 * issue's path back to its YAML node.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { closestKey } from './closest-key.js';
import type { ConfigError } from './config-error.js';
import { knownKeysAt, settingAt } from './config-setting.js';
import type { ConfigSetting } from './config-setting.js';
import type { YamlConfigFormat } from './yaml-config-format.js';

type PathSegment = string | number;
type ErrorAt = (offset: number, path: readonly PathSegment[], problem: string) => ConfigError;

/** Parses `text` as if read from `file` (used in messages only). */
export function parseYamlConfig<T>(text: string, file: string, env: NodeJS.ProcessEnv, format: YamlConfigFormat<T>): T {
  const lines = new LineCounter();
  const document = parseDocument(hideReferences(text), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at: ErrorAt = (offset, path, problem) => {
    const { line, col } = lines.linePos(offset);
    return new format.error(file, line, col, formatPath(path), problem);
  };

  const syntax = document.errors[0];
  if (syntax !== undefined) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    const reason = syntax.message.split('\n')[0] ?? syntax.message;
    throw new format.error(file, line, col, '', `YAML syntax error: ${reason}; expected valid YAML (see ${format.exampleFile})`);
  }
  if (!isMap(document.contents)) {
    const offset = document.contents?.range?.[0] ?? 0;
    throw at(offset, [], `the file ${document.contents === null ? 'is empty' : 'is not a mapping'}; expected ${format.expectedTopLevel}`);
  }

  substituteEnvironment(document, env, at);
  refuseUnknownKeys(document.contents, [], format.settings, at);

  const raw: unknown = document.toJS();
  fillDefaults(raw, format.settings);
  const result = format.schema.safeParse(raw);
  if (result.success) return result.data;

  const issue = result.error.issues[0]!;
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  throw at(offsetOf(document, path), path, describeIssue(issue, path, valueAt(raw, path), format));
}

// design.md writes `password: ${GRAPHLB_PASSWORD}` inside a flow mapping, where `{` and
// `}` are YAML syntax. So before parsing, a reference's braces become two private-use
// characters (same length, so offsets hold) and are substituted in the parsed scalars;
// a variable's value thus never goes through the YAML parser or into its errors.
const open = '\uE000';
const close = '\uE001';

function hideReferences(text: string): string {
  return text.replace(/\$\{([^}\n]*)\}/g, (_whole, name: string) => `$${open}${name}${close}`);
}

/** `${NAME}` in any string scalar, replaced from `env`; an unset variable is refused. */
function substituteEnvironment(document: Document, env: NodeJS.ProcessEnv, at: ErrorAt): void {
  visit(document, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'string' || !node.value.includes(`$${open}`)) return;
      node.value = node.value.replace(new RegExp(`\\$${open}([^${close}]*)${close}`, 'g'), (_whole, name: string) => {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
          throw at(node.range?.[0] ?? 0, pathOf(ancestors, node), `"\${${name}}" is not a variable reference; expected \${NAME} with letters, digits and _`);
        }
        const value = env[name];
        if (value === undefined) {
          throw at(node.range?.[0] ?? 0, pathOf(ancestors, node), `environment variable ${name} is not set; expected it set, or a literal value here`);
        }
        return value;
      });
    },
  });
}

/** The YAML path of a scalar from its ancestors (for messages about it). */
function pathOf(ancestors: readonly unknown[], node: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) path.push(parent.items.indexOf(child as never));
    else if (isMap(parent)) {
      const pair = parent.items.find((p) => p === child);
      if (pair !== undefined && isScalar(pair.key)) path.push(String(pair.key.value));
    }
  }
  return path;
}

/** Every mapping key must be in the settings table; a typo gets "did you mean". */
function refuseUnknownKeys(node: unknown, path: PathSegment[], settings: readonly ConfigSetting[], at: ErrorAt): void {
  if (isSeq(node)) {
    node.items.forEach((item, index) => refuseUnknownKeys(item, [...path, index], settings, at));
    return;
  }
  if (!isMap(node)) return;
  const general = formatPath(path).replace(/\[\d+\]/g, '[]');
  const known = knownKeysAt(settings, general);
  // A mapping where the table expects a plain value is zod's to report ("expected ...").
  if (known.length === 0) return;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyOffset = (pair.key as YamlNode | null)?.range?.[0] ?? 0;
    if (!known.includes(key)) {
      const guess = closestKey(key, known);
      const where = general === '' ? 'at the top level' : `in ${general}`;
      throw at(keyOffset, [...path, key], `unknown key${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; expected one of ${known.join(', ')} ${where}`);
    }
    refuseUnknownKeys(pair.value, [...path, key], settings, at);
  }
}

/** Absent keys get their table default (only paths outside lists have defaults). */
function fillDefaults(raw: unknown, settings: readonly ConfigSetting[]): void {
  if (!isRecord(raw)) return;
  for (const setting of settings) {
    if (setting.default === undefined || setting.path.includes('[]')) continue;
    const keys = setting.path.split('.');
    let target: Record<string, unknown> = raw;
    let reachable = true;
    for (const key of keys.slice(0, -1)) {
      if (target[key] === undefined || target[key] === null) target[key] = {};
      const next = target[key];
      if (!isRecord(next)) {
        reachable = false; // zod reports the non-mapping
        break;
      }
      target = next;
    }
    const last = keys[keys.length - 1]!;
    if (reachable && (target[last] === undefined || target[last] === null)) target[last] = structuredClone(setting.default);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a path's problem is in the file: the value's node, else the nearest enclosing one. */
function offsetOf(document: Document, path: readonly PathSegment[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true);
    if (node !== undefined && node !== null && typeof node === 'object' && 'range' in node) {
      const range = (node as YamlNode).range;
      if (range !== undefined && range !== null) return range[0];
    }
  }
  return 0;
}

function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/** `problem; expected what` for a zod issue, never echoing a secret. */
function describeIssue<T>(issue: z.core.$ZodIssue, path: readonly PathSegment[], value: unknown, format: YamlConfigFormat<T>): string {
  const setting = settingAt(format.settings, formatPath(path));
  const expected = setting?.expected ?? `a value as documented in ${format.exampleFile}`;
  let problem: string;
  if (setting?.secret === true) problem = 'invalid value (not shown: it is a secret)';
  else if (issue.code === 'custom') problem = issue.message;
  else if (value === undefined) problem = 'missing';
  else if (issue.code === 'too_small' && Array.isArray(value)) problem = 'the list is empty';
  else if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'invalid_format') {
    problem = `${describeValue(value)} is not allowed`;
  } else problem = issue.message;
  return problem.includes('; expected ') ? problem : `${problem}; expected ${expected}`;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `cluster.members[0].http` */
function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  return text;
}
