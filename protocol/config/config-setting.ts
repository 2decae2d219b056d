/**
 * A row of a settings table (the proxy's, the monitor's). The YAML loader takes its
 * defaults, its known keys (unknown ones are refused with a suggestion), its secrets and
 * the "expected ..." half of its error messages from the table, and the example file
 * (conf/proxy.yaml, conf/monitor.yaml) is rendered from it, so docs and parser cannot drift.
 *
 * Paths: `a.b` is a key in a mapping, `a[].b` a key of every item of the list `a`.
 */
export interface ConfigSetting {
  readonly path: string;
  /** The value's form, as shown in the docs' syntax line and in "expected ..." of errors. */
  readonly expected: string;
  /** Unit of the loaded value ("ms" for durations), or "" when it has none. */
  readonly unit: string;
  /** The YAML value used when the key is absent; undefined = required, or optional without one. */
  readonly default?: unknown;
  readonly required?: boolean;
  /** Shown in the example file when there is no default. */
  readonly example?: unknown;
  /** Its value never appears in an error message. */
  readonly secret?: boolean;
  readonly description: string;
}

/** The row for a path with list indices (`cluster.members[0].http`) written as `[]`. */
export function settingAt(settings: readonly ConfigSetting[], path: string): ConfigSetting | undefined {
  const general = path.replace(/\[\d+\]/g, '[]');
  return settings.find((setting) => setting.path === general);
}

/** The keys a mapping at `path` (in `[]` form, '' for the top) may have, in table order. */
export function knownKeysAt(settings: readonly ConfigSetting[], path: string): string[] {
  const keys = new Set<string>();
  const prefix = path === '' ? '' : `${path}.`;
  for (const setting of settings) {
    if (!setting.path.startsWith(prefix)) continue;
    const key = /^[^.[]+/.exec(setting.path.slice(prefix.length))?.[0];
    if (key !== undefined) keys.add(key);
  }
  return [...keys];
}
