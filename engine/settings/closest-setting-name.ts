/**
 * The known setting a mistyped key most likely meant, for "did you mean ...?".
 */
import { settingNames, type SettingName } from './setting-definitions.js';

/** The closest known name, or undefined when none is close enough to be a plausible typo. */
export function closestSettingName(key: string): SettingName | undefined {
  const lower = key.toLowerCase();
  // A key written without its prefix ("pagecache.memory") or with the wrong case.
  const bySuffix = settingNames.find((name) => name === lower || name.endsWith(`.${lower}`));
  if (bySuffix !== undefined) return bySuffix;
  let best: SettingName | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const name of settingNames) {
    const distance = editDistance(lower, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
