/**
 * Durations, as written in neo4j.conf: a whole number followed by a unit, with or
 * without a space between them.
 *
 *   500ms   4s   15m   1h   7d   7 days   1 hours   90 seconds
 *
 * Units (lower case): ms, s, m, h, d, and the words millisecond(s), second(s),
 * minute(s), hour(s), day(s). A bare number is refused: "60" could mean milliseconds
 * (Neo4j's reading) or seconds (most people's), so the unit has to be written.
 */

const durationPattern = /^(\d+)\s*([a-z]+)$/;

const unitMilliseconds: Readonly<Record<string, number>> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Milliseconds, or undefined when `text` is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text);
  if (match === null) return undefined;
  const unit = unitMilliseconds[match[2] ?? ''];
  if (unit === undefined) return undefined;
  const milliseconds = Number(match[1]) * unit;
  return Number.isSafeInteger(milliseconds) ? milliseconds : undefined;
}

/** `milliseconds` in the largest unit that writes it as a whole number: 1500 -> "1500ms", 2000 -> "2s". */
export function formatDuration(milliseconds: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (milliseconds >= size && milliseconds % size === 0) return `${milliseconds / size}${unit}`;
  }
  return `${milliseconds}ms`;
}
