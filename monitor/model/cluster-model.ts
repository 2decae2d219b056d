/**
 * The monitor's model of the cluster: fed one scrape round at a time, it keeps each
 * member's role, lag and view of the others, and detects the events below. Pure: no
 * sockets, timers or logging; time comes in with each round.
 *
 * Events, and exactly when each is emitted (every condition is edge-triggered: an ongoing
 * condition emits once, and its end emits once where the event has a pair):
 *
 *   member_down       a member fails a round (no answer, garbage, or missing from the round)
 *                     and was up or not yet seen; so a member down from the first round is
 *                     reported.
 *   member_up         a member answers after a member_down.
 *   no_master         a round in which no member answers master, after a round that had one
 *                     or more (or as the first round); once per episode.
 *   split_brain       a round with two or more members answering master, after a round that
 *                     did not; once per episode.
 *   master_reelected  a round with exactly one master M, when an earlier round had exactly
 *                     one master L (the last one seen, however many rounds ago: no_master
 *                     and split_brain episodes in between do not reset it) and either M is
 *                     not L, or M is L with a higher epoch than L had (re-elected itself).
 *                     The first master the monitor sees is not a re-election. from = L,
 *                     to = M, epoch = M's epoch.
 *   lag_high          a member with a known lag (exactly one master, both tx ids known)
 *                     exceeds lagTx transactions OR lagSeconds seconds (strictly above).
 *   lag_recovered     after lag_high, both are back at or under their thresholds. A member
 *                     whose lag is unknown (down, no single master) keeps its state.
 *   heartbeat_missed  a member P that at least one answering observer's bean shows as not
 *                     alive (the engine's own verdict after ha.heartbeat_timeout; the only
 *                     signal Neo4j 3.x gives), or, when thresholds.heartbeatSeconds is set,
 *                     heard from longer ago than that; once per episode, which ends when
 *                     every answering observer that lists P sees it alive and fresh again
 *                     (no ending event). `instance` is P, `observers` those that miss it.
 *   views_disagree    the views have disagreed for thresholds.viewsDisagreeRounds rounds
 *                     in a row (default 2: the members of a cluster learn of an election at
 *                     slightly different moments, so one round of disagreement is normal);
 *                     once per episode, no ending event.
 *
 * Lag in seconds: see master-tx-history.ts.
 *
 * reconfigure() (a reload of the monitor's file) swaps members, thresholds and the cluster
 * name between two rounds without forgetting the cluster: a member still configured keeps
 * its tracker (a member reported down is not reported again, its lag_high stands until
 * the new thresholds end it), and the last master, its epoch, the master tx history, the
 * heartbeat and disagreement episodes and lastEvents are kept, so a re-election across a
 * reload is still detected. A new member starts unseen (its first failed round reports
 * member_down); a removed one leaves the snapshot at once and is never reported again
 * (a master_reelected may still name it as `from`).
 */
import type { MemberRole } from '../../protocol/cluster/member-reading.js';
import type { ClusterEvent, ClusterEventRecord, MissedHeartbeat, ViewSummary } from './cluster-event.js';
import type { ClusterState, MemberState, MonitoredRole, PeerView } from './cluster-state.js';
import { MasterTxHistory } from './master-tx-history.js';
import { lastCommittedTxIdMetric, type MemberScrape } from './member-scrape.js';
import { peerViews, summarizeView, viewsAgree } from './member-views.js';

export interface ClusterThresholds {
  /** lag_high above this many transactions behind the master. */
  readonly lagTx: number;
  /** lag_high above this many seconds behind the master. */
  readonly lagSeconds: number;
  /** heartbeat_missed also for a peer seen alive but heard from longer ago than this; unset: only alive=false counts. */
  readonly heartbeatSeconds?: number;
  /** Rounds of disagreement before views_disagree; default 2. */
  readonly viewsDisagreeRounds?: number;
}

export interface ClusterModelOptions {
  /** Configured member names, in the order snapshots list them. */
  readonly members: readonly string[];
  readonly thresholds: ClusterThresholds;
  /** The cluster's name (Alertmanager's `cluster` label). */
  readonly cluster?: string;
  readonly history?: {
    /** Changes of the master's tx id kept for lag in seconds; default 3600. */
    readonly masterTxChanges?: number;
    /** Events kept in the snapshot's lastEvents; default 100. */
    readonly events?: number;
  };
}

