/**
 * The share of draws that fall on the hottest 1% of shard keys (countries), as bench/proxy/lua/keyed-read.lua
 * counts it, for a uniform and a Zipf distribution: the bench prints it beside the share
 * wrk measured, so a wrong generator shows in the table.
 */

/** How many ranks count as hot among `keys` countries (keyed-read.lua's `hot`). */
export function hotRanks(keys: number): number {
  return Math.max(1, Math.floor(keys / 100));
}

/** P(rank <= hotRanks(keys)) when rank r is drawn with probability proportional to 1 / r^s. */
export function zipfTopShare(keys: number, s: number): number {
  const hot = hotRanks(keys);
  let top = 0;
  let all = 0;
  for (let rank = 1; rank <= keys; rank++) {
    const weight = 1 / rank ** s;
    all += weight;
    if (rank <= hot) top += weight;
  }
  return top / all;
}

export function uniformTopShare(keys: number): number {
  return hotRanks(keys) / keys;
}
