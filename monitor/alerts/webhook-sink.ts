/**
 * Webhooks: every event is POSTed as JSON (the event's fields and `snapshot`, the cluster
 * after the round) to every configured URL. Each URL has its own bounded delivery queue,
 * so one dead receiver neither delays the others nor the scraping.
 */
import type { Logger } from 'pino';
import type { ClusterEvent } from '../model/cluster-event.js';
import type { AlertSink, DeliveryCounter } from './alert-sink.js';
import type { BackoffSettings } from './backoff.js';
import { DeliveryQueue } from './delivery-queue.js';
import { postJson } from './post-json.js';

export interface WebhookSinkOptions {
  readonly urls: readonly string[];
  readonly capacity: number;
  readonly maxAttempts: number;
  readonly backoff: BackoffSettings;
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly count: DeliveryCounter;
  readonly random?: () => number;
}

export class WebhookSink implements AlertSink {
  readonly #queues: DeliveryQueue<ClusterEvent>[];

  constructor(options: WebhookSinkOptions) {
    this.#queues = options.urls.map(
      (url) => {
        // A webhook's path and query often carry its secret token: logs name the origin only.
        const where = new URL(url).origin;
        return new DeliveryQueue<ClusterEvent>({
          capacity: options.capacity,
          maxAttempts: options.maxAttempts,
          backoff: options.backoff,
          ...(options.random && { random: options.random }),
          send: (event, signal) => postJson(url, event, options.timeoutMs, signal),
          onOutcome: (outcome, event, error) => {
            options.count('webhook', outcome);
            if (outcome !== 'ok') {
              options.logger.warn({ event: 'alert_not_delivered', sink: 'webhook', webhook: where, outcome, alert: event.event, at: event.at, error }, `the webhook at ${where} did not get the ${event.event} event: ${error}`);
            }
          },
        });
      },
    );
  }

  handleRound(events: readonly ClusterEvent[]): void {
    for (const event of events) for (const queue of this.#queues) queue.push(event);
  }

  queueLength(): number {
    return this.#queues.reduce((sum, queue) => sum + queue.length, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.#queues.map((queue) => queue.close()));
  }
}