interface MemberTracker {
  readonly instance: string;
  /** For member_down/member_up: unseen until the first round. */
  health: 'unseen' | 'up' | 'down';
  downSince: number | undefined;
  lastRole: MonitoredRole | undefined;
  lastSeenAt: number | undefined;
  instanceId: string | undefined;
  lagHigh: boolean;
}

/** One member's facts in the round being applied. */
interface RoundMember {
  readonly tracker: MemberTracker;
  readonly scrape: MemberScrape | undefined;
  readonly up: boolean;
  readonly role: MonitoredRole;
  readonly txId: number | undefined;
  readonly epoch: number | undefined;
}

type MasterCondition = 'unseen' | 'none' | 'one' | 'many';

const notScraped = 'not scraped in this round';

function validateOptions(options: ClusterModelOptions): void {
  const { members, thresholds } = options;
  if (members.length === 0) throw new RangeError('the cluster model needs at least one member; configure cluster.members');
  if (new Set(members).size !== members.length) throw new RangeError(`member names must be unique; got ${members.join(', ')}`);
  const positive: Array<[string, number | undefined]> = [
    ['thresholds.lagTx', thresholds.lagTx],
    ['thresholds.lagSeconds', thresholds.lagSeconds],
    ['thresholds.heartbeatSeconds', thresholds.heartbeatSeconds],
  ];
  for (const [name, value] of positive) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a number of at least 0; got ${value}`);
  }
  const rounds = thresholds.viewsDisagreeRounds;
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1)) {
    throw new RangeError(`thresholds.viewsDisagreeRounds must be an integer of at least 1; got ${rounds}`);
  }
}

function roleOf(scrape: MemberScrape): MemberRole {
  if (scrape.reading !== undefined) return scrape.reading.role;
  const role = scrape.bean?.role.toLowerCase();
  return role === 'master' || role === 'slave' ? role : 'unknown';
}

function txIdOf(scrape: MemberScrape): number | undefined {
  return scrape.reading?.lastCommittedTxId ?? scrape.bean?.lastCommittedTxId ?? scrape.metrics?.get(lastCommittedTxIdMetric);
}

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

export class ClusterModel {
  // Set by #configure, from the constructor and from every reconfigure().
  #cluster: string | null = null;
  #lagTx = 0;
  #lagSeconds = 0;
  #heartbeatSeconds: number | undefined;
  #viewsDisagreeRounds = 2;
  #trackers: MemberTracker[] = [];
  #byName = new Map<string, MemberTracker>();
  readonly #eventLimit: number;
  /** HA server id -> configured name, learned from each member's own bean. */
  readonly #nameOf = new Map<string, string>();
  readonly #history: MasterTxHistory;
  #masterCondition: MasterCondition = 'unseen';
  #lastMaster: string | undefined;
  #lastMasterEpoch: number | undefined;
  #masterChanges = 0;
  #disagreeRounds = 0;
  /** Peers (by shown name) whose heartbeats are missed; names cover unmatched server ids too. */
  readonly #missedPeers = new Set<string>();
  #rounds = 0;
  #lastEvents: ClusterEventRecord[] = [];
  #state: ClusterState;

  constructor(options: ClusterModelOptions) {
    validateOptions(options);
    this.#configure(options);
    this.#eventLimit = options.history?.events ?? 100;
    this.#history = new MasterTxHistory(options.history?.masterTxChanges ?? 3600);
    this.#state = {
      cluster: this.#cluster,
      at: null,
      rounds: 0,
      members: this.#trackers.map((tracker) => this.#memberState(tracker, undefined, 'down', undefined, undefined, [], null, null, false)),
      masters: [],
      master: null,
      epoch: null,
      viewsAgree: true,
      masterChanges: 0,
      lastEvents: [],
    };
  }

  /**
   * A reload, between two rounds: new members, thresholds and cluster name (see the header
   * comment for what is kept). Throws RangeError, changing nothing, for options the
   * constructor would refuse.
   */
  reconfigure(options: Pick<ClusterModelOptions, 'members' | 'thresholds' | 'cluster'>): void {
    validateOptions(options);
    this.#configure(options);
    const previous = new Map(this.#state.members.map((member) => [member.instance, member]));
    const members = this.#trackers.map(
      (tracker) => previous.get(tracker.instance) ?? { ...this.#memberState(tracker, undefined, 'down', undefined, undefined, [], null, null, false), error: 'not scraped yet' },
    );
    const masters = this.#state.masters.filter((name) => this.#byName.has(name));
    this.#state = { ...this.#state, cluster: this.#cluster, members, masters, master: masters.length === 1 ? masters[0]! : null };
  }

  #configure(options: Pick<ClusterModelOptions, 'members' | 'thresholds' | 'cluster'>): void {
    this.#cluster = options.cluster ?? null;
    this.#lagTx = options.thresholds.lagTx;
    this.#lagSeconds = options.thresholds.lagSeconds;
    this.#heartbeatSeconds = options.thresholds.heartbeatSeconds;
    this.#viewsDisagreeRounds = options.thresholds.viewsDisagreeRounds ?? 2;
    const kept = this.#byName;
    this.#trackers = options.members.map(
      (instance) =>
        kept.get(instance) ?? { instance, health: 'unseen', downSince: undefined, lastRole: undefined, lastSeenAt: undefined, instanceId: undefined, lagHigh: false },
    );
    this.#byName = new Map(this.#trackers.map((tracker) => [tracker.instance, tracker]));
  }

  /** The state after the last round (JSON-ready; do not modify). */
  snapshot(): ClusterState {
    return this.#state;
  }

  /** Applies one round (every member's scrape; a member missing from it counts as down) and returns the events it detected. */
  update(round: readonly MemberScrape[], now: number): ClusterEvent[] {
    const scrapes = new Map<string, MemberScrape>();
    for (const scrape of round) {
      if (!this.#byName.has(scrape.instance)) {
        throw new RangeError(`a scrape of "${scrape.instance}" is not for a configured member (${this.#trackers.map((t) => t.instance).join(', ')}); scrape only cluster.members`);
      }
      if (scrapes.has(scrape.instance)) throw new RangeError(`"${scrape.instance}" was scraped twice in one round; hand each member's scrape once`);
      scrapes.set(scrape.instance, scrape);
    }
    this.#rounds++;
    const members = this.#trackers.map((tracker) => this.#observe(tracker, scrapes.get(tracker.instance), now));
    const records: ClusterEventRecord[] = [];

    for (const member of members) this.#detectHealth(member, now, records);

    const masters = members.filter((member) => member.role === 'master');
    const master = masters.length === 1 ? masters[0] : undefined;
    this.#detectMaster(masters, now, records);
    if (master?.txId !== undefined) this.#history.record(now, master.txId);

    const views = new Map<string, PeerView[]>();
    for (const member of members) {
      const bean = member.up ? member.scrape?.bean : undefined;
      if (bean !== undefined) views.set(member.tracker.instance, peerViews(bean, this.#nameOf));
    }
    const summaries = [...views].map(([observer, view]) => summarizeView(observer, view));
    const agree = viewsAgree(summaries);

    const states = members.map((member) => {
      const view = views.get(member.tracker.instance) ?? [];
      if (master?.txId === undefined || member.txId === undefined || !member.up) {
        return this.#memberState(member.tracker, member.scrape, member.role, member.txId, member.epoch, view, null, null, false);
      }
      const lagTx = Math.max(0, master.txId - member.txId);
      const lag = member === master ? { seconds: 0, lowerBound: false } : this.#history.lagSeconds(member.txId, now);
      this.#detectLag(member.tracker, master.tracker.instance, lagTx, lag.seconds, lag.lowerBound, now, records);
      return this.#memberState(member.tracker, member.scrape, member.role, member.txId, member.epoch, view, lagTx, lag.seconds, lag.lowerBound);
    });

    this.#detectHeartbeats(views, now, records);
    this.#detectDisagreement(agree, summaries, now, records);

    for (const record of records) this.#lastEvents.push(record);
    if (this.#lastEvents.length > this.#eventLimit) this.#lastEvents = this.#lastEvents.slice(-this.#eventLimit);
    let epoch: number | null = null;
    for (const member of members) if (member.up && member.epoch !== undefined && (epoch === null || member.epoch > epoch)) epoch = member.epoch;
    this.#state = {
      cluster: this.#cluster,
      at: now,
      rounds: this.#rounds,
      members: states,
      masters: masters.map((member) => member.tracker.instance),
      master: master?.tracker.instance ?? null,
      epoch,
      viewsAgree: agree,
      masterChanges: this.#masterChanges,
      lastEvents: [...this.#lastEvents],
    };
    const snapshot = this.#state;
    return records.map((record) => ({ ...record, snapshot }));
  }

  #observe(tracker: MemberTracker, scrape: MemberScrape | undefined, now: number): RoundMember {
    if (scrape === undefined || !scrape.ok) {
      return { tracker, scrape, up: false, role: 'down', txId: undefined, epoch: undefined };
    }
    tracker.lastSeenAt = now;
    const instanceId = scrape.bean?.instanceId;
    if (instanceId !== undefined && instanceId !== tracker.instanceId) {
      if (tracker.instanceId !== undefined && this.#nameOf.get(tracker.instanceId) === tracker.instance) this.#nameOf.delete(tracker.instanceId);
      tracker.instanceId = instanceId;
      this.#nameOf.set(instanceId, tracker.instance);
    }
    return { tracker, scrape, up: true, role: roleOf(scrape), txId: txIdOf(scrape), epoch: scrape.reading?.epoch ?? scrape.bean?.epoch };
  }

  #memberState(
    tracker: MemberTracker,
    scrape: MemberScrape | undefined,
    role: MonitoredRole,
    txId: number | undefined,
    epoch: number | undefined,
    views: readonly PeerView[],
    lagTx: number | null,
    lagSeconds: number | null,
    lagSecondsLowerBound: boolean,
  ): MemberState {
    const up = role !== 'down';
    return {
      instance: tracker.instance,
      up,
      role,
      available: role === 'master' || role === 'slave',
      error: up ? null : (scrape?.error ?? (scrape === undefined ? (this.#rounds === 0 ? 'not scraped yet' : notScraped) : 'scrape failed')),
      lastSeenAt: tracker.lastSeenAt ?? null,
      instanceId: tracker.instanceId ?? null,
      lastCommittedTxId: txId ?? null,
      epoch: epoch ?? null,
      lagTx,
      lagSeconds,
      lagSecondsLowerBound,
      lagHigh: tracker.lagHigh,
      views,
    };
  }

  #detectHealth(member: RoundMember, now: number, records: ClusterEventRecord[]): void {
    const tracker = member.tracker;
    const instance = tracker.instance;
    if (member.up) {
      if (tracker.health === 'down') {
        const downSeconds = tracker.downSince === undefined ? null : (now - tracker.downSince) / 1000;
        records.push({
          event: 'member_up',
          message: `${instance} answers again, as ${member.role}${downSeconds === null ? '' : `, after ${seconds(downSeconds)} down`}.`,
          at: now,
          instance,
          role: member.role,
          downSeconds,
        });
      }
      tracker.health = 'up';
      tracker.lastRole = member.role;
      return;
    }
    if (tracker.health !== 'down') {
      const error = member.scrape?.error ?? (member.scrape === undefined ? notScraped : null);
      records.push({
        event: 'member_down',
        message: `${instance} did not answer the monitor's scrape${error === null ? '' : ` (${error})`}${tracker.lastRole === undefined ? '' : `; it was ${tracker.lastRole}`}. Check that its process runs and its HTTP port is reachable.`,
        at: now,
        instance,
        error,
        lastRole: tracker.lastRole ?? null,
      });
      tracker.health = 'down';
      tracker.downSince = now;
    }
  }

  #detectMaster(masters: readonly RoundMember[], now: number, records: ClusterEventRecord[]): void {
    const condition: MasterCondition = masters.length === 0 ? 'none' : masters.length === 1 ? 'one' : 'many';
    if (condition === 'none' && this.#masterCondition !== 'none') {
      const last = this.#lastMaster ?? null;
      records.push({
        event: 'no_master',
        message: `No member answers as master${last === null ? '' : ` (the last master was ${last})`}: writes fail until one is elected.`,
        at: now,
        lastMaster: last,
      });
    }
    if (condition === 'many' && this.#masterCondition !== 'many') {
      const names = masters.map((member) => member.tracker.instance);
      records.push({
        event: 'split_brain',
        message: `${names.length} members answer as master at once (${names.join(', ')}): split brain, writes to each may diverge.`,
        at: now,
        masters: names,
      });
    }
    this.#masterCondition = condition;
    if (condition !== 'one') return;
    const master = masters[0]!;
    const to = master.tracker.instance;
    const from = this.#lastMaster;
    const previousEpoch = this.#lastMasterEpoch;
    const reelectedItself = from === to && master.epoch !== undefined && previousEpoch !== undefined && master.epoch > previousEpoch;
    if (from !== undefined && (from !== to || reelectedItself)) {
      this.#masterChanges++;
      const epochText = master.epoch === undefined ? '' : ` (epoch ${master.epoch})`;
      records.push({
        event: 'master_reelected',
        message: from === to ? `${to} was re-elected master${epochText}.` : `${to} is the new master${epochText}, replacing ${from}.`,
        at: now,
        instance: to,
        from,
        to,
        epoch: master.epoch ?? null,
        previousEpoch: previousEpoch ?? null,
      });
    }
    if (from !== to || master.epoch !== undefined) this.#lastMasterEpoch = master.epoch;
    this.#lastMaster = to;
  }

  #detectLag(tracker: MemberTracker, master: string, lagTx: number, lagSeconds: number, lowerBound: boolean, now: number, records: ClusterEventRecord[]): void {
    const thresholds = { lagTx: this.#lagTx, lagSeconds: this.#lagSeconds };
    const exceeded = lagTx > this.#lagTx || lagSeconds > this.#lagSeconds;
    const behind = `${lagTx} transactions and ${lowerBound ? 'at least ' : ''}${seconds(lagSeconds)} behind the master ${master}`;
    if (exceeded && !tracker.lagHigh) {
      tracker.lagHigh = true;
      records.push({
        event: 'lag_high',
        message: `${tracker.instance} is ${behind} (thresholds: ${this.#lagTx} transactions or ${this.#lagSeconds} s); its reads are stale.`,
        at: now,
        instance: tracker.instance,
        master,
        lagTx,
        lagSeconds,
        lagSecondsLowerBound: lowerBound,
        thresholds,
      });
    } else if (!exceeded && tracker.lagHigh) {
      tracker.lagHigh = false;
      records.push({
        event: 'lag_recovered',
        message: `${tracker.instance} is back within the lag thresholds: ${behind}.`,
        at: now,
        instance: tracker.instance,
        master,
        lagTx,
        lagSeconds,
        lagSecondsLowerBound: lowerBound,
        thresholds,
      });
    }
  }

  #detectHeartbeats(views: ReadonlyMap<string, readonly PeerView[]>, now: number, records: ClusterEventRecord[]): void {
    const listed = new Set<string>();
    const missing = new Map<string, MissedHeartbeat[]>();
    for (const [observer, view] of views) {
      for (const peer of view) {
        if (peer.peer === observer) continue;
        listed.add(peer.peer);
        const stale = this.#heartbeatSeconds !== undefined && peer.heartbeatAgeSeconds !== null && peer.heartbeatAgeSeconds > this.#heartbeatSeconds;
        if (peer.alive && !stale) continue;
        const entry: MissedHeartbeat = { observer, alive: peer.alive, heartbeatAgeSeconds: peer.heartbeatAgeSeconds };
        const observers = missing.get(peer.peer);
        if (observers === undefined) missing.set(peer.peer, [entry]);
        else observers.push(entry);
      }
    }
    for (const [peer, observers] of missing) {
      if (this.#missedPeers.has(peer)) continue;
      this.#missedPeers.add(peer);
      const ages = observers.map((o) => o.heartbeatAgeSeconds).filter((age): age is number => age !== null);
      const heard = ages.length === 0 ? '' : ` (last heard ${seconds(Math.min(...ages))} ago)`;
      records.push({
        event: 'heartbeat_missed',
        message: `${observers.map((o) => o.observer).join(', ')} ${observers.length === 1 ? 'misses' : 'miss'} the heartbeats of ${peer}${heard}; ${peer} is cut off or stopped.`,
        at: now,
        instance: peer,
        observers,
      });
    }
    // Without any answering observer listing a peer nothing is known of it: keep its state.
    for (const peer of this.#missedPeers) if (listed.has(peer) && !missing.has(peer)) this.#missedPeers.delete(peer);
  }

  #detectDisagreement(agree: boolean, summaries: readonly ViewSummary[], now: number, records: ClusterEventRecord[]): void {
    if (agree) {
      this.#disagreeRounds = 0;
      return;
    }
    this.#disagreeRounds++;
    if (this.#disagreeRounds !== this.#viewsDisagreeRounds) return;
    const described = summaries.map((s) => `${s.observer} sees master ${list(s.masters)} and alive ${list(s.alive)}`).join('; ');
    records.push({
      event: 'views_disagree',
      message: `The members disagree about the cluster for ${this.#disagreeRounds} rounds: ${described}.`,
      at: now,
      views: summaries,
    });
  }
}
