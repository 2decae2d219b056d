/**
 * The HA cluster's decisions as a pure state machine: who is master, in which epoch, and
 * whether the master may accept writes. No clock, socket or file: time arrives as ticks,
 * messages through step(), randomness as a function, and what must be persisted, sent or
 * logged leaves through ready(). The driver owns timers, the cluster channel and the disk.
 *
 *                      start, restart (persisted epoch and vote kept)
 *                                   |
 *                                   v
 *        +----------------------> PENDING --- votes for itself from a majority of all
 *        |                        |     ^     members in epoch E (#countVotes -> #becomeMaster)
 *        |   a master of an epoch |     |                      |
 *        |   >= ours announces    |     | its master says it   |
 *        |   itself (#follow)     |     | stepped down         v
 *        |                        v     | (#becomePending)   MASTER(E)
 *        |                  SLAVE(of M, E) <--- (#follow) ------+  a higher epoch in any message
 *        |                                                      |  (#becomePending, then #follow
 *        +------------- (#becomePending) -----------------------+  when it came from a master);
 *                                                                  no contact with a majority for
 *                                                                  the heartbeat timeout
 *
 * Each role has its own step function (#stepPending, #stepSlave, #stepMaster), swapped on
 * transition as etcd's raft swaps step functions.
 *
 * Safety, in short:
 * - One master per epoch: a master needs votes from a majority of all members in its epoch,
 *   a voter votes in an epoch only if it is higher than any epoch it voted in before, and
 *   that vote is persisted before it is sent.
 * - No lost acknowledged write: a voter only votes for a candidate with a lastTxId at least
 *   its own, so a transaction held by a majority is held by whoever that majority elects.
 * - At most one master accepting writes: a master's write lease is renewed only by slaves
 *   echoing the stamp of its heartbeats, and expires heartbeatTimeout ticks after the stamp
 *   in the master's own clock. A slave that echoed a stamp does not vote until
 *   heartbeatTimeout ticks after receiving it (#loyalUntil), and a restarted member not
 *   until heartbeatTimeout ticks after its start; once it voted in an epoch it echoes no
 *   master of an older one. So when a new master has its majority of votes, the old
 *   master's leases from that majority have lapsed, and the rest are too few. This assumes
 *   ticks advance at the same rate on every member (the driver counts monotonic time).
 * - A member that cannot see a majority does not start elections: epochs do not inflate in
 *   a minority partition, and a healed member rejoins without disturbing the master.
 */
import type { HaEvent, ElectionReason, RoleChangeReason } from './events.js';
import { validateHaConfig, type HaConfig } from './ha-config.js';
import type { HaMessage, HaRole, HeartbeatMessage, VoteMessage } from './messages.js';
import { Peer, type MemberView } from './peer.js';
import { ReplicationProgress, type PushStrategy } from './progress.js';
import { countWhere, hasMajority, tally } from './quorum.js';
import { electWinner, type Candidate } from './winner.js';

export type { HaConfig } from './ha-config.js';
export type { HaRole } from './messages.js';

/** What must survive a restart. Persist it before sending the messages of the same Ready. */
export interface HardState {
  /** The epoch of the master this member last followed or was. */
  epoch: number;
  votedFor: { epoch: number; candidate: number } | undefined;
}

export interface RoleState {
  role: HaRole;
  epoch: number;
  master: number | undefined;
}

export interface Outbound {
  to: number | 'all';
  message: HaMessage;
}

/**
 * What the driver has to do now, in this order: persist `hardState` (durably) when present,
 * then send `messages`, then act on `roleChange` and log `events`; then call advance().
 */
export interface Ready {
  messages: Outbound[];
  hardState?: HardState;
  roleChange?: RoleState;
  events: HaEvent[];
}

type StepFunction = (from: number, message: HaMessage) => void;

interface Ballot {
  epoch: number;
  /** voter -> candidate */
  votes: Map<number, number>;
}

export class HaCore {
  readonly #config: HaConfig;
  readonly #timeout: number;
  readonly #random: () => number;
  readonly #peers = new Map<number, Peer>();
  readonly #progress = new ReplicationProgress();

