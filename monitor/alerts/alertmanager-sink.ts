/**
 * Alertmanager (API v2) as an alert sink. Alertmanager expects a firing alert to be sent
 * again and again while it holds, and resolves it by itself once `endsAt` passes; so:
 *
 *   conditions  NoMaster, SplitBrain, MemberDown{instance}, SlaveLagHigh{instance},
 *               HeartbeatMissed{instance}, ViewsDisagree: sent every round while they hold,
 *               endsAt = now + resendHorizonMs (a few rounds: if the monitor dies they
 *               resolve on their own); sent once more with endsAt = now when they end.
 *   one-shot    MasterReelected{instance = the new master}: sent once, endsAt = the event's
 *               time + oneShotMs (a few minutes, so that it is seen and routed).
 *
 * A condition's state comes from the snapshot (masters, up, lagHigh, the views), not from
 * the edge-triggered events alone, so a condition that holds when the monitor starts is
 * alerted too. HeartbeatMissed and ViewsDisagree start on their event (the model applies
 * its rules, e.g. several rounds of disagreement) and hold while the snapshot still shows
 * them. Cluster-wide alerts carry no `instance` label. One POST per round carries all of
 * the round's alerts, through a bounded delivery queue.
 */
import type { Logger } from 'pino';
import { clusterEventKinds, type ClusterEvent, type ClusterEventName } from '../model/cluster-event.js';
import type { ClusterState } from '../model/cluster-state.js';
import { alertNameOf, alertSummaries, type AlertmanagerAlert, type AlertName } from './alertmanager-alert.js';
import type { AlertSink, DeliveryCounter } from './alert-sink.js';
import type { BackoffSettings } from './backoff.js';
import { DeliveryQueue } from './delivery-queue.js';
import { postJson } from './post-json.js';

export interface AlertmanagerSinkOptions {
  /** Alertmanager's base URL, e.g. `http://127.0.0.1:9093`. */
  readonly url: string;
  readonly cluster: string;
  /** The status page, for generatorURL. */
  readonly generatorUrl: string;
  readonly resendHorizonMs: number;
  readonly oneShotMs: number;
  readonly capacity: number;
  readonly maxAttempts: number;
  readonly backoff: BackoffSettings;
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly count: DeliveryCounter;
  readonly random?: () => number;
}

interface Condition {
  readonly name: AlertName;
  readonly instance: string | undefined;
  readonly startsAt: number;
  description: string;
}

/** The event whose message describes each alert, for conditions that hold. */
const eventOf: Readonly<Record<AlertName, ClusterEventName>> = {
  MasterReelected: 'master_reelected',
  NoMaster: 'no_master',
  SplitBrain: 'split_brain',
  MemberDown: 'member_down',
  SlaveLagHigh: 'lag_high',
  HeartbeatMissed: 'heartbeat_missed',
  ViewsDisagree: 'views_disagree',
};

function keyOf(name: AlertName, instance: string | undefined): string {
  return instance === undefined ? name : `${name}/${instance}`;
}

export class AlertmanagerSink implements AlertSink {
  readonly #options: AlertmanagerSinkOptions;
  readonly #queue: DeliveryQueue<AlertmanagerAlert[]>;
  readonly #active = new Map<string, Condition>();
  /** Started by their event, held while the snapshot shows them. */
  readonly #latched = new Set<string>();

