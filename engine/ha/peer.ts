/**
 * What one member knows of another: when it last heard from it and what that member last
 * said about itself in a heartbeat.
 */
import type { HaRole, HeartbeatMessage } from './messages.js';

/** One member as the JMX bean and the metrics show it. */
export interface MemberView {
  id: number;
  alive: boolean;
  role: HaRole | 'unknown';
  epoch: number | undefined;
  master: number | undefined;
  lastTxId: number | undefined;
  /** Ticks since the member was last heard from; undefined when never. 0 for this member. */
  heartbeatAgeTicks: number | undefined;
  slaveOnly: boolean | undefined;
}

export class Peer {
  readonly id: number;
  lastHeard: number | undefined;
  /** Whether it was alive at the last liveness check; flips produce suspected/rejoined events. */
  alive = false;
  everAlive = false;
  heartbeat: HeartbeatMessage | undefined;
  /**
   * The newest stamp of this member's master heartbeats that it echoed back while following
   * this member in the current epoch: the write lease it grants. Cleared on any role change.
   */
  leaseStamp: number | undefined;

  constructor(id: number) {
    this.id = id;
  }

  aliveAt(now: number, timeoutTicks: number): boolean {
    return this.lastHeard !== undefined && now - this.lastHeard < timeoutTicks;
  }

  suspects(member: number): boolean {
    return this.heartbeat?.suspects.includes(member) ?? false;
  }

  view(now: number, timeoutTicks: number): MemberView {
    const hb = this.heartbeat;
    return {
      id: this.id,
      alive: this.aliveAt(now, timeoutTicks),
      role: hb?.role ?? 'unknown',
      epoch: hb?.epoch,
      master: hb?.master ?? undefined,
      lastTxId: hb?.lastTxId,
      heartbeatAgeTicks: this.lastHeard === undefined ? undefined : now - this.lastHeard,
      slaveOnly: hb?.slaveOnly,
    };
  }
}
