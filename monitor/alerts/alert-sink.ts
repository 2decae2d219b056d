/**
 * Where the monitor sends what it detects. After every scrape round each sink gets the
 * round's events (often none) and the snapshot: event sinks (log, webhooks) act on the
 * events, Alertmanager re-sends the conditions that still hold. handleRound never waits
 * on the network: deliveries are queued.
 */
import type { ClusterEvent } from '../model/cluster-event.js';
import type { ClusterState } from '../model/cluster-state.js';

export interface AlertSink {
  handleRound(events: readonly ClusterEvent[], state: ClusterState): void;
  /** Deliveries waiting or in flight. */
  queueLength(): number;
  close(): Promise<void>;
}

/** Counts a delivery's outcome (graphlb_monitor_alerts_sent_total{sink, outcome}). */
export type DeliveryCounter = (sink: 'webhook' | 'alertmanager', outcome: 'ok' | 'failed' | 'dropped') => void;
