/**
 * Member discovery: checks every member on its own timer and keeps the ClusterSnapshot
 * the forwarder routes by. Each member has its own small undici pool, its own timer and
 * its own deadline per check, so a member that hangs (SIGSTOP, a black-holed network)
 * costs only its own checks, never another member's interval.
 *
 * Per member:  idle --timer or reportForwardingError--> checking --done--> idle (timer armed)
 * A forwarding error during a check marks one re-check (never more than one extra) and
 * discards the running check's result, which may predate the failure.
 */
import type { Logger } from 'pino';
import { Pool } from 'undici';
import type { MemberProbe } from '../../protocol/cluster/member-probe.js';
import { defaultProbeDatabase, memberProbe } from '../../protocol/cluster/member-probe.js';
import type { ClusterFlavor, MemberReading } from '../../protocol/cluster/member-reading.js';
import type { ClusterAuth, MemberConfig } from '../config/proxy-config.js';
import type { MemberFacts } from './build-snapshot.js';
import { buildSnapshot, sameSnapshot } from './build-snapshot.js';
import type { ClusterSnapshot, ClusterView } from './cluster-snapshot.js';
import type { CheckOutcome } from './member-check.js';
import { checkMember } from './member-check.js';
import type { HealthEvent, HealthState } from './member-health.js';
import { healthOf, nextHealth, startingHealth } from './member-health.js';

export interface DiscoveryOptions {
  readonly members: readonly MemberConfig[];
  readonly flavor: ClusterFlavor;
  /** Basic auth on every check; undefined: checks go without credentials. */
  readonly auth: ClusterAuth | undefined;
  readonly health: { readonly intervalMs: number; readonly timeoutMs: number; readonly rise: number; readonly fall: number };
  /** neo4j5 only: the database whose role routes requests; default 'neo4j'. */
  readonly database?: string;
  readonly logger: Logger;
  /** Called after every completed check (the lead feeds metrics from it). */
  readonly onCheck?: (member: string, ok: boolean) => void;
}

/** Connections per member for checks: a probe's GETs run two at a time. */
const checkConnections = 2;

interface MemberRecord {
  readonly config: MemberConfig;
  readonly origin: string;
  readonly pool: Pool;
  /** Aborted when the member is removed or discovery closes, cutting its checks short. */
  readonly cancel: AbortController;
  health: HealthState;
  reading: MemberReading | undefined;
  lastCheckAt: number | undefined;
  lastError: string | undefined;
  timer: NodeJS.Timeout | undefined;
  checking: boolean;
  recheck: boolean;
  /** Bumped by a forwarding error: a check begun before it is not believed. */
  generation: number;
  checked: boolean;
  readonly firstCheck: Promise<void>;
  resolveFirstCheck: () => void;
  removed: boolean;
}

function originOf(member: MemberConfig): string {
  return member.http.origin;
}

