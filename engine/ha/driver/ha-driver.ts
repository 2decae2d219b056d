/**
 * The HA driver: everything around the pure core (ha-core.ts) that touches the world.
 * It owns the cluster channel, the tick timer, the HA state file, the write gate, and
 * the replication loops; the core decides, the driver carries out.
 *
 *   start() ──> WAITING_FOR_MEMBERS ── the ids of all ha.initial_hosts members are known
 *     channel listening,                (channel handshakes, or the state file of an
 *     waiting_for_members logged         earlier run) ── #buildCore ──> RUNNING
 *                                                                         │ close()
 *                                                                         v
 *                                                                       CLOSED
 *
 * In RUNNING every input goes through the same door: first the missed ticks of the
 * monotonic clock (#catchUp: a process woken from SIGSTOP ages its peers and its lease
 * before it reads a stale message or admits a write), then the input, then #process,
 * which carries out the core's Ready in its order: persist the hard state durably, send
 * the messages, act on the role change and log the events, advance().
 *
 * Replication (driver-messages.ts for the messages, tx-batch.ts for the bytes):
 * - A slave pulls from its master every ha.pull_interval, ha.pull_batch_size transactions
 *   at a time (again at once when a batch came full), and applies them in order with
 *   GraphDatabase.applyReplicated. The master learns the slave's progress from each pull
 *   (core.slaveApplied) and from its heartbeats.
 * - After a local commit is durable the master pushes it to core.pushTargets and waits up
 *   to the push timeout for acknowledgements of a durable apply (#pushCommitted); on a
 *   timeout or a refusal the commit still succeeds and push_failed is logged and counted,
 *   unless this member is no longer the master of the commit's epoch by then (committed():
 *   the client is told the outcome is unknown).
 * - Every apply runs through one queue (#serially), so pulls and pushes never race.
 *
 * Store copy (store-copy-frames.ts for the messages, store-copy-sessions.ts for the master):
 * a slave that first follows a master compares histories (tx_checksum and detectBranch)
 * before it pulls or accepts a push. It needs the master's store when it is new (empty
 * while the master has transactions), when a pull is refused with GLB_TX_LOG_PRUNED, or when
 * its history branched (the check says so, or a batch fails with GLB_TX_LOG_DIVERGED):
 *
 *   SERVING ── #needCopy: store_copy_needed ──> OUT_OF_SERVICE (role() answers unknown,
 *                                                pushes refused, the pull loop copies)
 *   OUT_OF_SERVICE ── #copyStore: the slot closes the database, receiveStoreCopy replaces
 *     the store (a branch goes aside per ha.branched_data_policy), the slot reopens it,
 *     store_copy_complete ──> SERVING, pulling from the copy's lastTxId + 1
 *   OUT_OF_SERVICE ── a copy fails: store_copy_failed, retried after a backoff ──> OUT_OF_SERVICE
 *
 * Log events: waiting_for_members, cluster_members, every core event (role_change,
 * election, vote_cast, vote_withheld, member_suspected, member_rejoined, message_ignored at
 * debug), pull_failed (debug), branch_detected (error), store_copy_needed and
 * store_copy_failed (warn), store_copy_complete (info), push_failed (warn); the store copy
 * itself logs store_copy (progress), store_copy_served on the master.
 */
import type { Logger } from 'pino';
import type { HighAvailabilityInfo } from '../../../protocol/ha/high-availability-bean.js';
import type { GraphDatabase, WriteGate } from '../../database.js';
import type { FileSystem } from '../../io/file-system.js';
import type { SocketAddress } from '../../../protocol/config/socket-address.js';
import { formatSocketAddress } from '../../../protocol/config/socket-address.js';
import { detectBranch } from '../../storecopy/detect-branch.js';
import type { BranchedDataPolicy } from '../../storecopy/move-store-aside.js';
import { receiveStoreCopy, type StoreCopyResult } from '../../storecopy/receive-store-copy.js';
import { createStoreCopySource } from '../../storecopy/store-copy-source.js';
import type { CommittedTransaction } from '../../txlog/transaction-log.js';
import { ClusterChannel } from '../channel/cluster-channel.js';
import type { HaEvent } from '../events.js';
import { HaCore, type HardState, type Ready } from '../ha-core.js';
import { parseHaMessage } from '../messages.js';
import type { PushStrategy } from '../progress.js';
import type { ClusterStats } from './cluster-stats.js';
import type { DatabaseSlot } from './database-slot.js';
import { parseDriverMessage, parseTxReply, type TxReply } from './driver-messages.js';
import { fetchStoreCopy } from './fetch-store-copy.js';
import { highAvailabilityInfo } from './ha-bean-info.js';
import { HaStateFile } from './ha-state-file.js';
import { checksumAt } from './log-checksum.js';
import { parseStoreCopyRequest, type StoreCopyFrame, type StoreCopyRequest } from './store-copy-frames.js';
import { StoreCopySessions } from './store-copy-sessions.js';
import { DEFAULT_TICK_MS, TickClock, tickTiming, type TickTiming } from './tick-clock.js';
import { decodeTxBatch, encodeTxBatch } from './tx-batch.js';
import { commitOutcomeUnknown, writeRefusal } from './write-refusal.js';

