/**
 * Sizes, as written in neo4j.conf: a whole number of bytes with an optional binary unit.
 *
 *   65536   64k   512m   4g   250M   100MB   64kb
 *
 * k, m and g are KiB, MiB and GiB multiples (case-insensitive); a trailing b/B is allowed
 * and means nothing more; a plain number is bytes.
 */

const sizePattern = /^(\d+)\s*([kmg]?)b?$/i;

const multipliers: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes, or undefined when `text` is not a size. */
export function parseSize(text: string): number | undefined {
  const match = sizePattern.exec(text);
  if (match === null) return undefined;
  const bytes = Number(match[1]) * (multipliers[(match[2] ?? '').toLowerCase()] ?? 1);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
