/**
 * The monitor daemon: scrape rounds -> the cluster model -> its events to the sinks (the
 * log, webhooks, Alertmanager), the snapshot to /metrics, /api/cluster and the live page.
 *
 *   runMonitor(): listen (the status page, /metrics, /api/cluster, /live)
 *     -> sinks (Alertmanager's generatorURL needs the bound address) -> first round at once
 *     -> RUNNING, a round every intervalMs
 *   RUNNING --reload() (SIGHUP)--> loadMonitorConfig(configFile) again:
 *     refused -> the config in force stays (config_reload failed), still RUNNING;
 *     accepted -> applied without closing the listener or a /live client (config_reload ok),
 *     still RUNNING. A changed `listen` cannot move the open listener and is kept (warning);
 *     cluster, interval or timeout: the scrape loop is closed (its round in flight is
 *     cancelled and awaited, so rounds never overlap) and a new one started; members,
 *     thresholds and the cluster name go to the model, which keeps what it knows of the
 *     members still configured (ClusterModel.reconfigure); the webhook and Alertmanager
 *     sinks are rebuilt only when what they were built from changed (alerts, the cluster
 *     name Alertmanager labels carry, the resend horizon), the replaced ones closed and
 *     their undelivered alerts dropped. Reloads run one at a time.
 *   RUNNING --close()--> waits for a reload in progress, stops scraping, drops undelivered
 *     alerts, closes the listener -> STOPPED
 *
 * Signals belong to the CLI (`graphlb monitor`), which calls reload() and close().
 */
import type { Logger } from 'pino';
import { memberProbe } from '../protocol/cluster/member-probe.js';
import { configChanges } from '../protocol/config/config-changes.js';
import { formatSocketAddress } from '../protocol/config/socket-address.js';
import type { AlertSink } from './alerts/alert-sink.js';
import { AlertmanagerSink } from './alerts/alertmanager-sink.js';
import { LogSink } from './alerts/log-sink.js';
import { WebhookSink } from './alerts/webhook-sink.js';
import { loadMonitorConfig } from './config/load-monitor-config.js';
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
  /** The file `config` was loaded from, read again by reload(). Unset: reload() is refused. */
  readonly configFile?: string;
  /** Where `${VAR}` in the file is read from on reload; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  readonly logger: Logger;
  /** Over deliveryDefaults (tests shorten backoffs). */
  readonly settings?: Partial<DeliverySettings>;
}

export interface RunningMonitor {
  /** `host:port` actually bound. */
  readonly address: string;
  snapshot(): ClusterState;
  /**
   * SIGHUP: loads configFile again and applies it (see the header comment); logs
   * config_reload and counts graphlb_monitor_config_reloads_total. Never rejects:
   * 'failed' when the file is refused or cannot be applied (the config in force stays),
   * or when the monitor is closing.
   */
  reload(): Promise<'ok' | 'failed'>;
  close(): Promise<void>;
}

/** The listener could not be opened (address in use, not permitted, ...). */
export class MonitorListenError extends Error {
  override readonly name = 'MonitorListenError';
  readonly code = 'GRAPHLB_MONITOR_LISTEN';
}

