/**
 * Counts, as written in the retention policy ("200k txs", "10 files"): a whole number
 * with an optional decimal unit, k = 1,000 and m = 1,000,000 (case-insensitive). Counts
 * are of transactions and files, not bytes, so the units are decimal unlike sizes.
 */

const countPattern = /^(\d+)([km]?)$/i;

/** The count, or undefined when `text` is not one. */
export function parseCount(text: string): number | undefined {
  const match = countPattern.exec(text);
  if (match === null) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const count = Number(match[1]) * (unit === 'k' ? 1000 : unit === 'm' ? 1_000_000 : 1);
  return Number.isSafeInteger(count) ? count : undefined;
}
