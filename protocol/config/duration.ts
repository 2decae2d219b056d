/**
 * Durations in graphlb's YAML files (proxy and monitor): a whole number and a unit, no space.
 *
 *   500ms   1s   15s   2m   1h   1d
 *
 * A bare number is refused: "15" could mean milliseconds or seconds, so the unit has
 * to be written (HAProxy accepts bare milliseconds; we would rather not guess).
 */

const durationPattern = /^(\d+)(ms|s|m|h|d)$/;

const unitMilliseconds: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds, or undefined when `text` is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text);
  if (match === null) return undefined;
  const milliseconds = Number(match[1]) * (unitMilliseconds[match[2] ?? ''] ?? Number.NaN);
  return Number.isSafeInteger(milliseconds) ? milliseconds : undefined;
}