export async function runMonitor(options: RunMonitorOptions): Promise<RunningMonitor> {
  const { logger } = options;
  let config = options.config;
  const settings: DeliverySettings = { ...deliveryDefaults, ...options.settings };
  const model = new ClusterModel({ members: config.cluster.members.map((member) => member.name), thresholds: config.thresholds, cluster: config.cluster.name });
  const history = new RoundHistory(settings.historyWindowMs);
  const logSink = new LogSink(logger);
  /** The webhook and Alertmanager sinks; replaced by a reload that changes what they are built from. */
  let delivering: AlertSink[] = [];
  const queueLength = (kind: typeof WebhookSink | typeof AlertmanagerSink): number => delivering.reduce((sum, sink) => sum + (sink instanceof kind ? sink.queueLength() : 0), 0);
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
  const address = formatSocketAddress(bound);

  const count = (sink: 'webhook' | 'alertmanager', outcome: 'ok' | 'failed' | 'dropped'): void => metrics.alertsSent.inc({ sink, outcome });
  const delivery = {
    capacity: settings.queueCapacity,
    maxAttempts: settings.maxAttempts,
    backoff: { initialMs: settings.backoffInitialMs, maxMs: settings.backoffMaxMs },
    timeoutMs: settings.postTimeoutMs,
    logger,
    count,
  };
  const resendHorizonMs = (c: MonitorConfig): number => Math.max(settings.resendHorizonRounds * c.intervalMs, settings.resendHorizonMinMs);
  /** What the delivery sinks are built from: a reload rebuilds them only when this changes. */
  const deliveryBasis = (c: MonitorConfig): string => JSON.stringify([c.alerts, c.cluster.name, resendHorizonMs(c)]);
  const deliverySinks = (c: MonitorConfig): AlertSink[] => {
    const built: AlertSink[] = [];
    if (c.alerts.webhooks.length > 0) built.push(new WebhookSink({ urls: c.alerts.webhooks, ...delivery }));
    if (c.alerts.alertmanager !== undefined) {
      built.push(
        new AlertmanagerSink({
          url: c.alerts.alertmanager,
          cluster: c.cluster.name,
          generatorUrl: `http://${address}/`,
          resendHorizonMs: resendHorizonMs(c),
          oneShotMs: settings.oneShotMs,
          ...delivery,
        }),
      );
    }
    return built;
  };
  delivering = deliverySinks(config);

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
    logSink.handleRound(events, state);
    for (const sink of delivering) sink.handleRound(events, state);
    const point = roundPoint(state);
    history.add(point);
    live.broadcast({ type: 'round', snapshot: state, point });
    for (const { snapshot: _snapshot, ...event } of events) live.broadcast({ type: 'event', event });
  };

  const scrapeLoop = (c: MonitorConfig): ScrapeLoop =>
    new ScrapeLoop({
      members: c.cluster.members,
      probe: memberProbe(c.cluster.flavor),
      auth: c.cluster.auth,
      intervalMs: c.intervalMs,
      timeoutMs: c.timeoutMs,
      onRound,
      onError: (error) => logger.error({ event: 'round_failed', error: error instanceof Error ? error.stack : String(error) }, 'handling a scrape round failed (a bug); the next round runs as planned'),
    });
  let loop = scrapeLoop(config);
  loop.start();
  logger.info(
    { event: 'monitor_started', listen: address, flavor: config.cluster.flavor, members: config.cluster.members.map((member) => member.name), intervalMs: config.intervalMs, webhooks: config.alerts.webhooks.length, alertmanager: config.alerts.alertmanager ?? null },
    `monitor serving http://${address}/ watching ${config.cluster.members.length} members`,
  );

  let closing: Promise<void> | undefined;
  const file = options.configFile;

  const reloadFailed = (error: string): 'failed' => {
    metrics.configReloads.inc({ outcome: 'failed' });
    logger.error({ event: 'config_reload', outcome: 'failed', file: file ?? null, error }, `configuration reload refused, the previous one stays in force: ${error}`);
    return 'failed';
  };

  /** Applies `next` or, throwing, leaves everything as it was. Returns how many undelivered alerts replaced sinks dropped, or undefined when the sinks were kept. */
  const apply = async (next: MonitorConfig, changes: readonly string[]): Promise<number | undefined> => {
    const restart = changes.some((change) => change === 'interval' || change === 'timeout' || change.startsWith('cluster.'));
    let newSinks: AlertSink[] | undefined;
    let newLoop: ScrapeLoop | undefined;
    try {
      newSinks = deliveryBasis(next) === deliveryBasis(config) ? undefined : deliverySinks(next);
      newLoop = restart ? scrapeLoop(next) : undefined;
      model.reconfigure({ members: next.cluster.members.map((member) => member.name), thresholds: next.thresholds, cluster: next.cluster.name });
    } catch (error) {
      await Promise.all([...(newSinks ?? []).map((sink) => sink.close()), newLoop?.close()]);
      throw error;
    }
    // Nothing below can fail. The old loop is closed in the same tick as the model changed,
    // so no round of the old members reaches the new model.
    config = next;
    const oldLoop = newLoop === undefined ? undefined : loop;
    if (newLoop !== undefined) loop = newLoop;
    const oldLoopClosed = oldLoop?.close();
    const configured = new Set(next.cluster.members.map((member) => member.name));
    for (const instance of metricsErrors.keys()) if (!configured.has(instance)) metricsErrors.delete(instance);
    let dropped: number | undefined;
    if (newSinks !== undefined) {
      const replaced = delivering;
      delivering = newSinks;
      dropped = replaced.reduce((sum, sink) => sum + sink.queueLength(), 0);
      await Promise.all(replaced.map((sink) => sink.close()));
    }
    await oldLoopClosed;
    newLoop?.start();
    return dropped;
  };

  const reloadOnce = async (): Promise<'ok' | 'failed'> => {
    if (closing !== undefined) return 'failed';
    if (file === undefined) return reloadFailed('this monitor was started without a configuration file, so there is nothing to reload; start it with --config FILE');
    let next: MonitorConfig;
    try {
      next = loadMonitorConfig(file, options.env ?? process.env);
    } catch (error) {
      return reloadFailed(error instanceof Error ? error.message : String(error));
    }
    const changes = configChanges(settingsOf(config), settingsOf(next));
    let warning: string | undefined;
    if (changes.includes('listen')) {
      warning = `listen cannot change while the monitor runs: still serving on ${address}; restart the monitor to use the new address`;
      next = { ...next, listen: config.listen };
    }
    const applied = changes.filter((change) => change !== 'listen');
    let dropped: number | undefined;
    try {
      dropped = await apply(next, applied);
    } catch (error) {
      return reloadFailed(`the new configuration could not be applied (${error instanceof Error ? error.message : String(error)})`);
    }
    metrics.configReloads.inc({ outcome: 'ok' });
    const sinksText = dropped === undefined ? '' : `; the webhook and Alertmanager sinks were rebuilt, ${dropped} undelivered alert deliveries of the replaced ones dropped`;
    logger.info(
      {
        event: 'config_reload',
        outcome: 'ok',
        file,
        changes: applied,
        ...(dropped === undefined ? {} : { alertsDropped: dropped }),
        ...(warning === undefined ? {} : { warning }),
      },
      `configuration reloaded from ${file}: ${applied.length === 0 ? 'nothing changed' : applied.join(', ')}${sinksText}`,
    );
    if (warning !== undefined) logger.warn({ event: 'config_reload_listen_kept', warning }, warning);
    return 'ok';
  };

  let reloading: Promise<unknown> = Promise.resolve();
  return {
    address,
    snapshot: () => model.snapshot(),
    reload: () => {
      // One at a time; a reload runs from a signal handler and must never reject.
      const done = reloading.then(reloadOnce).catch((error: unknown) => reloadFailed(`the reload failed unexpectedly (a bug): ${error instanceof Error ? error.message : String(error)}`));
      reloading = done;
      return done;
    },
    close: () => {
      closing ??= (async () => {
        await reloading;
        await loop.close();
        await Promise.all(delivering.map((sink) => sink.close()));
        await server.close();
        logger.info({ event: 'monitor_stopped' }, 'monitor stopped');
      })();
      return closing;
    },
  };
}

/** The config under the YAML's setting names, so reload changes read `interval` and `listen`, not `intervalMs` and `listen.port`. */
function settingsOf(config: MonitorConfig): object {
  return {
    listen: formatSocketAddress(config.listen),
    interval: config.intervalMs,
    timeout: config.timeoutMs,
    cluster: config.cluster,
    thresholds: config.thresholds,
    alerts: config.alerts,
  };
}
