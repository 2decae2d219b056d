/**
 * What the engine's HTTP connector answers, path by path:
 *
 *   GET /                                   discovery document (both Neo4j key families)
 *   GET /metrics                            Prometheus text (404 when metrics are disabled)
 *   GET /db/manage/server/ha/master         HA: by role (protocol/ha/status-endpoints.ts), text/plain   [ha auth]
 *   GET /db/manage/server/ha/slave          SINGLE: 403, empty body (not in a cluster)
 *   GET /db/manage/server/ha/available
 *   GET /db/manage/server/ha                HA: Neo4j's discovery {"master": url, "slave": url}; SINGLE: 403  [ha auth]
 *   GET /db/manage/server/jmx/domain/org.neo4j/instance%3Dkernel%230%2Cname%3DHigh+Availability
 *                                           HA only: the High Availability bean (also %20 for the space)      [auth]
 *   GET /db/data/                           Neo4j 3.x's service root: where the transaction API is   [auth]
 *   /db/data/transaction[/{id}][/commit]    the transactional Cypher API, 3.x paths (engine/http/)   [auth]
 *   /db/{name}/tx[/{id}][/commit]           the same, 4.x/5.x paths                                  [auth]
 *   GET /user/{name}, POST .../password     the user's status and password change (Neo4j 3.5)       [auth]
 *   anything else                           404 with a Neo4j error body
 *
 * These answer GET and HEAD, another method gets 405 with an Allow header. [auth] routes
 * ask for credentials when dbms.security.auth_enabled is true
 * (engine/http/request-authorization.ts); [ha auth] ones only when
 * dbms.security.ha_status_auth_enabled is true as well, so load balancers can poll them
 * without credentials when it is false. / and /metrics never ask.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { encodeHaBean, haBeanPaths, type HighAvailabilityInfo } from '../../protocol/ha/high-availability-bean.js';
import { haStatusAnswer, haStatusPaths, type HaRole, type HaStatusEndpoint } from '../../protocol/ha/status-endpoints.js';
import { parseTransactionPath } from '../../protocol/http/transaction-path.js';
import type { DatabaseStats } from '../database-options.js';
import type { ClusterStats } from '../ha/driver/cluster-stats.js';
import { requestBaseUrl, requestOrigin } from '../http/base-url.js';
import { authorizeRequest } from '../http/request-authorization.js';
import type { TransactionEndpoint } from '../http/transaction-endpoint.js';
import { parseUserPath, type UserEndpoint } from '../http/user-endpoint.js';
import type { AuthManager } from '../security/auth-manager.js';
import type { SocketAddress } from '../../protocol/config/socket-address.js';
import { discoveryDocument, neo4jCompatibleVersion } from './discovery-document.js';
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
  readonly auth: AuthManager;
  readonly transactions: TransactionEndpoint;
  readonly users: UserEndpoint;
  /** The HA member this instance is; undefined in dbms.mode=SINGLE. */
  readonly ha: HaSurface | undefined;
  /** dbms.security.ha_status_auth_enabled */
  readonly haStatusAuth: boolean;
}

/** What the HTTP connector shows of the instance's HA membership (engine/ha/driver/ha-driver.ts). */
export interface HaSurface {
  role(): HaRole;
  bean(): HighAvailabilityInfo;
  stats(): ClusterStats;
}

export const haDiscoveryPath = '/db/manage/server/ha';

type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;


