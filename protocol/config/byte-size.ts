/**
 * Sizes in graphlb's YAML files: a whole number and an optional binary unit, no space.
 *
 *   512   64k   16m   1g      (k = 1024 bytes, m = 1024 k, g = 1024 m; HAProxy's units)
 *
 * A bare number is bytes: unlike a duration, a size has only one sensible base unit.
 */

const sizePattern = /^(\d+)([kmg]?)$/;

const unitBytes: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes, or undefined when `text` is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = sizePattern.exec(text);
  if (match === null) return undefined;
  const bytes = Number(match[1]) * (unitBytes[match[2] ?? ''] ?? Number.NaN);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