  #now = 0;
  #role: HaRole = 'pending';
  #step: StepFunction = this.#stepPending;
  #epoch: number;
  #master: number | undefined;
  #highestEpochSeen: number;
  #votedFor: HardState['votedFor'];
  /** The newest epoch this member voted or declined to vote in; it decides once per epoch. */
  #decidedEpoch: number;
  #lastTxId = 0;
  #pendingSince = 0;
  /**
   * Until this tick the member may still be counted in a master's write lease, so it must
   * not help elect another. At start it covers echoes sent before a crash.
   */
  #loyalUntil: number;
  /** A slave's newest stamp from its master in this epoch, echoed in its heartbeats. */
  #echo: number | undefined;
  #ballot: Ballot | undefined;
  /** When this member's own election round gives up; undefined when it is in none. */
  #roundDeadline: number | undefined;
  #heartbeatDue = 0;

  #messages: Outbound[] = [];
  #events: HaEvent[] = [];
  #hardStateChanged = false;
  #roleChanged = false;

  constructor(config: HaConfig, persisted: HardState | undefined, random: () => number) {
    validateHaConfig(config);
    this.#config = { ...config, members: [...config.members].sort((a, b) => a - b) };
    this.#timeout = config.heartbeatTimeoutTicks;
    this.#random = random;
    for (const id of this.#config.members) if (id !== config.serverId) this.#peers.set(id, new Peer(id));
    this.#epoch = persisted?.epoch ?? 0;
    this.#votedFor = persisted?.votedFor;
    this.#highestEpochSeen = Math.max(this.#epoch, this.#votedFor?.epoch ?? 0);
    this.#decidedEpoch = this.#votedFor?.epoch ?? 0;
    this.#loyalUntil = this.#timeout;
  }

  get role(): HaRole {
    return this.#role;
  }

  get epoch(): number {
    return this.#epoch;
  }

  get master(): number | undefined {
    return this.#master;
  }

  get serverId(): number {
    return this.#config.serverId;
  }

  /** Advances time by `ticks` at once: a member that slept wakes to one combined step. */
  tick(ticks = 1): void {
    if (!Number.isInteger(ticks) || ticks < 1) {
      throw new RangeError(`tick() takes a positive whole number of ticks, got ${ticks}; convert elapsed time to ticks first.`);
    }
    this.#now += ticks;
    this.#checkLiveness();
    if (this.#role === 'master') {
      const inContact = 1 + countWhere(this.#peers.values(), (p) => p.aliveAt(this.#now, this.#timeout));
      if (!hasMajority(inContact, this.#config.members.length)) this.#becomePending('lost_majority_contact');
    } else {
      this.#campaign();
    }
    if (this.#now >= this.#heartbeatDue) this.#sendHeartbeat();
  }

  step(from: number, message: HaMessage): void {
    const peer = this.#peers.get(from);
    if (peer === undefined) {
      this.#events.push({
        event: 'message_ignored',
        from,
        reason: `server id ${from} is not a member of this cluster (${this.#config.members.join(', ')})`,
      });
      return;
    }
    this.#heard(peer);
    if (message.epoch > this.#highestEpochSeen) this.#highestEpochSeen = message.epoch;
    if (message.type === 'heartbeat') peer.heartbeat = message;
    if (message.type === 'vote') this.#record(from, message);
    this.#step(from, message);
    if (this.#role !== 'master') this.#campaign();
  }

  /** The local database has applied every transaction up to `lastTxId`. */
  localCommitted(lastTxId: number): void {
    if (!Number.isSafeInteger(lastTxId) || lastTxId < 0) {
      throw new RangeError(`A last committed tx id must be a non-negative integer, got ${lastTxId}.`);
    }
    this.#lastTxId = lastTxId;
  }

  /** A slave acknowledged applying up to `lastTxId` (a push acknowledgement or a pull). */
  slaveApplied(slave: number, lastTxId: number): void {
    this.#progress.report(slave, lastTxId);
  }

  /** The live slaves of this master to push the next commit to; none when not master. */
  pushTargets(strategy: PushStrategy, factor: number): number[] {
    return this.#role === 'master' ? this.#progress.pushTargets(strategy, factor) : [];
  }

  /**
   * True only for a master whose write lease holds: a majority (itself counted) echoed one
   * of its heartbeats stamped less than heartbeatTimeout ticks ago.
   */
  canAcceptWrites(): boolean {
    if (this.#role !== 'master') return false;
    const leases = countWhere(this.#peers.values(), (p) => p.leaseStamp !== undefined && this.#now - p.leaseStamp < this.#timeout);
    return hasMajority(1 + leases, this.#config.members.length);
  }

  view(): MemberView[] {
    const own: MemberView = {
      id: this.#config.serverId,
      alive: true,
      role: this.#role,
      epoch: this.#epoch,
      master: this.#master,
      lastTxId: this.#lastTxId,
      heartbeatAgeTicks: 0,
      slaveOnly: this.#config.slaveOnly,
    };
    const others = [...this.#peers.values()].map((p) => p.view(this.#now, this.#timeout));
    return [own, ...others].sort((a, b) => a.id - b.id);
  }

  ready(): Ready {
    const ready: Ready = { messages: [...this.#messages], events: [...this.#events] };
    if (this.#hardStateChanged) ready.hardState = this.#hardState();
    if (this.#roleChanged) ready.roleChange = { role: this.#role, epoch: this.#epoch, master: this.#master };
    return ready;
  }

  advance(): void {
    this.#messages = [];
    this.#events = [];
    this.#hardStateChanged = false;
    this.#roleChanged = false;
  }

  // --- step functions, one per role ---------------------------------------------------------

  #stepPending(from: number, message: HaMessage): void {
    const announced = announcedMaster(from, message);
    if (announced !== undefined && announced.epoch >= this.#epoch) this.#follow(announced.master, announced.epoch, announced.stamp);
  }

  #stepSlave(from: number, message: HaMessage): void {
    const announced = announcedMaster(from, message);
    if (announced !== undefined && announced.epoch > this.#epoch) {
      this.#follow(announced.master, announced.epoch, announced.stamp);
      return;
    }
    if (from !== this.#master || message.type !== 'heartbeat') return;
    if (message.role === 'master' && message.epoch === this.#epoch) {
      this.#takeEcho(message.stamp);
    } else if (message.epoch >= this.#epoch) {
      this.#becomePending('master_stepped_down');
    }
  }

  #stepMaster(from: number, message: HaMessage): void {
    if (message.epoch > this.#epoch) {
      this.#becomePending('higher_epoch');
      this.#stepPending(from, message);
      return;
    }
    if (message.type !== 'heartbeat') return;
    const peer = this.#peers.get(from)!;
    const follows = message.role === 'slave' && message.master === this.#config.serverId && message.epoch === this.#epoch;
    if (follows) {
      if (message.echo !== null) peer.leaseStamp = Math.max(peer.leaseStamp ?? 0, message.echo);
      this.#progress.report(from, message.lastTxId);
    }
    this.#progress.setLive(from, follows);
  }

  // --- transitions --------------------------------------------------------------------------

  #follow(master: number, epoch: number, stamp: number): void {
    if (master === this.#config.serverId) return;
    const from = this.#role;
    const reason: RoleChangeReason = epoch > this.#epoch ? 'higher_epoch' : 'master_announced';
    this.#role = 'slave';
    this.#step = this.#stepSlave;
    this.#setEpoch(epoch);
    this.#master = master;
    this.#echo = undefined;
    this.#roundDeadline = undefined;
    this.#clearLeases();
    this.#takeEcho(stamp);
    this.#changedRole(from, reason);
    // The new master's write lease starts with this echo; do not make it wait an interval.
    this.#sendHeartbeat();
  }

  /**
   * Echoing a stamp lends the master a write lease, so it binds this member not to vote for
   * another until the lease has surely lapsed. Once it voted in a newer epoch it lends no
   * lease to a master of an older one: that master may already have been replaced.
   */
  #takeEcho(stamp: number): void {
    if (!this.#mayEcho()) return;
    this.#echo = stamp;
    this.#loyalUntil = Math.max(this.#loyalUntil, this.#now + this.#timeout);
  }

  #mayEcho(): boolean {
    return this.#role === 'slave' && this.#epoch >= (this.#votedFor?.epoch ?? 0);
  }

  #becomeMaster(epoch: number): void {
    const from = this.#role;
    this.#role = 'master';
    this.#step = this.#stepMaster;
    this.#setEpoch(epoch);
    this.#master = this.#config.serverId;
    this.#echo = undefined;
    this.#roundDeadline = undefined;
    this.#clearLeases();
    this.#changedRole(from, 'elected');
    this.#broadcast({ type: 'master_elected', epoch, master: this.#config.serverId, stamp: this.#now });
    this.#sendHeartbeat();
  }

  #becomePending(reason: RoleChangeReason): void {
    const from = this.#role;
    this.#role = 'pending';
    this.#step = this.#stepPending;
    this.#master = undefined;
    this.#echo = undefined;
    this.#pendingSince = this.#now;
    this.#clearLeases();
    this.#changedRole(from, reason);
    this.#sendHeartbeat();
  }

  // --- elections ----------------------------------------------------------------------------

  /** Starts or joins an election when this member needs a master and may vote. */
  #campaign(): void {
    if (this.#now < this.#loyalUntil) return;
    // A newer ballot someone else opened is joined at once by a member without a live master:
    // converging beats waiting out a round, and a second, newer ballot would only disturb it.
    const ballot = this.#ballot;
    const joinable = ballot !== undefined && ballot.epoch > this.#epoch && ballot.epoch > this.#decidedEpoch;
    if (joinable && (this.#role === 'pending' || !this.#masterAlive())) {
      this.#vote(ballot.epoch);
      return;
    }
    let reason = this.#electionReason();
    if (reason === undefined) return;
    if (this.#roundDeadline !== undefined && this.#now < this.#roundDeadline) return;
    // Nobody can win without a majority in sight; waiting keeps epochs from inflating.
    const inSight = 1 + countWhere(this.#peers.values(), (p) => p.aliveAt(this.#now, this.#timeout));
    if (!hasMajority(inSight, this.#config.members.length)) return;
    if (this.#roundDeadline !== undefined) reason = 'split_vote';
    const epoch = this.#highestEpochSeen + 1;
    this.#highestEpochSeen = epoch;
    this.#ballot = { epoch, votes: new Map() };
    this.#events.push({ event: 'election', epoch, reason });
    this.#vote(epoch);
  }

  #electionReason(): ElectionReason | undefined {
    if (this.#role === 'slave') {
      const master = this.#master!;
      if (this.#masterAlive()) return undefined;
      const suspecting = 1 + countWhere(this.#peers.values(), (p) => p.aliveAt(this.#now, this.#timeout) && p.suspects(master));
      return hasMajority(suspecting, this.#config.members.length) ? 'master_suspected' : undefined;
    }
    if (this.#now - this.#pendingSince < this.#timeout) return undefined;
    const liveMaster = [...this.#peers.values()].some(
      (p) => p.aliveAt(this.#now, this.#timeout) && p.heartbeat?.role === 'master' && p.heartbeat.epoch >= this.#epoch,
    );
    return liveMaster ? undefined : 'no_master';
  }

  #masterAlive(): boolean {
    return this.#master !== undefined && this.#peers.get(this.#master)?.aliveAt(this.#now, this.#timeout) === true;
  }

  /**
   * The master that wins a tie: the one of the newest epoch that this member or a live peer
   * follows or is. Taken from what all members announce rather than from this member's own
   * memory, so that voters who see the same heartbeats pick the same winner; otherwise
   * voters remembering different masters would split every round.
   */
  #currentMaster(): number | undefined {
    let epoch = this.#master === undefined ? -1 : this.#epoch;
    let master = this.#master;
    for (const peer of this.#peers.values()) {
      const hb = peer.heartbeat;
      if (hb === undefined || hb.master === null || hb.epoch <= epoch || !peer.aliveAt(this.#now, this.#timeout)) continue;
      epoch = hb.epoch;
      master = hb.master;
    }
    return master;
  }

  #vote(epoch: number): void {
    this.#decidedEpoch = epoch;
    this.#roundDeadline = this.#now + this.#config.electionBackoffTicks + Math.floor(this.#random() * this.#config.electionBackoffTicks);
    const candidates: Candidate[] = [{ id: this.#config.serverId, lastTxId: this.#lastTxId, slaveOnly: this.#config.slaveOnly }];
    for (const peer of this.#peers.values()) {
      const hb = peer.heartbeat;
      if (hb !== undefined && peer.aliveAt(this.#now, this.#timeout)) {
        candidates.push({ id: peer.id, lastTxId: hb.lastTxId, slaveOnly: hb.slaveOnly });
      }
    }
    const winner = electWinner(candidates, this.#currentMaster());
    if (winner === undefined) {
      this.#events.push({ event: 'vote_withheld', epoch, reason: 'no_eligible_candidate', candidate: undefined });
      return;
    }
    const winnerTxId = candidates.find((c) => c.id === winner)!.lastTxId;
    if (winnerTxId < this.#lastTxId) {
      this.#events.push({ event: 'vote_withheld', epoch, reason: 'candidate_behind', candidate: winner });
      return;
    }
    this.#votedFor = { epoch, candidate: winner };
    this.#hardStateChanged = true;
    this.#events.push({ event: 'vote_cast', epoch, candidate: winner });
    this.#broadcast({ type: 'vote', epoch, candidate: winner });
    this.#record(this.#config.serverId, { type: 'vote', epoch, candidate: winner });
  }

  /** Puts a vote in the ballot box of its epoch; an older box is forgotten, older votes dropped. */
  #record(voter: number, vote: VoteMessage): void {
    if (this.#ballot === undefined || vote.epoch > this.#ballot.epoch) this.#ballot = { epoch: vote.epoch, votes: new Map() };
    if (vote.epoch < this.#ballot.epoch) return;
    this.#ballot.votes.set(voter, vote.candidate);
    if (vote.candidate === this.#config.serverId) this.#countVotes();
  }

  #countVotes(): void {
    const ballot = this.#ballot!;
    if (this.#config.slaveOnly || ballot.epoch <= this.#epoch) return;
    const forMe = tally(ballot.votes).get(this.#config.serverId) ?? 0;
    if (!hasMajority(forMe, this.#config.members.length)) return;
    if (this.#role === 'master') this.#becomePending('higher_epoch');
    this.#becomeMaster(ballot.epoch);
  }

  // --- bookkeeping --------------------------------------------------------------------------

  #heard(peer: Peer): void {
    peer.lastHeard = this.#now;
    if (!peer.alive && peer.everAlive) this.#events.push({ event: 'member_rejoined', member: peer.id });
    peer.alive = true;
    peer.everAlive = true;
  }

  #checkLiveness(): void {
    for (const peer of this.#peers.values()) {
      const alive = peer.aliveAt(this.#now, this.#timeout);
      if (peer.alive && !alive) {
        this.#events.push({ event: 'member_suspected', member: peer.id, silentTicks: this.#now - peer.lastHeard! });
        if (this.#role === 'master') this.#progress.setLive(peer.id, false);
        peer.alive = false;
        // The others need to learn of the suspicion now to start an election without waiting an interval.
        if (peer.id === this.#master && this.#role === 'slave') this.#heartbeatDue = this.#now;
      }
    }
  }

  #sendHeartbeat(): void {
    const heartbeat: HeartbeatMessage = {
      type: 'heartbeat',
      epoch: this.#epoch,
      role: this.#role,
      master: this.#master ?? null,
      lastTxId: this.#lastTxId,
      slaveOnly: this.#config.slaveOnly,
      suspects: [...this.#peers.values()].filter((p) => !p.aliveAt(this.#now, this.#timeout)).map((p) => p.id),
      stamp: this.#now,
      echo: this.#mayEcho() ? (this.#echo ?? null) : null,
    };
    this.#broadcast(heartbeat);
    this.#heartbeatDue = this.#now + this.#config.heartbeatIntervalTicks;
  }

  #broadcast(message: HaMessage): void {
    this.#messages.push({ to: 'all', message });
  }

  #setEpoch(epoch: number): void {
    if (epoch !== this.#epoch) this.#hardStateChanged = true;
    this.#epoch = epoch;
    if (epoch > this.#highestEpochSeen) this.#highestEpochSeen = epoch;
  }

  #clearLeases(): void {
    for (const peer of this.#peers.values()) peer.leaseStamp = undefined;
    this.#progress.clear();
  }

  #changedRole(from: HaRole, reason: RoleChangeReason): void {
    this.#roleChanged = true;
    this.#events.push({ event: 'role_change', from, to: this.#role, epoch: this.#epoch, master: this.#master, reason });
  }

  #hardState(): HardState {
    return { epoch: this.#epoch, votedFor: this.#votedFor === undefined ? undefined : { ...this.#votedFor } };
  }
}

/** The master a message announces, when it comes from that master itself. */
function announcedMaster(from: number, message: HaMessage): { master: number; epoch: number; stamp: number } | undefined {
  if (message.type === 'master_elected') {
    return from === message.master ? { master: message.master, epoch: message.epoch, stamp: message.stamp } : undefined;
  }
  if (message.type === 'heartbeat' && message.role === 'master') return { master: from, epoch: message.epoch, stamp: message.stamp };
  return undefined;
}
