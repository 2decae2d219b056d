/**
 * What a reload changed, as setting paths (`routing.maxLagTx`, `cluster.members`), for the
 * `config_reload` log line. Compared two levels deep: a changed member list is one change,
 * not one per field. Values are never reported, so a changed password shows as
 * `cluster.auth` and nothing more.
 */
import type { ProxyConfig } from './config/proxy-config.js';

export function configChanges(before: ProxyConfig, after: ProxyConfig): string[] {
  const changes: string[] = [];
  const top = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof ProxyConfig>;
  for (const key of top) {
    const old: unknown = before[key];
    const now: unknown = after[key];
    if (isRecord(old) && isRecord(now)) {
      for (const sub of new Set([...Object.keys(old), ...Object.keys(now)])) {
        if (comparable(old[sub]) !== comparable(now[sub])) changes.push(`${key}.${sub}`);
      }
    } else if (comparable(old) !== comparable(now)) {
      changes.push(key);
    }
  }
  return changes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RegExp);
}

/** JSON with regular expressions as their text (JSON.stringify makes every RegExp `{}`). */
function comparable(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof RegExp ? `/${item.source}/${item.flags}` : item)) ?? 'undefined';
}