export function engineRoutes(context: EngineRoutesContext): RequestListener {
  const routes = new Map<string, Route>();
  routes.set('/', (request, response) =>
    sendJson(response, 200, discoveryDocument(requestOrigin(request.headers, context.httpAddress()), context.boltAddress)),
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
    const text = await context.metrics.scrape(context.stats(), context.ha?.stats());
    sendBody(response, 200, context.metrics.contentType, text);
  });
  const ha = context.ha;
  if (ha === undefined) {
    // Neo4j answers 403 with no body on the HA endpoints of an instance that is not in a cluster.
    for (const path of [...Object.values(haStatusPaths), haDiscoveryPath]) routes.set(path, (_request, response) => sendEmpty(response, 403));
  } else {
    for (const [endpoint, path] of Object.entries(haStatusPaths) as [HaStatusEndpoint, string][]) {
      routes.set(path, (request, response) => {
        if (context.haStatusAuth && authorizeRequest(context, request, response, 'other') === undefined) return;
        const answer = haStatusAnswer(endpoint, ha.role());
        sendBody(response, answer.status, 'text/plain; charset=utf-8', answer.body);
      });
    }
    // Neo4j's MasterInfoService.discover(): where the two role checks are, as absolute URLs.
    routes.set(haDiscoveryPath, (request, response) => {
      if (context.haStatusAuth && authorizeRequest(context, request, response, 'other') === undefined) return;
      const base = requestBaseUrl(request.headers, context.httpAddress());
      sendJson(response, 200, { master: `${base}${haStatusPaths.master}`, slave: `${base}${haStatusPaths.slave}` });
    });
    for (const path of haBeanPaths) {
      routes.set(path, (request, response) => {
        if (authorizeRequest(context, request, response, 'other') === undefined) return;
        sendJson(response, 200, encodeHaBean(ha.bean()));
      });
    }
  }

  return (request, response) => {
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const route = routes.get(path);
    if (route === undefined) {
      const answered = apiRoute(context, request, response, path);
      if (answered === false) {
        sendError(
          response,
          404,
          'Neo.ClientError.Request.Invalid',
          `No resource at ${request.method ?? 'GET'} ${path}; expected GET /, GET /metrics, GET /db/manage/server/ha/{master,slave,available}, ` +
            'the transaction API at /db/data/transaction or /db/{name}/tx, or /user/{name}',
        );
      } else if (answered !== true) {
        answered.catch((error: unknown) => failed(context.logger, path, response, error));
      }
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

/**
 * The routes that need credentials: true when answered, a promise of the answer, false
 * when `path` is none of them.
 */
function apiRoute(context: EngineRoutesContext, request: IncomingMessage, response: ServerResponse, path: string): boolean | Promise<void> {
  const transactionPath = parseTransactionPath(path);
  if (transactionPath !== undefined) {
    const authorized = authorizeRequest(context, request, response, transactionPath.family === 'v4' ? 'transaction-v4' : 'other');
    return authorized === undefined ? true : context.transactions.handle(request, response, transactionPath, authorized.transactionError);
  }
  const userPath = parseUserPath(path);
  if (userPath !== undefined) {
    const authorized = authorizeRequest(context, request, response, 'user');
    return authorized === undefined ? true : context.users.handle(request, response, userPath, authorized.user, authorized.passwordChangeRequired);
  }
  if (path !== '/db/data/' && path !== '/db/data') return false;
  // Credentials first, as Neo4j's authentication filter runs before its resources.
  if (authorizeRequest(context, request, response, 'other') === undefined) return true;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(response, 405, 'Neo.ClientError.Request.Invalid', `${request.method ?? ''} is not allowed on ${path}; expected GET or HEAD`, { Allow: 'GET, HEAD' });
    return true;
  }
  // Only what graphlb serves: the 3.x REST resources (nodes, indexes, batch, ...) are gone.
  const base = requestBaseUrl(request.headers, context.httpAddress());
  sendJson(response, 200, { extensions: {}, transaction: `${base}/db/data/transaction`, neo4j_version: neo4jCompatibleVersion });
  return true;
}

function failed(logger: Logger, path: string, response: ServerResponse, error: unknown): void {
  logger.error({ event: 'http_request_failed', path, err: error }, `request to ${path} failed`);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendError(response, 500, 'Neo.DatabaseError.General.UnknownError', `The request to ${path} failed inside the engine; see the engine log (event http_request_failed)`);
}
