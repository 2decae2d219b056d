/**
 * The pino log as an alert sink: every event one line, `{event, message, ...its fields}`,
 * at a level from its severity. The snapshot is left out (the status page and
 * /api/cluster have it); the master and the masters are kept, as context.
 */
import type { Logger } from 'pino';
import { clusterEventKinds, type ClusterEvent } from '../model/cluster-event.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { AlertSink } from './alert-sink.js';

export class LogSink implements AlertSink {
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  handleRound(events: readonly ClusterEvent[], state: ClusterState): void {
    for (const { snapshot: _snapshot, ...record } of events) {
      const severity = clusterEventKinds[record.event].severity;
      const line = { ...record, master: state.master, masters: state.masters };
      if (severity === 'critical') this.#logger.error(line, record.message);
      else if (severity === 'warning') this.#logger.warn(line, record.message);
      else this.#logger.info(line, record.message);
    }
  }

  queueLength(): number {
    return 0;
  }

  async close(): Promise<void> {}
}
