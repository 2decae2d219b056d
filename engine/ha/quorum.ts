/**
 * Majority arithmetic for the HA cluster. Every decision that must not be made twice (a
 * master for an epoch, a write lease) needs a majority of ALL configured members, so any
 * two such majorities share at least one member.
 */

/** The smallest number of members that is more than half of `clusterSize`. */
export function majority(clusterSize: number): number {
  if (!Number.isInteger(clusterSize) || clusterSize < 1) {
    throw new RangeError(
      `An HA cluster size must be a positive integer, got ${clusterSize}; list every member's ha.server_id (at least one).`,
    );
  }
  return Math.floor(clusterSize / 2) + 1;
}

export function hasMajority(count: number, clusterSize: number): boolean {
  return count >= majority(clusterSize);
}

export function countWhere<T>(items: Iterable<T>, predicate: (item: T) => boolean): number {
  let count = 0;
  for (const item of items) if (predicate(item)) count++;
  return count;
}

/** Votes per candidate, from a ballot box of voter -> candidate. */
export function tally(votes: ReadonlyMap<number, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const candidate of votes.values()) counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
  return counts;
}
