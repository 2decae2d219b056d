import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShardRing } from '../../../../proxy/routing/shard-ring.js';
import { Random } from '../../../support/random.js';

const members = ['instance1', 'instance2', 'instance3', 'instance4', 'instance5'];
const idle = (): number => 0;

function keys(count: number, seed: number): string[] {
  const random = new Random(seed);
  const out = new Set<string>();
  while (out.size < count) out.add(`key-${random.int(1e9)}-${random.string(8)}`);
  return [...out];
}

describe('ShardRing', () => {
  it('sends the same key to the same member for 1,000 requests, and a rebuilt ring agrees', () => {
    const ring = new ShardRing(members, { vnodes: 160, loadFactor: 1.25, pins: [] });
    const eligible = new Set(members);
    for (const key of keys(20, 1)) {
      const first = ring.pick(key, eligible, idle);
      assert.ok(first !== undefined && members.includes(first));
      for (let i = 0; i < 1000; i++) assert.equal(ring.pick(key, eligible, idle), first, key);
      const rebuilt = new ShardRing([...members].reverse(), { vnodes: 160, loadFactor: 1.25, pins: [] });
      assert.equal(rebuilt.pick(key, eligible, idle), first, 'member order must not matter');
    }
  });

  it('spreads keys about evenly with 160 vnodes', () => {
    const ring = new ShardRing(members, { vnodes: 160, loadFactor: 0, pins: [] });
    const eligible = new Set(members);
    const counts = new Map<string, number>();
    for (const key of keys(10_000, 2)) {
      const member = ring.pick(key, eligible, idle)!;
      counts.set(member, (counts.get(member) ?? 0) + 1);
    }
    assert.equal(counts.size, members.length);
    for (const [member, count] of counts) assert.ok(count > 2000 * 0.75 && count < 2000 * 1.25, `${member}: ${count}`);
  });

  // 7 members with 40 vnodes: hashring's weight rescaling would floor to 39 points each and
  // to 40 with 6 members, moving survivors' keys; the ring must use the count verbatim.
  const setups = [
    { members, vnodes: 160 },
    { members: [...members, 'instance6', 'instance7'], vnodes: 40 },
  ];
  for (const { members, vnodes } of setups) {
    for (const how of ['no longer eligible', 'rebuilt without it'] as const) {
      it(`moves only the removed member's keys when one of ${members.length} members (${vnodes} vnodes) is ${how} (10,000 keys)`, () => {
        const eligible = new Set(members);
        const ring = new ShardRing(members, { vnodes, loadFactor: 0, pins: [] });
        const sample = keys(10_000, 3);
        const before = sample.map((key) => ring.pick(key, eligible, idle));
        for (const removed of members) {
          const survivors = members.filter((member) => member !== removed);
          const after =
            how === 'rebuilt without it'
              ? (() => {
                  const smaller = new ShardRing(survivors, { vnodes, loadFactor: 0, pins: [] });
                  return sample.map((key) => smaller.pick(key, eligible, idle));
                })()
              : sample.map((key) => ring.pick(key, new Set(survivors), idle));
          let moved = 0;
          for (let i = 0; i < sample.length; i++) {
            assert.notEqual(after[i], removed);
            assert.ok(after[i] !== undefined);
            if (after[i] === before[i]) continue;
            moved++;
            assert.equal(before[i], removed, `key ${sample[i]} moved from surviving member ${before[i]} to ${after[i]}`);
          }
          const share = moved / sample.length;
          assert.ok(share > 0 && share <= 1 / members.length + 0.05, `${removed}: ${share} of the keys moved`);
        }
      });
    }
  }

  it('hands an out member\'s keys to more than one survivor', () => {
    const ring = new ShardRing(members, { vnodes: 160, loadFactor: 0, pins: [] });
    const all = new Set(members);
    const without1 = new Set(members.slice(1));
    const heirs = new Set<string>();
    for (const key of keys(2000, 4)) if (ring.pick(key, all, idle) === 'instance1') heirs.add(ring.pick(key, without1, idle)!);
    assert.ok(heirs.size >= 3, `heirs: ${[...heirs].join(', ')}`);
  });

  it('lets pins win over the ring and over the load bound while their member is eligible', () => {
    const pins = [
      { match: /^[A-Ia-i]/, member: 'instance1' },
      { match: /^[A-Za-z]/, member: 'instance2' },
      { match: /^9/g, member: 'instance3' },
    ];
    const ring = new ShardRing(members, { vnodes: 160, loadFactor: 1.25, pins });
    const plain = new ShardRing(members, { vnodes: 160, loadFactor: 1.25, pins: [] });
    const all = new Set(members);
    const busy = (member: string): number => (member === 'instance1' ? 100 : 0);
    const countries = ['Austria', 'belgium', 'Germany', 'India', 'Japan', 'Zambia', 'norway'];
    let ringWouldDiffer = 0;
    for (const key of countries) {
      const expected = /^[A-Ia-i]/.test(key) ? 'instance1' : 'instance2';
      if (plain.pick(key, all, idle) !== expected) ringWouldDiffer++;
      assert.equal(ring.pick(key, all, idle), expected, key);
      assert.equal(ring.pick(key, all, busy), expected, `${key} while instance1 is busy`);
    }
    assert.ok(ringWouldDiffer >= 3, 'the keys must be ones the ring alone would place elsewhere');
    // A global regex keeps lastIndex between tests; the pin must match every time all the same.
    for (let i = 0; i < 5; i++) assert.equal(ring.pick('900', all, idle), 'instance3');
    // The first matching pin decides; if its member is out, the ring does (never a later pin).
    const without1 = new Set(members.filter((member) => member !== 'instance1'));
    for (const key of ['Austria', 'belgium', 'Germany', 'India']) {
      assert.equal(ring.pick(key, without1, idle), plain.pick(key, without1, idle), key);
    }
    // Keys no pin matches follow the ring.
    for (const key of ['1', '2', '3', '42', '_x']) assert.equal(ring.pick(key, all, idle), plain.pick(key, all, idle), key);
  });

  it('never gives a member more than the bound while another is within it (skewed keys, 20,000 picks)', () => {
    const random = new Random(5);
    const loadFactor = 1.25;
    const ring = new ShardRing(members, { vnodes: 160, loadFactor, pins: [] });
    const eligible = new Set(members.slice(0, 4));
    const load = new Map(members.map((member) => [member, 0]));
    const inFlight = (member: string): number => load.get(member)!;
    const hot = keys(3, 6);
    const cold = keys(500, 7);
    const active: string[] = [];
    const hotMembers = new Set<string>();
    let moved = 0;
    for (let i = 0; i < 20_000; i++) {
      const key = random.chance(0.6) ? random.pick(hot) : random.pick(cold);
      let total = 0;
      for (const member of eligible) total += inFlight(member);
      const bound = Math.ceil((loadFactor * total) / eligible.size);
      const chosen = ring.pick(key, eligible, inFlight)!;
      assert.ok(eligible.has(chosen), `${chosen} is not eligible`);
      const someoneWithin = [...eligible].some((member) => inFlight(member) <= bound);
      assert.ok(inFlight(chosen) <= bound || !someoneWithin, `pick ${i}: ${chosen} has ${inFlight(chosen)} in flight, bound ${bound}`);
      if (key === hot[0]) hotMembers.add(chosen);
      if (chosen !== ring.pick(key, eligible, idle)) moved++;
      load.set(chosen, inFlight(chosen) + 1);
      active.push(chosen);
      // Requests finish in random order, keeping some tens in flight.
      while (active.length > 40 || (active.length > 0 && random.chance(0.45))) {
        const done = active.splice(random.int(active.length), 1)[0]!;
        load.set(done, inFlight(done) - 1);
      }
    }
    assert.ok(hotMembers.size > 1, 'a hot key must spill over to another member under load');
    assert.ok(moved > 0 && moved < 20_000 / 2, `${moved} picks left their ring owner`);
  });

  it('with loadFactor 0, keeps every key on its owner however busy', () => {
    const ring = new ShardRing(members, { vnodes: 160, loadFactor: 0, pins: [] });
    const all = new Set(members);
    const owner = ring.pick('hot', all, idle)!;
    const busy = (member: string): number => (member === owner ? 1000 : 0);
    assert.equal(ring.pick('hot', all, busy), owner);
  });

  it('sends an out owner\'s keys to a member within the bound', () => {
    const ring = new ShardRing(members, { vnodes: 160, loadFactor: 1.25, pins: [] });
    const all = new Set(members);
    const owner = ring.pick('k', all, idle)!;
    const clockwise = members.filter((member) => member !== owner);
    const next = ring.pick('k', new Set(clockwise), idle)!;
    const eligible = new Set(clockwise);
    // The heir is busy: the key goes on to the next member that is within the bound.
    const loads = (member: string): number => (member === next ? 50 : 1);
    const chosen = ring.pick('k', eligible, loads)!;
    assert.notEqual(chosen, owner);
    assert.notEqual(chosen, next);
  });

  it('answers undefined when no ring member is eligible, and ignores unknown eligible names', () => {
    const ring = new ShardRing(members, { vnodes: 16, loadFactor: 1.25, pins: [{ match: /./, member: 'instance1' }] });
    assert.equal(ring.pick('k', new Set(), idle), undefined);
    assert.equal(ring.pick('k', new Set(['stranger']), () => 5), undefined);
    assert.equal(new ShardRing([], { vnodes: 16, loadFactor: 0, pins: [] }).pick('k', new Set(['instance1']), idle), undefined);
    const only3 = ring.pick('k', new Set(['instance3', 'stranger']), (member) => (member === 'stranger' ? 1000 : 3));
    assert.equal(only3, 'instance3');
  });

  it('keeps member names as given (names with ports or dots)', () => {
    const named = ['db-1.example:7474', 'db-2.example:7474', '10.0.0.3'];
    const ring = new ShardRing(named, { vnodes: 40, loadFactor: 0, pins: [] });
    const seen = new Set<string>();
    for (const key of keys(300, 8)) seen.add(ring.pick(key, new Set(named), idle)!);
    assert.deepEqual([...seen].sort(), [...named].sort());
  });

  it('refuses settings it cannot honour, saying what was expected', () => {
    const ok = { vnodes: 160, loadFactor: 1.25, pins: [] };
    assert.throws(() => new ShardRing(members, { ...ok, vnodes: 0 }), /sharding.vnodes is 0; expected a whole number/);
    assert.throws(() => new ShardRing(members, { ...ok, vnodes: 2.5 }), RangeError);
    assert.throws(() => new ShardRing(members, { ...ok, loadFactor: 0.5 }), /sharding.loadFactor is 0.5; expected 0 \(off\) or a number of 1 or more/);
    assert.throws(() => new ShardRing(members, { ...ok, loadFactor: Number.NaN }), RangeError);
    assert.throws(() => new ShardRing(['a', 'a'], ok), /lists member "a" twice/);
    assert.throws(() => new ShardRing(['a', ''], ok), /empty name/);
    assert.throws(() => new ShardRing(['a', 'b'], { ...ok, pins: [{ match: /^x/, member: 'c' }] }), /pins sends \/\^x\/ to member "c", which is not a cluster member; expected one of: a, b/);
  });
});