  constructor(options: AlertmanagerSinkOptions) {
    this.#options = options;
    const endpoint = `${options.url.replace(/\/+$/, '')}/api/v2/alerts`;
    this.#queue = new DeliveryQueue<AlertmanagerAlert[]>({
      capacity: options.capacity,
      maxAttempts: options.maxAttempts,
      backoff: options.backoff,
      ...(options.random && { random: options.random }),
      send: (alerts, signal) => postJson(endpoint, alerts, options.timeoutMs, signal),
      onOutcome: (outcome, alerts, error) => {
        options.count('alertmanager', outcome);
        if (outcome !== 'ok') {
          const names = [...new Set(alerts.map((alert) => alert.labels['alertname']))].join(', ');
          options.logger.warn({ event: 'alert_not_delivered', sink: 'alertmanager', url: endpoint, outcome, alerts: names, error }, `Alertmanager ${endpoint} did not get the alerts ${names}: ${error}`);
        }
      },
    });
  }

  handleRound(events: readonly ClusterEvent[], state: ClusterState): void {
    const now = state.at ?? Date.now();
    const alerts: AlertmanagerAlert[] = [];
    const messages = new Map<string, string>();
    for (const event of events) {
      const name = alertNameOf[event.event];
      if (name === undefined) continue;
      const instance = 'instance' in event ? event.instance : undefined;
      if (name === 'MasterReelected') {
        alerts.push(this.#alert(name, instance, event.message, event.at, event.at + this.#options.oneShotMs, event.event === 'master_reelected' ? { from: event.from, to: event.to, epoch: String(event.epoch ?? '') } : {}));
        continue;
      }
      const key = keyOf(name, name === 'ViewsDisagree' ? undefined : instance);
      messages.set(key, event.message);
      if (name === 'HeartbeatMissed' || name === 'ViewsDisagree') this.#latched.add(key);
    }

    const holding = this.#conditions(state);
    for (const [key, condition] of holding) {
      const current = this.#active.get(key) ?? condition;
      current.description = messages.get(key) ?? current.description;
      this.#active.set(key, current);
      alerts.push(this.#alert(current.name, current.instance, current.description, current.startsAt, now + this.#options.resendHorizonMs));
    }
    for (const [key, condition] of this.#active) {
      if (holding.has(key)) continue;
      this.#active.delete(key);
      this.#latched.delete(key);
      alerts.push(this.#alert(condition.name, condition.instance, condition.description, condition.startsAt, now));
    }
    if (alerts.length > 0) this.#queue.push(alerts);
  }

  queueLength(): number {
    return this.#queue.length;
  }

  close(): Promise<void> {
    return this.#queue.close();
  }

  /** Every condition that holds after this round, by key. */
  #conditions(state: ClusterState): Map<string, Condition> {
    const now = state.at ?? Date.now();
    const holding = new Map<string, Condition>();
    const add = (name: AlertName, instance: string | undefined, description: string): void => {
      holding.set(keyOf(name, instance), { name, instance, startsAt: now, description });
    };
    if (state.rounds > 0 && state.masters.length === 0) add('NoMaster', undefined, 'No member answers as master: writes fail until one is elected.');
    if (state.masters.length > 1) add('SplitBrain', undefined, `${state.masters.length} members answer as master at once (${state.masters.join(', ')}).`);
    for (const member of state.members) {
      if (state.rounds > 0 && !member.up) add('MemberDown', member.instance, `${member.instance} does not answer the monitor's scrape${member.error === null ? '' : ` (${member.error})`}.`);
      if (member.lagHigh) add('SlaveLagHigh', member.instance, `${member.instance} is ${member.lagTx ?? '?'} transactions and ${member.lagSeconds?.toFixed(1) ?? '?'} s behind the master.`);
    }
    for (const key of this.#latched) {
      const [name, instance] = key.split('/') as [AlertName, string | undefined];
      if (name === 'ViewsDisagree' && !state.viewsAgree) add(name, undefined, 'The members disagree on the master or on who is alive.');
      if (name === 'HeartbeatMissed' && instance !== undefined && missed(state, instance)) add(name, instance, `Members miss the heartbeats of ${instance}.`);
    }
    return holding;
  }

  #alert(name: AlertName, instance: string | undefined, description: string, startsAt: number, endsAt: number, extra: Readonly<Record<string, string>> = {}): AlertmanagerAlert {
    const labels: Record<string, string> = { alertname: name, cluster: this.#options.cluster, severity: clusterEventKinds[eventOf[name]].severity };
    if (instance !== undefined) labels['instance'] = instance;
    return {
      labels,
      annotations: { summary: alertSummaries[name], description, ...extra },
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      generatorURL: this.#options.generatorUrl,
    };
  }
}

/** Some answering member sees `peer` as not alive. */
function missed(state: ClusterState, peer: string): boolean {
  return state.members.some((member) => member.up && member.views.some((view) => view.peer === peer && view.peer !== member.instance && !view.alive));
}
