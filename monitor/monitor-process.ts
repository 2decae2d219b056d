/**
 * The monitor daemon: scrape rounds -> the cluster model -> its events to the sinks (the
 * log, webhooks, Alertmanager), the snapshot to /metrics, /api/cluster and the live page.
 *
 *   runMonitor(): listen (the status page, /metrics, /api/cluster, /live)
 *     -> sinks (Alertmanager's generatorURL needs the bound address) -> first round at once
 *     -> RUNNING, a round every intervalMs -> close(): stop scraping, drop undelivered
 *        alerts, close the listener -> STOPPED
 *
 * Signals belong to the CLI (`graphlb monitor`), which calls close().
 */
import type { Logger } from 'pino';
import { memberProbe } from '../protocol/cluster/member-probe.js';
import type { AlertSink } from './alerts/alert-sink.js';
import { AlertmanagerSink } from './alerts/alertmanager-sink.js';
import { LogSink } from './alerts/log-sink.js';
import { WebhookSink } from './alerts/webhook-sink.js';
import type { MonitorConfig } from './config/monitor-config.js';
import { deliveryDefaults, type DeliverySettings } from './delivery-defaults.js';
import { ClusterModel } from './model/cluster-model.js';
import type { ClusterState } from './model/cluster-state.js';
import type { ScrapeResult } from './scrape/member-scraper.js';
import { ScrapeLoop } from './scrape/scrape-loop.js';
import { LiveHub } from './server/live-hub.js';
import { MonitorMetrics } from './server/monitor-metrics.js';
import { MonitorServer } from './server/monitor-server.js';
import { loadPageAssets } from './server/page-assets.js';
import { RoundHistory, roundPoint } from './server/round-history.js';

export interface RunMonitorOptions {
  readonly config: MonitorConfig;
  readonly logger: Logger;
  /** Over deliveryDefaults (tests shorten backoffs). */
  readonly settings?: Partial<DeliverySettings>;
}

export interface RunningMonitor {
  /** `host:port` actually bound. */
  readonly address: string;
  snapshot(): ClusterState;
  close(): Promise<void>;
}

/** The listener could not be opened (address in use, not permitted, ...). */
export class MonitorListenError extends Error {
  override readonly name = 'MonitorListenError';
  readonly code = 'GRAPHLB_MONITOR_LISTEN';
}

export async function runMonitor(options: RunMonitorOptions): Promise<RunningMonitor> {
  const { config, logger } = options;
  const settings: DeliverySettings = { ...deliveryDefaults, ...options.settings };
  const model = new ClusterModel({ members: config.cluster.members.map((member) => member.name), thresholds: config.thresholds, cluster: config.cluster.name });
  const history = new RoundHistory(settings.historyWindowMs);
  const sinks: AlertSink[] = [new LogSink(logger)];
  const queueLength = (kind: typeof WebhookSink | typeof AlertmanagerSink): number => sinks.reduce((sum, sink) => sum + (sink instanceof kind ? sink.queueLength() : 0), 0);
  const metrics = new MonitorMetrics(() => ({ webhook: queueLength(WebhookSink), alertmanager: queueLength(AlertmanagerSink) }));
  const live = new LiveHub({
    maxBufferedBytes: settings.liveMaxBufferedBytes,
    hello: () => ({ type: 'hello', snapshot: model.snapshot(), history: history.points() }),
  });

  let server: MonitorServer;
  try {
    server = await MonitorServer.listen({ host: config.listen.host, port: config.listen.port, metrics, snapshot: () => model.snapshot(), live, assets: loadPageAssets() });
  } catch (error) {
    live.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new MonitorListenError(`the monitor cannot listen on ${config.listen.host}:${config.listen.port} (listen): ${reason}; free the port or set another listen address`);
  }
  const bound = server.address();
  const address = `${bound.host.includes(':') ? `[${bound.host}]` : bound.host}:${bound.port}`;

  const count = (sink: 'webhook' | 'alertmanager', outcome: 'ok' | 'failed' | 'dropped'): void => metrics.alertsSent.inc({ sink, outcome });
  const delivery = {
    capacity: settings.queueCapacity,
    maxAttempts: settings.maxAttempts,
    backoff: { initialMs: settings.backoffInitialMs, maxMs: settings.backoffMaxMs },
    timeoutMs: settings.postTimeoutMs,
    logger,
    count,
  };
  if (config.alerts.webhooks.length > 0) sinks.push(new WebhookSink({ urls: config.alerts.webhooks, ...delivery }));
  if (config.alerts.alertmanager !== undefined) {
    sinks.push(
      new AlertmanagerSink({
        url: config.alerts.alertmanager,
        cluster: config.cluster.name,
        generatorUrl: `http://${address}/`,
        resendHorizonMs: Math.max(settings.resendHorizonRounds * config.intervalMs, settings.resendHorizonMinMs),
        oneShotMs: settings.oneShotMs,
        ...delivery,
      }),
    );
  }

  const metricsErrors = new Map<string, string | undefined>();
  const onRound = (results: readonly ScrapeResult[]): void => {
    for (const result of results) {
      const instance = result.scrape.instance;
      metrics.scrapes.inc({ instance, outcome: result.scrape.ok ? 'ok' : 'failed' });
      metrics.scrapeDuration.observe({ instance }, result.durationMs / 1000);
      // Logged when it changes, not every round: a Neo4j member never serves /metrics on its HTTP port.
      if (result.scrape.ok && metricsErrors.get(instance) !== result.metricsError) {
        metricsErrors.set(instance, result.metricsError);
        if (result.metricsError !== undefined) {
          logger.warn({ event: 'member_metrics_missing', instance, error: result.metricsError }, `${instance}: ${result.metricsError}; its role and lag still come from the HA endpoints`);
        }
      }
    }
    const events = model.update(
      results.map((result) => result.scrape),
      Date.now(),
    );
    const state = model.snapshot();
    metrics.update(state);
    for (const event of events) metrics.events.inc({ event: event.event });
    for (const sink of sinks) sink.handleRound(events, state);
    const point = roundPoint(state);
    history.add(point);
    live.broadcast({ type: 'round', snapshot: state, point });
    for (const { snapshot: _snapshot, ...event } of events) live.broadcast({ type: 'event', event });
  };

  const loop = new ScrapeLoop({
    members: config.cluster.members,
    probe: memberProbe(config.cluster.flavor),
    auth: config.cluster.auth,
    intervalMs: config.intervalMs,
    timeoutMs: config.timeoutMs,
    onRound,
    onError: (error) => logger.error({ event: 'round_failed', error: error instanceof Error ? error.stack : String(error) }, 'handling a scrape round failed (a bug); the next round runs as planned'),
  });
  loop.start();
  logger.info(
    { event: 'monitor_started', listen: address, flavor: config.cluster.flavor, members: config.cluster.members.map((member) => member.name), intervalMs: config.intervalMs, webhooks: config.alerts.webhooks.length, alertmanager: config.alerts.alertmanager ?? null },
    `monitor serving http://${address}/ watching ${config.cluster.members.length} members`,
  );

  let closing: Promise<void> | undefined;
  return {
    address,
    snapshot: () => model.snapshot(),
    close: () => {
      closing ??= (async () => {
        await loop.close();
        await Promise.all(sinks.map((sink) => sink.close()));
        await server.close();
        logger.info({ event: 'monitor_stopped' }, 'monitor stopped');
      })();
      return closing;
    },
  };
}