export const DEFAULT_PUSH_TIMEOUT_MS = 1000;
/** How long a slave waits for each answer of a store copy (the first one includes the master's checkpoint). */
const STORE_COPY_REQUEST_TIMEOUT_MS = 30_000;
/** A failed store copy is retried after 1 s, doubling up to this. */
const STORE_COPY_MAX_BACKOFF_MS = 30_000;

export interface HaDriverOptions {
  readonly serverId: number;
  /** ha.host.coordination */
  readonly listen: SocketAddress;
  /** ha.initial_hosts; this member's own address may be among them. */
  readonly initialHosts: readonly SocketAddress[];
  readonly secret: string;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly slaveOnly: boolean;
  readonly pullIntervalMs: number;
  readonly pullBatchSize: number;
  readonly pushFactor: number;
  readonly pushStrategy: PushStrategy;
  /** How long a commit waits for push acknowledgements; 1 s when absent. */
  readonly pushTimeoutMs?: number;
  /** Where the HA state (hard state, members) survives restarts. */
  readonly stateFile: string;
  readonly fileSystem: FileSystem;
  /** The database, replaced in place by a store copy. */
  readonly database: DatabaseSlot;
  /** The directory the database was opened on (<dbms.directories.data>/databases/<dbms.active_database>). */
  readonly storeDir: string;
  /** dbms.directories.data: a branched store goes under <dataDir>/databases/branched/. */
  readonly dataDir: string;
  /** ha.branched_data_policy */
  readonly branchedDataPolicy: BranchedDataPolicy;
  /** dbms.tx_log.rotation.size for the log of a copied store; 250 MiB when absent. */
  readonly txLogRotationBytes?: number;
  readonly logger: Logger;
  /** 50 ms when absent. */
  readonly tickMs?: number;
}

/** Why this member needs the master's store, and what becomes of its own. */
interface CopyNeed {
  readonly code: 'GLB_TX_LOG_PRUNED' | 'GLB_TX_LOG_DIVERGED' | 'STORE_EMPTY';
  readonly replacing: 'delete' | { readonly branch: BranchedDataPolicy; readonly reason: string };
  readonly reason: string;
}

export class HaDriver implements WriteGate {
  readonly #options: HaDriverOptions;
  readonly #logger: Logger;
  readonly #channel: ClusterChannel;
  readonly #storeCopySessions: StoreCopySessions;
  readonly #state: HaStateFile;
  readonly #timing: TickTiming;
  readonly #clock: TickClock;
  readonly #expectedMembers: number;
  readonly #knownPeers = new Set<number>();
  readonly #uris = new Map<number, readonly string[]>();
  readonly #pushTimeoutMs: number;
  #members: readonly number[] | undefined;
  #hardState: HardState | undefined;
  #core: HaCore | undefined;
  #ticker: NodeJS.Timeout | undefined;
  #pullTimer: NodeJS.Timeout | undefined;
  #pulling = false;
  #pullRun: Promise<void> = Promise.resolve();
  /** `${epoch}:${master}` of the master whose history this store was last found to share. */
  #historyChecked: string | undefined;
  #copyNeeded: CopyNeed | undefined;
  #copyFailures = 0;
  #storeCopies = 0;
  #branches = 0;
  #applying: Promise<unknown> = Promise.resolve();
  #httpUri: string | undefined;
  #closed = false;
  #lastUpdateMillis: number | undefined;
  #elections = 0;
  #pullUpdates = 0;
  #pullUpToTx = 0;
  #masterTxBytes = 0;
  #slaveTxBytes = 0;
  #pushAcks = 0;
  #pushFailures = 0;

  private constructor(options: HaDriverOptions, channel: ClusterChannel, state: HaStateFile, persistedMembers: readonly number[] | undefined, hardState: HardState | undefined) {
    this.#options = options;
    this.#logger = options.logger;
    this.#channel = channel;
    this.#storeCopySessions = new StoreCopySessions(options.logger);
    this.#state = state;
    this.#timing = tickTiming(options.heartbeatIntervalMs, options.heartbeatTimeoutMs, options.tickMs ?? DEFAULT_TICK_MS);
    this.#clock = new TickClock(this.#timing.tickMs, () => performance.now());
    this.#pushTimeoutMs = options.pushTimeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS;
    this.#expectedMembers = 1 + options.initialHosts.filter((host) => !isOwnAddress(host, options.listen)).length;
    this.#hardState = hardState;
    if (persistedMembers !== undefined && persistedMembers.length === this.#expectedMembers && persistedMembers.includes(options.serverId)) {
      this.#members = persistedMembers;
    }
  }

