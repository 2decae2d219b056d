/**
 * What the engine's HTTP connector answers, path by path:
 *
 *   GET /                                   discovery document (both Neo4j key families)
 *   GET /metrics                            Prometheus text (404 when metrics are disabled)
 *   GET /db/manage/server/ha/master         403, empty body: this instance is not in a cluster
 *   GET /db/manage/server/ha/slave          403, empty body
 *   GET /db/manage/server/ha/available      403, empty body
 *   anything else                           404 with a Neo4j error body
 *
 * Every route answers GET and HEAD; another method gets 405 with an Allow header.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { DatabaseStats } from '../database-options.js';
import type { SocketAddress } from '../settings/socket-address.js';
import { discoveryDocument } from './discovery-document.js';
import type { EngineMetrics } from './engine-metrics.js';
import { sendBody, sendEmpty, sendError, sendJson } from './http-responses.js';

export interface EngineRoutesContext {
  readonly logger: Logger;
  readonly metrics: EngineMetrics;
  readonly stats: () => DatabaseStats;
  /** False when metrics.enabled or metrics.prometheus.enabled is false. */
  readonly prometheusEnabled: boolean;
  /** The address the HTTP connector is bound to (known once listening). */
  readonly httpAddress: () => SocketAddress;
  readonly boltAddress: SocketAddress;
}

type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

const haStatusPaths = ['/db/manage/server/ha/master', '/db/manage/server/ha/slave', '/db/manage/server/ha/available'];

export function engineRoutes(context: EngineRoutesContext): RequestListener {
  const routes = new Map<string, Route>();
  routes.set('/', (request, response) =>
    sendJson(response, 200, discoveryDocument(request.headers.host, context.httpAddress(), context.boltAddress)),
  );
  routes.set('/metrics', async (_request, response) => {
    if (!context.prometheusEnabled) {
      sendError(
        response,
        404,
        'Neo.ClientError.Request.Invalid',
        'Prometheus metrics are disabled on this instance; expected metrics.enabled=true and metrics.prometheus.enabled=true in its configuration',
      );
      return;
    }
    const text = await context.metrics.scrape(context.stats());
    sendBody(response, 200, context.metrics.contentType, text);
  });
  // Neo4j answers 403 with no body on the HA endpoints of an instance that is not in a cluster.
  for (const path of haStatusPaths) routes.set(path, (_request, response) => sendEmpty(response, 403));

  return (request, response) => {
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const route = routes.get(path);
    if (route === undefined) {
      sendError(
        response,
        404,
        'Neo.ClientError.Request.Invalid',
        `No resource at ${request.method ?? 'GET'} ${path}; expected GET /, GET /metrics or GET /db/manage/server/ha/{master,slave,available}`,
      );
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(response, 405, 'Neo.ClientError.Request.Invalid', `${request.method ?? ''} is not allowed on ${path}; expected GET or HEAD`, {
        Allow: 'GET, HEAD',
      });
      return;
    }
    try {
      const answered = route(request, response);
      if (answered instanceof Promise) answered.catch((error: unknown) => failed(context.logger, path, response, error));
    } catch (error) {
      failed(context.logger, path, response, error);
    }
  };
}

function failed(logger: Logger, path: string, response: ServerResponse, error: unknown): void {
  logger.error({ event: 'http_request_failed', path, err: error }, `request to ${path} failed`);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendError(response, 500, 'Neo.DatabaseError.General.UnknownError', `The request to ${path} failed inside the engine; see the engine log (event http_request_failed)`);
}
