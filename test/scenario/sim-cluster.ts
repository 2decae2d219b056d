/**
 * A deterministic cluster of HaCores for scenario scripts: one global tick, a FIFO network
 * that delivers every message within the tick it was sent (round-tripping it through JSON,
 * as the channel does), crashes, SIGSTOP-like pauses and partitions. After every tick and
 * every delivery it checks that no two members accept writes at once and that no epoch
 * ever has two masters; a breach throws.
 */
import { HaCore, type HardState } from '../../engine/ha/ha-core.js';
import type { HaConfig } from '../../engine/ha/ha-config.js';
import type { HaEvent } from '../../engine/ha/events.js';
import type { HaMessage } from '../../engine/ha/messages.js';
import { Random } from '../support/random.js';

interface Envelope {
  from: number;
  to: number;
  message: HaMessage;
}

interface SimMember {
  id: number;
  config: HaConfig;
  core: HaCore;
  state: 'up' | 'crashed' | 'paused';
  hardState: HardState | undefined;
  /** The database's last applied tx id: it survives a crash, as the store does. */
  dbTxId: number;
  pausedTicks: number;
  inbox: Envelope[];
  random: Random;
}

/** Deliveries within one tick beyond this mean messages breed messages without end. */
const MAX_DELIVERIES_PER_TICK = 100_000;

export class SimCluster {
  readonly #members = new Map<number, SimMember>();
  readonly #network: Envelope[] = [];
  #groups: Set<number>[] | undefined;
  /** One-way link failures, as "from->to". */
  readonly #cuts = new Set<string>();
  #events: string[] = [];
  #time = 0;
  /** epoch -> the one member ever master in it */
  readonly #masters = new Map<number, number>();
  readonly #writableMasters = new Map<number, number>();

