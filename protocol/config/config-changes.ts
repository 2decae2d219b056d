/**
 * What a reload changed, as setting paths (`routing.maxLagTx`, `cluster.members`), for the
 * proxy's and the monitor's `config_reload` log lines. Compared two levels deep: a changed
 * member list is one change, not one per field. Values are never reported, so a changed
 * password shows as `cluster.auth` and nothing more. Paths come in the order of `before`'s
 * keys (then keys only `after` has).
 */
export function configChanges<T extends object>(before: T, after: T): string[] {
  const changes: string[] = [];
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
    const was = old[key];
    const is = now[key];
    if (isRecord(was) && isRecord(is)) {
      for (const sub of new Set([...Object.keys(was), ...Object.keys(is)])) {
        if (comparable(was[sub]) !== comparable(is[sub])) changes.push(`${key}.${sub}`);
      }
    } else if (comparable(was) !== comparable(is)) {
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
