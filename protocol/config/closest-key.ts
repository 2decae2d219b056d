/**
 * The known key a mistyped one most likely meant, for "did you mean ...?".
 */
import { editDistance } from '../edit-distance.js';

/** The closest of `known`, or undefined when none is close enough to be a plausible typo. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  // Wrong case ("maxlagtx") or another spelling convention ("max_lag_tx", "max-lag-tx").
  const squashed = lower.replace(/[-_]/g, '');
  const sameLetters = known.find((name) => name.toLowerCase() === squashed);
  if (sameLetters !== undefined) return sameLetters;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