  constructor(size: number, options: { slaveOnly: readonly number[]; interval: number; timeout: number; backoff: number; seed: number }) {
    const ids = Array.from({ length: size }, (_, i) => i + 1);
    for (const id of ids) {
      const config: HaConfig = {
        serverId: id,
        members: ids,
        slaveOnly: options.slaveOnly.includes(id),
        heartbeatIntervalTicks: options.interval,
        heartbeatTimeoutTicks: options.timeout,
        electionBackoffTicks: options.backoff,
      };
      const random = new Random(options.seed * 1000 + id);
      this.#members.set(id, {
        id,
        config,
        core: new HaCore(config, undefined, () => random.next()),
        state: 'up',
        hardState: undefined,
        dbTxId: 0,
        pausedTicks: 0,
        inbox: [],
        random,
      });
    }
  }

  tick(count: number): void {
    for (let i = 0; i < count; i++) {
      this.#time++;
      for (const member of this.#members.values()) {
        if (member.state === 'paused') member.pausedTicks++;
        if (member.state !== 'up') continue;
        member.core.tick(1);
        this.#collect(member);
        this.#checkInvariants();
      }
      this.#deliverAll();
    }
  }

  crash(id: number): void {
    const member = this.#member(id);
    member.state = 'crashed';
    member.inbox = [];
  }

  restart(id: number): void {
    const member = this.#member(id);
    if (member.state !== 'crashed') throw new Error(`restart ${id}: member ${id} is ${member.state}, not crashed; crash it first.`);
    const random = member.random;
    member.core = new HaCore(member.config, member.hardState, () => random.next());
    member.core.localCommitted(member.dbTxId);
    member.state = 'up';
    this.#collect(member);
  }

  pause(id: number): void {
    const member = this.#member(id);
    if (member.state !== 'up') throw new Error(`pause ${id}: member ${id} is ${member.state}, not up.`);
    member.state = 'paused';
    member.pausedTicks = 0;
  }

  /** The woken process first sees how much time passed, then reads what queued meanwhile. */
  resume(id: number): void {
    const member = this.#member(id);
    if (member.state !== 'paused') throw new Error(`resume ${id}: member ${id} is ${member.state}, not paused.`);
    member.state = 'up';
    if (member.pausedTicks > 0) member.core.tick(member.pausedTicks);
    member.pausedTicks = 0;
    this.#collect(member);
    this.#checkInvariants();
    this.#network.unshift(...member.inbox);
    member.inbox = [];
    this.#deliverAll();
  }

  partition(groups: number[][]): void {
    const listed = new Set(groups.flat());
    for (const id of listed) this.#member(id);
    this.#groups = groups.map((g) => new Set(g));
    for (const id of this.#members.keys()) if (!listed.has(id)) this.#groups.push(new Set([id]));
  }

  /** Drops every message from `from` to `to`, but not the other way: an asymmetric link failure. */
  cut(from: number, to: number): void {
    this.#member(from);
    this.#member(to);
    this.#cuts.add(`${from}->${to}`);
  }

  heal(): void {
    this.#groups = undefined;
    this.#cuts.clear();
  }

  /** A commit on a master: refused unless it may accept writes. */
  commit(id: number, txId: number): string | undefined {
    const member = this.#member(id);
    if (member.state !== 'up' || !member.core.canAcceptWrites()) {
      const core = member.core;
      return `refused: ${id} cannot accept writes (${member.state === 'up' ? `${core.role} epoch ${core.epoch}` : member.state})`;
    }
    this.#apply(member, txId);
    return undefined;
  }

  /** A slave applied transactions up to txId (pulled or pushed). */
  replicated(id: number, txId: number): void {
    this.#apply(this.#member(id), txId);
  }

  roles(): string[] {
    return [...this.#members.values()].map((m) => {
      const core = m.core;
      const role = core.role === 'slave' ? `slave of ${core.master} epoch ${core.epoch}` : `${core.role} epoch ${core.epoch}`;
      return m.state === 'up' ? `${m.id} ${role}` : `${m.id} ${m.state}${m.state === 'paused' ? ` (${role})` : ''}`;
    });
  }

  writable(): string {
    const ids = [...this.#members.values()].filter((m) => m.state === 'up' && m.core.canAcceptWrites()).map((m) => m.id);
    return `writable: ${ids.length === 0 ? 'none' : ids.join(' ')}`;
  }

  view(id: number): string[] {
    return this.#member(id).core.view().map((v) =>
      [
        `${v.id}`,
        v.alive ? 'alive' : 'suspected',
        v.role,
        `epoch=${v.epoch ?? '?'}`,
        `master=${v.master ?? '-'}`,
        `lastTxId=${v.lastTxId ?? '?'}`,
        `age=${v.heartbeatAgeTicks ?? '?'}`,
        v.slaveOnly ? 'slave_only' : '',
      ]
        .filter((part) => part !== '')
        .join(' '),
    );
  }

  takeEvents(): string[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  #apply(member: SimMember, txId: number): void {
    member.dbTxId = txId;
    if (member.state !== 'crashed') member.core.localCommitted(txId);
  }

  #member(id: number): SimMember {
    const member = this.#members.get(id);
    if (member === undefined) throw new Error(`There is no member ${id}; members are ${[...this.#members.keys()].join(', ')}.`);
    return member;
  }

  /** Does what a driver does with Ready: persist first, then send, then log. */
  #collect(member: SimMember): void {
    const ready = member.core.ready();
    if (ready.hardState !== undefined) member.hardState = structuredClone(ready.hardState);
    for (const { to, message } of ready.messages) {
      const targets = to === 'all' ? [...this.#members.keys()].filter((id) => id !== member.id) : [to];
      for (const target of targets) this.#network.push({ from: member.id, to: target, message: JSON.parse(JSON.stringify(message)) as HaMessage });
    }
    for (const event of ready.events) this.#events.push(`t${this.#time} ${member.id} ${formatEvent(event)}`);
    member.core.advance();
  }

  #deliverAll(): void {
    let deliveries = 0;
    for (let envelope = this.#network.shift(); envelope !== undefined; envelope = this.#network.shift()) {
      if (++deliveries > MAX_DELIVERIES_PER_TICK) {
        throw new Error(`More than ${MAX_DELIVERIES_PER_TICK} messages in one tick: the members answer each other without end.`);
      }
      const to = this.#members.get(envelope.to)!;
      if (to.state === 'crashed' || !this.#connected(envelope.from, envelope.to)) continue;
      if (to.state === 'paused') {
        to.inbox.push(envelope);
        continue;
      }
      to.core.step(envelope.from, envelope.message);
      this.#collect(to);
      this.#checkInvariants();
    }
  }

  #connected(a: number, b: number): boolean {
    if (this.#cuts.has(`${a}->${b}`)) return false;
    return this.#groups === undefined || this.#groups.some((g) => g.has(a) && g.has(b));
  }

  /** A paused member is frozen: it does nothing until it has seen the time it slept. */
  #checkInvariants(): void {
    const writable: number[] = [];
    for (const member of this.#members.values()) {
      if (member.state !== 'up') continue;
      const core = member.core;
      if (core.role === 'master') claim(this.#masters, core.epoch, member.id, 'master');
      if (core.canAcceptWrites()) {
        writable.push(member.id);
        claim(this.#writableMasters, core.epoch, member.id, 'writable master');
      }
    }
    if (writable.length > 1) {
      throw new Error(`Invariant broken at tick ${this.#time}: members ${writable.join(' and ')} accept writes at the same time.`);
    }
  }
}

function claim(owners: Map<number, number>, epoch: number, id: number, what: string): void {
  const owner = owners.get(epoch);
  if (owner === undefined) owners.set(epoch, id);
  else if (owner !== id) throw new Error(`Invariant broken: epoch ${epoch} has two ${what}s, ${owner} and ${id}.`);
}

function formatEvent(event: HaEvent): string {
  const fields = Object.entries(event)
    .filter(([key, value]) => key !== 'event' && value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  return [event.event, ...fields].join(' ');
}