function headersFor(auth: ClusterAuth | undefined): Readonly<Record<string, string>> {
  const headers: Record<string, string> = { accept: 'application/json, text/plain' };
  if (auth !== undefined) headers.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}`;
  return headers;
}

export class ClusterDiscovery implements ClusterView {
  #options: DiscoveryOptions;
  #probe: MemberProbe;
  #headers: Readonly<Record<string, string>>;
  #members: MemberRecord[] = [];
  #snapshot: ClusterSnapshot;
  #splitBrain = '';
  readonly #listeners = new Set<(snapshot: ClusterSnapshot) => void>();
  /** Pools of removed members still closing; close() waits for them. */
  readonly #closing = new Set<Promise<void>>();
  #started = false;
  #closed: Promise<void> | undefined;

  constructor(options: DiscoveryOptions) {
    this.#options = options;
    this.#probe = memberProbe(options.flavor, { database: options.database ?? defaultProbeDatabase });
    this.#headers = headersFor(options.auth);
    this.#members = options.members.map((member) => this.#newRecord(member));
    this.#snapshot = buildSnapshot(this.#facts(), Date.now()).snapshot;
  }

  start(): void {
    if (this.#started || this.#closed !== undefined) return;
    this.#started = true;
    for (const record of this.#members) void this.#check(record);
  }

  /** Resolves when every current member has finished one check (each bounded by health.timeoutMs). */
  async firstRound(): Promise<void> {
    await Promise.all(this.#members.map((record) => record.firstCheck));
  }

  snapshot(): ClusterSnapshot {
    return this.#snapshot;
  }

  onChange(listener: (snapshot: ClusterSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  reportForwardingError(member: string, error: Error): void {
    const record = this.#members.find((candidate) => candidate.config.name === member);
    if (record === undefined || this.#closed !== undefined) return;
    record.generation += 1;
    this.#apply(record, 'forwardingError', undefined, `forwarding failed: ${error.message}`);
    if (record.checking) record.recheck = true;
    else if (this.#started) void this.#check(record);
  }

  /**
   * A SIGHUP reload: members kept by name with the same origin keep their state; others
   * are added or removed. A new flavor or database starts every member afresh, since
   * readings from other endpoints mean nothing now.
   */
  reconfigure(options: DiscoveryOptions): void {
    if (this.#closed !== undefined) return;
    const database = options.database ?? defaultProbeDatabase;
    const sameProbe = options.flavor === this.#options.flavor && database === (this.#options.database ?? defaultProbeDatabase);
    this.#options = options;
    if (!sameProbe) this.#probe = memberProbe(options.flavor, { database });
    this.#headers = headersFor(options.auth);
    const old = new Map(this.#members.map((record) => [record.config.name, record]));
    const next: MemberRecord[] = [];
    const added: MemberRecord[] = [];
    for (const member of options.members) {
      const kept = old.get(member.name);
      if (kept !== undefined && sameProbe && kept.origin === originOf(member)) {
        old.delete(member.name);
        next.push(kept);
      } else {
        const record = this.#newRecord(member);
        next.push(record);
        added.push(record);
      }
    }
    for (const record of old.values()) this.#remove(record);
    this.#members = next;
    this.#publish();
    if (this.#started) for (const record of added) void this.#check(record);
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#listeners.clear();
      for (const record of this.#members) this.#remove(record);
      this.#members = [];
      await Promise.all(this.#closing);
    })();
    return this.#closed;
  }

  #newRecord(config: MemberConfig): MemberRecord {
    const origin = originOf(config);
    let resolveFirstCheck = (): void => {};
    const firstCheck = new Promise<void>((resolve) => {
      resolveFirstCheck = resolve;
    });
    return {
      config,
      origin,
      pool: new Pool(origin, { connections: checkConnections, connect: { timeout: this.#options.health.timeoutMs } }),
      cancel: new AbortController(),
      health: startingHealth,
      reading: undefined,
      lastCheckAt: undefined,
      lastError: undefined,
      timer: undefined,
      checking: false,
      recheck: false,
      generation: 0,
      checked: false,
      firstCheck,
      resolveFirstCheck,
      removed: false,
    };
  }

  #remove(record: MemberRecord): void {
    record.removed = true;
    clearTimeout(record.timer);
    record.cancel.abort();
    record.resolveFirstCheck();
    // destroy, not close: close() would wait for a check stuck on a hung member.
    const closing = record.pool.destroy().catch(() => undefined);
    this.#closing.add(closing);
    void closing.then(() => this.#closing.delete(closing));
  }

  async #check(record: MemberRecord): Promise<void> {
    if (record.removed || record.checking) return;
    clearTimeout(record.timer);
    record.timer = undefined;
    record.checking = true;
    const startedAt = Date.now();
    const generation = record.generation;
    const { timeoutMs, intervalMs } = this.#options.health;
    const outcome: CheckOutcome = await checkMember(record.pool, { probe: this.#probe, headers: this.#headers, timeoutMs, cancel: record.cancel.signal });
    record.checking = false;
    if (record.removed) return;
    if (generation === record.generation) {
      record.lastCheckAt = Date.now();
      if (outcome.ok) this.#apply(record, 'good', outcome.reading, undefined);
      else this.#apply(record, 'failed', undefined, outcome.error);
      record.checked = true;
      record.resolveFirstCheck();
      this.#notifyCheck(record.config.name, outcome.ok);
    }
    if (record.recheck) {
      record.recheck = false;
      void this.#check(record);
      return;
    }
    record.timer = setTimeout(() => void this.#check(record), Math.max(0, startedAt + intervalMs - Date.now()));
  }

  #apply(record: MemberRecord, event: HealthEvent, reading: MemberReading | undefined, error: string | undefined): void {
    const fromHealth = healthOf(record.health);
    const fromRole = record.reading?.role ?? 'unknown';
    const firstFailure = !record.checked && event === 'failed';
    record.health = nextHealth(record.health, event, this.#options.health);
    if (reading !== undefined) record.reading = reading;
    record.lastError = error;
    const toHealth = healthOf(record.health);
    const toRole = record.reading?.role ?? 'unknown';
    if (fromHealth !== toHealth || fromRole !== toRole || firstFailure) {
      this.#options.logger.info(
        { event: 'member_state', member: record.config.name, from: fromHealth, to: toHealth, role: toRole, reason: error ?? 'check passed' },
        `member ${record.config.name} is ${toHealth} (${toRole})`,
      );
    }
    this.#publish();
  }

  #notifyCheck(member: string, ok: boolean): void {
    try {
      this.#options.onCheck?.(member, ok);
    } catch (error) {
      this.#options.logger.error({ event: 'discovery_listener_failed', member, err: error }, 'an onCheck listener threw');
    }
  }

  #facts(): MemberFacts[] {
    return this.#members.map((record) => ({
      name: record.config.name,
      origin: record.origin,
      health: healthOf(record.health),
      reading: record.reading,
      lastCheckAt: record.lastCheckAt,
      lastError: record.lastError,
    }));
  }

  #publish(): void {
    const previous = this.#snapshot;
    const { snapshot, splitBrain } = buildSnapshot(this.#facts(), Date.now());
    const splitKey = splitBrain.join(',');
    if (splitKey !== this.#splitBrain) {
      this.#splitBrain = splitKey;
      if (splitBrain.length > 0) {
        this.#options.logger.warn({ event: 'split_brain', members: splitBrain, master: snapshot.master ?? null }, `more than one member says it is master: ${splitKey}`);
      }
    }
    if (sameSnapshot(previous, snapshot)) return;
    this.#snapshot = snapshot;
    if (previous.master !== snapshot.master) {
      const epoch = snapshot.members.find((member) => member.name === snapshot.master)?.epoch;
      this.#options.logger.info(
        { event: 'master_changed', from: previous.master ?? null, to: snapshot.master ?? null, epoch: epoch ?? null },
        `master is now ${snapshot.master ?? 'none'}`,
      );
    }
    for (const listener of this.#listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        this.#options.logger.error({ event: 'discovery_listener_failed', err: error }, 'an onChange listener threw');
      }
    }
  }
}
