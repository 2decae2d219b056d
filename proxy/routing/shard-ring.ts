/**
 * Which member serves a shard key's reads: consistent hashing (the `hashring` package,
 * ketama points) with a bounded-load rule and explicit pins. The ring is built once per
 * member list (construct a new ShardRing when the configured members change); which
 * members are eligible and how busy they are is asked per pick, because that changes
 * with every health check and request.
 *
 * Keys stick to their member: a member that is not eligible hands its keys to the next
 * eligible member clockwise, and every other key stays where it was.
 */
import HashRing from 'hashring';

export interface ShardPin {
  /** Keys this matches go to `member` while it is eligible. */
  readonly match: RegExp;
  readonly member: string;
}

export interface ShardRingOptions {
  /** Virtual nodes per member (each is 4 ring points, as in ketama); 1 or more. */
  readonly vnodes: number;
  /** Bounded load: a member takes no more than ceil(loadFactor x average in-flight); 0 turns it off, else 1 or more. */
  readonly loadFactor: number;
  /** Checked in order; the first pin that matches a key decides it if its member is eligible. */
  readonly pins: readonly ShardPin[];
}

export class ShardRing {
  readonly members: readonly string[];
  readonly #ring: HashRing;
  readonly #loadFactor: number;
  readonly #pins: readonly ShardPin[];

  constructor(members: readonly string[], options: ShardRingOptions) {
    const { vnodes, loadFactor, pins } = options;
    if (!Number.isInteger(vnodes) || vnodes < 1) {
      throw new RangeError(`sharding.vnodes is ${String(vnodes)}; expected a whole number of virtual nodes per member, 1 or more (160 is usual).`);
    }
    if (!Number.isFinite(loadFactor) || (loadFactor !== 0 && loadFactor < 1)) {
      throw new RangeError(`sharding.loadFactor is ${String(loadFactor)}; expected 0 (off) or a number of 1 or more, such as 1.25: below 1 no member could stay under the bound.`);
    }
    const seen = new Set<string>();
    for (const member of members) {
      if (member === '') throw new Error('A shard ring member has an empty name; expected each cluster member to be named.');
      if (seen.has(member)) throw new Error(`The shard ring lists member "${member}" twice; expected each cluster member once.`);
      seen.add(member);
    }
    for (const pin of pins) {
      if (!seen.has(pin.member)) {
        throw new Error(`sharding.pins sends /${pin.match.source}/ to member "${pin.member}", which is not a cluster member; expected one of: ${members.join(', ') || '(none)'}. Fix the pin's member or add the member to cluster.members.`);
      }
    }
    this.members = [...members];
    this.#loadFactor = loadFactor;
    // A global or sticky regex carries lastIndex from one test() to the next and would
    // match a key only every other time; pins compare whole keys, so drop those flags.
    this.#pins = pins.map((pin) => ({ member: pin.member, match: pin.match.global || pin.match.sticky ? new RegExp(pin.match.source, pin.match.flags.replace(/[gy]/g, '')) : pin.match }));
    // Each member gets its own vnode count and 'vnode count' is 0: hashring then uses the
    // count verbatim. With a shared count it rescales by weight and floors the result,
    // which can shift a member's points when another member joins or leaves.
    const servers: Record<string, { vnodes: number }> = {};
    for (const member of this.members) servers[member] = { vnodes };
    this.#ring = new HashRing(servers, 'md5', { 'vnode count': 0 });
  }

  /**
   * The member for `key`, or undefined when no ring member is eligible. `eligible` may
   * name members that are not on the ring; they are ignored. `inFlight` is only asked
   * when the bounded-load rule is on and the ring owner is busy.
   */
  pick(key: string, eligible: ReadonlySet<string>, inFlight: (member: string) => number): string | undefined {
    for (const pin of this.#pins) {
      if (pin.match.test(key)) {
        if (eligible.has(pin.member)) return pin.member;
        break;
      }
    }
    const owner = this.#ring.get(key);
    if (owner === undefined) return undefined;
    if (eligible.has(owner)) {
      // An idle owner is under any bound, so the common case costs one lookup.
      if (this.#loadFactor === 0) return owner;
      const ownerLoad = inFlight(owner);
      if (ownerLoad === 0) return owner;
      const bound = this.#bound(eligible, inFlight);
      // With loadFactor >= 1 some eligible member is always within the bound; should the
      // counts disagree with that, the key stays with its owner rather than wander.
      return ownerLoad <= bound ? owner : (this.#clockwise(key, owner, bound, eligible, inFlight) ?? owner);
    }
    // The owner is out: its keys go clockwise, to the first member within the bound, or
    // (if the counts leave none within it) to the first eligible one.
    const bound = this.#loadFactor === 0 ? Infinity : this.#bound(eligible, inFlight);
    return this.#clockwise(key, owner, bound, eligible, inFlight) ?? this.#clockwise(key, owner, Infinity, eligible, inFlight);
  }

  /** ceil(loadFactor x average in-flight over the eligible ring members); Infinity if none is eligible. */
  #bound(eligible: ReadonlySet<string>, inFlight: (member: string) => number): number {
    let total = 0;
    let count = 0;
    for (const member of this.members) {
      if (!eligible.has(member)) continue;
      total += inFlight(member);
      count++;
    }
    return count === 0 ? Infinity : Math.ceil((this.#loadFactor * total) / count);
  }

  /**
   * The first eligible member after the owner, clockwise, whose in-flight count is within
   * `bound`. Only reached when the owner cannot take the key, so the one array hashring's
   * range() builds is off the common path.
   */
  #clockwise(key: string, owner: string, bound: number, eligible: ReadonlySet<string>, inFlight: (member: string) => number): string | undefined {
    for (const member of this.#ring.range(key)) {
      if (member === owner || !eligible.has(member)) continue;
      if (bound === Infinity || inFlight(member) <= bound) return member;
    }
    return undefined;
  }
}