  /** Reads the HA state of an earlier run, starts the channel, and the core once all members are known. */
  static async start(options: HaDriverOptions): Promise<HaDriver> {
    const state = new HaStateFile(options.fileSystem, options.stateFile, options.serverId);
    const persisted = state.read();
    const channel = await ClusterChannel.start({
      serverId: options.serverId,
      listen: options.listen,
      peers: options.initialHosts,
      secret: options.secret,
      logger: options.logger,
    });
    const driver = new HaDriver(options, channel, state, persisted.members, persisted.hardState);
    channel.onPeer((peer, up) => driver.#peerChanged(peer, up));
    channel.onMessage((from, message, binary, reply) => driver.#received(from, message, binary, reply));
    if (driver.#members !== undefined) driver.#buildCore(driver.#members, 'state_file');
    else driver.#logWaiting();
    driver.#ticker = setInterval(() => driver.#catchUp(), driver.#timing.tickMs);
    driver.#schedulePull(options.pullIntervalMs);
    return driver;
  }

  /** The database open now: a store copy replaces it. */
  get #database(): GraphDatabase {
    return this.#options.database.current;
  }

  /** The channel's bound address (the real port when ha.host.coordination asked for 0). */
  get coordinationAddress(): SocketAddress {
    return this.#channel.address;
  }

  /** Tells the peers where this member serves HTTP, once the connector listens. */
  httpListening(address: SocketAddress): void {
    this.#httpUri = `http://${formatSocketAddress(address)}`;
    this.#uris.set(this.#options.serverId, this.#ownUris());
    for (const peer of this.#channel.connectedPeers()) this.#channel.send(peer, { type: 'member_info', uris: this.#ownUris() });
  }

  /** This member's role as the HA endpoints answer it. */
  role(): 'master' | 'slave' | 'unknown' {
    this.#catchUp();
    if (this.#copyNeeded !== undefined) return 'unknown';
    const role = this.#core?.role;
    return role === 'master' || role === 'slave' ? role : 'unknown';
  }

  bean(): HighAvailabilityInfo {
    this.#catchUp();
    const core = this.#core;
    return highAvailabilityInfo({
      serverId: this.#options.serverId,
      view: core?.view(),
      epoch: core?.epoch,
      tickMs: this.#timing.tickMs,
      lastCommittedTxId: this.#database.lastCommittedTxId,
      lastUpdateMillis: this.#lastUpdateMillis,
      uris: this.#uris,
    });
  }

  stats(): ClusterStats {
    this.#catchUp();
    const core = this.#core;
    const view = core?.view() ?? [];
    const heartbeatAges = view
      .filter((m) => m.id !== this.#options.serverId && m.heartbeatAgeTicks !== undefined)
      .map((m) => ({ peer: m.id, seconds: (m.heartbeatAgeTicks! * this.#timing.tickMs) / 1000 }));
    return {
      isMaster: core?.role === 'master',
      isAvailable: this.#copyNeeded === undefined && (core?.role === 'master' || core?.role === 'slave'),
      epoch: core?.epoch ?? 0,
      elections: this.#elections,
      heartbeatAges,
      pullUpdates: this.#pullUpdates,
      pullUpToTx: this.#pullUpToTx,
      masterTxBytes: this.#masterTxBytes,
      slaveTxBytes: this.#slaveTxBytes,
      pushAcks: this.#pushAcks,
      pushFailures: this.#pushFailures,
      storeCopies: this.#storeCopies,
      branches: this.#branches,
    };
  }

  // --- the write gate (GraphDatabase) ----------------------------------------------------

  admitWrite(): number {
    this.#catchUp();
    const core = this.#core;
    if (core?.canAcceptWrites() === true) return core.epoch;
    throw writeRefusal(this.#options.serverId, core?.role ?? 'pending', core?.master);
  }

  /**
   * Pushes the commit, then confirms that this member is still the master of the epoch
   * the commit was admitted in, with its lease: only then may the client hear of success.
   * A master paused between admitting and acknowledging may wake to find another master
   * elected; its commit then lives only in a history that will be set aside as a branch,
   * so the client gets an error that says the outcome is unknown. A push that merely
   * timed out does not fail the commit (as in Neo4j).
   */
  async committed(transaction: CommittedTransaction, epoch: number): Promise<void> {
    const txId = transaction.txId;
    try {
      await this.#pushCommitted(transaction);
    } catch (error) {
      this.#pushFailed(txId, [], (error as Error).message);
    }
    this.#catchUp();
    const core = this.#core;
    if (core !== undefined && core.role === 'master' && core.epoch === epoch && core.canAcceptWrites()) return;
    this.#logger.warn(
      { event: 'commit_outcome_unknown', serverId: this.#options.serverId, txId, epoch, role: core?.role, currentEpoch: core?.epoch },
      `transaction ${txId} was committed in epoch ${epoch} but this member is no longer its master; the client is told the outcome is unknown`,
    );
    throw commitOutcomeUnknown(this.#options.serverId, txId, epoch, core?.role ?? 'pending', core?.epoch ?? epoch);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#ticker);
    clearTimeout(this.#pullTimer);
    this.#storeCopySessions.close();
    await this.#channel.close();
    await this.#pullRun;
    await this.#applying.catch(() => undefined);
  }

  // --- the core's inputs --------------------------------------------------------------------

  /** Hands the core every tick the monotonic clock says has passed; always first. */
  #catchUp(): void {
    const core = this.#core;
    if (core === undefined || this.#closed) return;
    const ticks = this.#clock.elapsed();
    if (ticks === 0) return;
    core.localCommitted(this.#database.lastCommittedTxId);
    core.tick(ticks);
    this.#process();
  }

  #peerChanged(peer: number, up: boolean): void {
    if (!up) return;
    this.#learn(peer);
    this.#channel.send(peer, { type: 'member_info', uris: this.#ownUris() });
  }

  #received(from: number, message: object, binary: Buffer, reply: (message: object, binary?: Buffer) => void): void {
    if (this.#closed) return;
    this.#learn(from);
    this.#catchUp();
    const haMessage = parseHaMessage(message);
    if (haMessage !== undefined) {
      const core = this.#core;
      if (core === undefined) return;
      core.localCommitted(this.#database.lastCommittedTxId);
      core.step(from, haMessage);
      this.#process();
      return;
    }
    const storeCopyRequest = parseStoreCopyRequest(message);
    if (storeCopyRequest !== undefined) {
      this.#serveStoreCopy(from, storeCopyRequest, reply);
      return;
    }
    const driverMessage = parseDriverMessage(message);
    if (driverMessage === undefined) {
      this.#logger.debug({ event: 'message_ignored', serverId: this.#options.serverId, from, reason: 'not an HA message' }, 'unknown cluster message ignored');
      return;
    }
    switch (driverMessage.type) {
      case 'member_info':
        this.#uris.set(from, driverMessage.uris);
        return;
      case 'tx_pull':
        this.#servePull(from, driverMessage.fromTxId, driverMessage.max, reply);
        return;
      case 'tx_push':
        void this.#acceptPush(from, driverMessage.epoch, binary, reply);
        return;
      case 'tx_checksum':
        this.#serveChecksum(driverMessage.txId, reply);
        return;
    }
  }

  #learn(peer: number): void {
    if (this.#members !== undefined || peer === this.#options.serverId || this.#knownPeers.has(peer)) return;
    this.#knownPeers.add(peer);
    if (this.#knownPeers.size + 1 < this.#expectedMembers) {
      this.#logWaiting();
      return;
    }
    const members = [this.#options.serverId, ...this.#knownPeers].sort((a, b) => a - b);
    this.#members = members;
    this.#persist();
    this.#buildCore(members, 'handshakes');
  }

  #buildCore(members: readonly number[], source: 'handshakes' | 'state_file'): void {
    this.#core = new HaCore(
      {
        serverId: this.#options.serverId,
        members,
        slaveOnly: this.#options.slaveOnly,
        heartbeatIntervalTicks: this.#timing.heartbeatIntervalTicks,
        heartbeatTimeoutTicks: this.#timing.heartbeatTimeoutTicks,
        electionBackoffTicks: this.#timing.electionBackoffTicks,
      },
      this.#hardState,
      Math.random,
    );
    this.#core.localCommitted(this.#database.lastCommittedTxId);
    this.#logger.info(
      { event: 'cluster_members', serverId: this.#options.serverId, members, source, epoch: this.#core.epoch, tickMs: this.#timing.tickMs },
      `cluster of ${members.length} members known (${source})`,
    );
  }

  /** Carries out one Ready in the core's order. */
  #process(): void {
    const core = this.#core!;
    const ready: Ready = core.ready();
    if (ready.hardState !== undefined) {
      this.#hardState = ready.hardState;
      this.#persist();
    }
    for (const outbound of ready.messages) {
      if (outbound.to === 'all') this.#channel.broadcast(outbound.message);
      else this.#channel.send(outbound.to, outbound.message);
    }
    if (ready.roleChange?.role === 'slave') this.#schedulePull(0);
    for (const event of ready.events) this.#logEvent(event);
    core.advance();
  }

  #persist(): void {
    this.#state.write({ members: this.#members, hardState: this.#hardState });
  }

  #logEvent(event: HaEvent): void {
    const line = { ...event, serverId: this.#options.serverId };
    switch (event.event) {
      case 'role_change':
        this.#logger.info(line, `role ${event.from} -> ${event.to} in epoch ${event.epoch} (${event.reason})`);
        return;
      case 'election':
        this.#elections++;
        this.#logger.info(line, `election for epoch ${event.epoch} (${event.reason})`);
        return;
      case 'member_suspected':
        this.#logger.warn(line, `member ${event.member} suspected`);
        return;
      case 'vote_withheld':
        this.#logger.warn(line, `vote withheld in epoch ${event.epoch} (${event.reason})`);
        return;
      case 'message_ignored':
        this.#logger.debug(line, event.reason);
        return;
      default:
        this.#logger.info(line, event.event);
    }
  }

  #logWaiting(): void {
    this.#logger.info(
      { event: 'waiting_for_members', serverId: this.#options.serverId, known: [this.#options.serverId, ...this.#knownPeers].sort((a, b) => a - b), expected: this.#expectedMembers },
      `waiting to learn the ids of all ${this.#expectedMembers} members of ha.initial_hosts`,
    );
  }

  #ownUris(): string[] {
    const uris = [`ha://${formatSocketAddress(this.#options.listen)}?serverId=${this.#options.serverId}`];
    if (this.#httpUri !== undefined) uris.push(this.#httpUri);
    return uris;
  }

  // --- replication: pull ----------------------------------------------------------------------

  #schedulePull(delayMs: number): void {
    if (this.#closed) return;
    clearTimeout(this.#pullTimer);
    this.#pullTimer = setTimeout(() => {
      if (!this.#pulling) this.#pullRun = this.#pullLoop();
    }, delayMs);
  }

  /** One round: a store copy when one is needed, else a pull; then the next round is scheduled. */
  async #pullLoop(): Promise<void> {
    if (this.#closed) return;
    this.#pulling = true;
    let delayMs = this.#options.pullIntervalMs;
    try {
      if (this.#copyNeeded !== undefined) delayMs = await this.#copyStore(this.#copyNeeded);
      else if ((await this.#pullOnce()) || this.#copyNeeded !== undefined) delayMs = 0;
    } finally {
      this.#pulling = false;
    }
    this.#schedulePull(delayMs);
  }

  /** One pull from the master, when this member is a slave; true when a full batch came. */
  async #pullOnce(): Promise<boolean> {
    this.#catchUp();
    const core = this.#core;
    if (core === undefined || core.role !== 'slave' || core.master === undefined || this.#copyNeeded !== undefined) return false;
    const master = core.master;
    const following = `${core.epoch}:${master}`;
    if (this.#historyChecked !== following) {
      if (!(await this.#checkHistory(master))) return false;
      this.#historyChecked = following;
    }
    const fromTxId = this.#database.lastCommittedTxId + 1;
    const max = this.#options.pullBatchSize;
    let reply: TxReply | undefined;
    let binary: Buffer;
    try {
      const answer = await this.#channel.request(master, { type: 'tx_pull', fromTxId, max }, undefined, this.#options.heartbeatTimeoutMs);
      reply = parseTxReply(answer.message);
      binary = answer.binary;
    } catch (error) {
      this.#logger.debug({ event: 'pull_failed', serverId: this.#options.serverId, master, fromTxId, error: (error as Error).message }, 'pull failed');
      return false;
    }
    if (reply === undefined || reply.type === 'tx_push_ack' || reply.type === 'tx_checksum_answer') {
      this.#logger.debug({ event: 'pull_failed', serverId: this.#options.serverId, master, fromTxId, error: 'not a pull answer' }, 'pull failed');
      return false;
    }
    if (reply.type === 'tx_refused') {
      if (reply.code === 'GLB_TX_LOG_PRUNED') this.#needCopy(master, { code: reply.code, replacing: 'delete', reason: reply.message });
      else this.#logger.debug({ event: 'pull_failed', serverId: this.#options.serverId, master, fromTxId, code: reply.code, error: reply.message }, 'pull refused');
      return false;
    }
    if (reply.count === 0) return false;
    this.#slaveTxBytes += binary.length;
    const applied = await this.#applyFromMaster(master, decodeTxBatch(binary));
    if (applied === undefined) return false;
    this.#pullUpdates++;
    this.#pullUpToTx = applied;
    return reply.count >= max;
  }

  #servePull(from: number, fromTxId: number, max: number, reply: (message: object, binary?: Buffer) => void): void {
    const core = this.#core;
    if (core === undefined || core.role !== 'master') {
      reply({ type: 'tx_refused', code: 'NOT_MASTER', message: `Member ${this.#options.serverId} is not master; pull from the master.` });
      return;
    }
    core.slaveApplied(from, fromTxId - 1);
    const batch: CommittedTransaction[] = [];
    try {
      for (const transaction of this.#database.transactionLog.read(fromTxId)) {
        batch.push(transaction);
        if (batch.length >= max) break;
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      reply({
        type: 'tx_refused',
        code: code === 'GLB_TX_LOG_PRUNED' ? 'GLB_TX_LOG_PRUNED' : 'APPLY_FAILED',
        message: (error as Error).message,
      });
      return;
    }
    const bytes = encodeTxBatch(batch);
    this.#masterTxBytes += bytes.length;
    reply({ type: 'tx_batch', count: batch.length, lastTxId: batch.at(-1)?.txId ?? fromTxId - 1 }, bytes);
  }

  /**
   * Applies transactions from the master in order, skipping those already here; resolves
   * with the last committed tx id, or undefined when the batch could not be applied.
   *
   * Only the appends run in the serial queue (in tx id order, never racing a pull against a
   * push); their fsyncs are awaited outside it, so pushes that arrive together share one
   * fsync on the slave, as concurrent commits do on the master.
   */
  async #applyFromMaster(master: number, transactions: readonly CommittedTransaction[]): Promise<number | undefined> {
    const applying = await this.#serially(async () => {
      const appended = this.#database.transactionLog.lastAppendedTxId;
      const durable = transactions.filter((tx) => tx.txId > appended).map((tx) => this.#database.applyReplicated(tx));
      // Wrapped, so that the queue moves on without waiting for the fsync.
      return { count: durable.length, outcomes: Promise.allSettled(durable) };
    });
    const outcomes = await applying.outcomes;
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure !== undefined) {
      const error = failure.reason as Error & { code?: unknown };
      if (error.code === 'GLB_TX_LOG_DIVERGED') {
        this.#logger.error(
          { event: 'branch_detected', serverId: this.#options.serverId, master, lastCommittedTxId: this.#database.lastCommittedTxId, error: error.message },
          'this store has transactions the master does not have (a branch)',
        );
        this.#branches++;
        this.#needCopy(master, {
          code: 'GLB_TX_LOG_DIVERGED',
          replacing: { branch: this.#options.branchedDataPolicy, reason: error.message },
          reason: error.message,
        });
      } else {
        this.#logger.debug({ event: 'pull_failed', serverId: this.#options.serverId, master, error: error.message }, 'applying a batch failed');
      }
      return undefined;
    }
    if (applying.count > 0) {
      this.#lastUpdateMillis = Date.now();
      this.#core?.localCommitted(this.#database.lastCommittedTxId);
    }
    return this.#database.lastCommittedTxId;
  }

  /**
   * Compares this store's history with the master's (detectBranch on the master's checksum
   * at this store's last tx); true when pulling may go on, false when it failed (tried again
   * next round) or a store copy is needed.
   */
  async #checkHistory(master: number): Promise<boolean> {
    const database = this.#database;
    const lastTxId = database.lastCommittedTxId;
    let reply: TxReply | undefined;
    try {
      const answer = await this.#channel.request(master, { type: 'tx_checksum', txId: lastTxId }, undefined, this.#options.heartbeatTimeoutMs);
      reply = parseTxReply(answer.message);
    } catch (error) {
      this.#logger.debug({ event: 'pull_failed', serverId: this.#options.serverId, master, error: (error as Error).message }, 'history check failed');
      return false;
    }
    if (reply?.type !== 'tx_checksum_answer') {
      this.#logger.debug({ event: 'pull_failed', serverId: this.#options.serverId, master, error: JSON.stringify(reply ?? null) }, 'history check refused');
      return false;
    }
    const theirs = reply;
    const verdict = detectBranch(
      { lastTxId, checksumAt: (txId) => checksumAt(database.transactionLog, txId) },
      { lastTxId: theirs.lastTxId, checksumAt: (txId) => (txId === lastTxId ? (theirs.checksum ?? undefined) : undefined) },
    );
    if (verdict.verdict === 'branched') {
      this.#branches++;
      this.#logger.error(
        { event: 'branch_detected', serverId: this.#options.serverId, master, lastCommittedTxId: lastTxId, masterLastTxId: theirs.lastTxId, atTxId: verdict.atTxId, error: verdict.reason },
        `this store has transactions the master does not have (a branch): ${verdict.reason}`,
      );
    }
    if (verdict.verdict !== 'same_history') {
      this.#needCopy(master, {
        code: 'GLB_TX_LOG_DIVERGED',
        replacing: { branch: this.#options.branchedDataPolicy, reason: verdict.reason },
        reason: verdict.reason,
      });
      return false;
    }
    if (lastTxId === 0 && theirs.lastTxId > 0) {
      this.#needCopy(master, { code: 'STORE_EMPTY', replacing: 'delete', reason: `this store is empty and the master's is at tx ${theirs.lastTxId}` });
      return false;
    }
    return true;
  }

  /** Takes this member out of service until a copy of the master's store replaces its own. */
  #needCopy(master: number, need: CopyNeed): void {
    if (this.#copyNeeded !== undefined) return;
    this.#copyNeeded = need;
    this.#logger.warn(
      { event: 'store_copy_needed', serverId: this.#options.serverId, master, code: need.code, lastCommittedTxId: this.#database.lastCommittedTxId, reason: need.reason },
      `this member needs a copy of master ${master}'s store (${need.code}: ${need.reason}); it is out of service until the copy is in place`,
    );
  }

  /** Copies the master's store over this one; resolves with the delay before the next round. */
  async #copyStore(need: CopyNeed): Promise<number> {
    this.#catchUp();
    const core = this.#core;
    const master = core?.role === 'slave' ? core.master : undefined;
    if (master === undefined || this.#closed) return this.#options.pullIntervalMs;
    const started = performance.now();
    try {
      const copied = await this.#serially(async () => {
        let result: StoreCopyResult | undefined;
        try {
          await this.#options.database.replace(async () => {
            result = await receiveStoreCopy(fetchStoreCopy(this.#channel, master, STORE_COPY_REQUEST_TIMEOUT_MS), {
              storeDir: this.#options.storeDir,
              dataDir: this.#options.dataDir,
              fileSystem: this.#options.fileSystem,
              logger: this.#logger,
              replacing: need.replacing,
              ...(this.#options.txLogRotationBytes === undefined ? {} : { txLogRotationBytes: this.#options.txLogRotationBytes }),
            });
          });
        } finally {
          // The reopened database, whether it holds the copy or (after a failure) the old store.
          this.#database.setWriteGate(this);
        }
        return result!;
      });
      this.#storeCopies++;
      this.#copyFailures = 0;
      this.#copyNeeded = undefined;
      this.#historyChecked = undefined;
      this.#lastUpdateMillis = Date.now();
      this.#core?.localCommitted(this.#database.lastCommittedTxId);
      this.#logger.info(
        {
          event: 'store_copy_complete',
          serverId: this.#options.serverId,
          master,
          lastTxId: copied.lastTxId,
          bytes: copied.bytes,
          branchMovedTo: copied.branchMovedTo ?? null,
          durationMs: Math.round(performance.now() - started),
        },
        `copied master ${master}'s store up to tx ${copied.lastTxId}; pulling from tx ${copied.lastTxId + 1}`,
      );
      return 0;
    } catch (error) {
      const retryInMs = Math.min(STORE_COPY_MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.#copyFailures, 16));
      this.#copyFailures++;
      this.#logger.warn(
        { event: 'store_copy_failed', serverId: this.#options.serverId, master, attempt: this.#copyFailures, retryInMs, error: (error as Error).message },
        `copying master ${master}'s store failed; trying again in ${retryInMs} ms`,
      );
      return retryInMs;
    }
  }

  #serveChecksum(txId: number, reply: (message: object, binary?: Buffer) => void): void {
    if (this.#core?.role !== 'master') {
      reply({ type: 'tx_refused', code: 'NOT_MASTER', message: `Member ${this.#options.serverId} is not master; ask the master.` });
      return;
    }
    const database = this.#database;
    reply({ type: 'tx_checksum_answer', lastTxId: database.lastCommittedTxId, checksum: checksumAt(database.transactionLog, txId) ?? null });
  }

  #serveStoreCopy(from: number, request: StoreCopyRequest, reply: (message: object, binary?: Buffer) => void): void {
    if (this.#core?.role !== 'master') {
      reply({ type: 'store_copy_refused', code: 'NOT_MASTER', message: `Member ${this.#options.serverId} is not master; copy the master's store.` });
      return;
    }
    let frame: Promise<StoreCopyFrame> | undefined;
    if (request.type === 'store_copy_start') {
      const source = createStoreCopySource(this.#database, { storeDir: this.#options.storeDir, fileSystem: this.#options.fileSystem, logger: this.#logger });
      frame = this.#storeCopySessions.start(from, source);
    } else {
      frame = this.#storeCopySessions.next(from, request.session);
    }
    if (frame === undefined) {
      reply({ type: 'store_copy_refused', code: 'UNKNOWN_SESSION', message: `Member ${this.#options.serverId} has no store copy session ${request.type === 'store_copy_next' ? request.session : ''} for member ${from}; start the copy again.` });
      return;
    }
    frame.then(
      (answer) => reply(answer.message, answer.binary),
      (error: unknown) => reply({ type: 'store_copy_refused', code: 'SOURCE_FAILED', message: (error as Error).message }),
    );
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#applying.then(work, work);
    this.#applying = run.catch(() => undefined);
    return run;
  }

  // --- replication: push --------------------------------------------------------------------

  async #pushCommitted(transaction: CommittedTransaction): Promise<void> {
    const txId = transaction.txId;
    const core = this.#core;
    if (this.#options.pushFactor === 0 || core === undefined || core.role !== 'master') return;
    const targets = core.pushTargets(this.#options.pushStrategy, this.#options.pushFactor);
    if (targets.length === 0) {
      this.#pushFailed(txId, [], 'no live slave to push to');
      return;
    }
    const bytes = encodeTxBatch([transaction]);
    const failed: number[] = [];
    const reasons: string[] = [];
    await Promise.all(
      targets.map(async (slave) => {
        try {
          const answer = await this.#channel.request(slave, { type: 'tx_push', epoch: core.epoch }, bytes, this.#pushTimeoutMs);
          this.#masterTxBytes += bytes.length;
          const reply = parseTxReply(answer.message);
          if (reply?.type === 'tx_push_ack' && reply.lastTxId >= txId) {
            this.#pushAcks++;
            core.slaveApplied(slave, reply.lastTxId);
            return;
          }
          failed.push(slave);
          reasons.push(reply?.type === 'tx_refused' ? `${slave}: ${reply.code} ${reply.message}` : `${slave}: no acknowledgement`);
        } catch (error) {
          failed.push(slave);
          reasons.push(`${slave}: ${(error as Error).message}`);
        }
      }),
    );
    if (failed.length > 0) this.#pushFailed(txId, failed, reasons.join('; '));
  }

  #pushFailed(txId: number, slaves: readonly number[], reason: string): void {
    this.#pushFailures++;
    this.#logger.warn(
      { event: 'push_failed', serverId: this.#options.serverId, txId, slaves, reason, timeoutMs: this.#pushTimeoutMs },
      `transaction ${txId} committed without every push acknowledgement (ha.tx_push_factor=${this.#options.pushFactor})`,
    );
  }

  async #acceptPush(from: number, epoch: number, binary: Buffer, reply: (message: object, binary?: Buffer) => void): Promise<void> {
    const core = this.#core;
    if (core === undefined || core.role !== 'slave' || core.master !== from || core.epoch !== epoch) {
      reply({ type: 'tx_refused', code: 'NOT_SLAVE', message: `Member ${this.#options.serverId} does not follow member ${from} in epoch ${epoch}.` });
      return;
    }
    if (this.#copyNeeded !== undefined || this.#historyChecked !== `${epoch}:${from}`) {
      const why = this.#copyNeeded === undefined ? 'has not yet compared its history with the master\'s' : `needs a store copy (${this.#copyNeeded.code})`;
      reply({ type: 'tx_refused', code: 'NOT_READY', message: `Member ${this.#options.serverId} ${why}; it catches up by pulling.` });
      return;
    }
    let transactions: CommittedTransaction[];
    try {
      transactions = decodeTxBatch(binary);
    } catch (error) {
      reply({ type: 'tx_refused', code: 'APPLY_FAILED', message: (error as Error).message });
      return;
    }
    this.#slaveTxBytes += binary.length;
    const first = transactions[0];
    // A slave behind the pushed transaction catches up first: a push never leaves a gap.
    for (let attempt = 0; first !== undefined && attempt < 3 && this.#database.transactionLog.lastAppendedTxId < first.txId - 1; attempt++) {
      await this.#pullOnce();
    }
    const applied = await this.#applyFromMaster(from, transactions);
    const last = transactions.at(-1)?.txId ?? 0;
    if (applied === undefined || applied < last) {
      reply({ type: 'tx_refused', code: 'APPLY_FAILED', message: `Member ${this.#options.serverId} could not apply up to transaction ${last} (it holds ${this.#database.lastCommittedTxId}).` });
      return;
    }
    reply({ type: 'tx_push_ack', lastTxId: applied });
  }
}

function isOwnAddress(host: SocketAddress, listen: SocketAddress): boolean {
  if (host.port !== listen.port) return false;
  const local = (h: string): string => (h === 'localhost' ? '127.0.0.1' : h);
  return local(host.host) === local(listen.host) || listen.host === '0.0.0.0';
}

