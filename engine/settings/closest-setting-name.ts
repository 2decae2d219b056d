/**
 * The known setting a mistyped key most likely meant, for "did you mean ...?".
 */
import { editDistance } from '../../protocol/edit-distance.js';
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
