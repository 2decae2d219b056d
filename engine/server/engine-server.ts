/**
 * One engine instance: its users, its database, the query engine and the HTTP connector
 * with the transactional API, started and stopped together; in dbms.mode=HA also the HA
 * driver (engine/ha/driver/), which gates the database's writes and replicates.
 * The database sits in a DatabaseHolder that every user reads through: a store copy
 * replaces it while the server runs (the open HTTP transactions are forgotten first).
 *
 *   start() ──> STARTING ──────────────────────────────────> RUNNING ──stop()──> STOPPING ──> STOPPED
 *               AuthManager.open() (the users), then          close HTTP (stop accepting,
 *               GraphDatabase.open(), then (HA) HaDriver      finish requests in flight), roll back
 *               .start() and the write gate, then listen()    the open HTTP transactions, then
 *               │ a failure closes what was opened            (HA) HaDriver.close(), then
 *               └──> throws EngineStartError                  DatabaseHolder.close()
 *                                                             (commits drained, checkpoint)
 *
 * stop() may be called any number of times; every call waits for the same stop.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { DatabaseOptions } from '../database-options.js';
import { GraphDatabase } from '../database.js';
import { HaDriver } from '../ha/driver/ha-driver.js';
import { TransactionEndpoint } from '../http/transaction-endpoint.js';
import { TransactionRegistry } from '../http/transaction-registry.js';
import { NodeFileSystem } from '../io/file-system.js';
import { UserEndpoint } from '../http/user-endpoint.js';
import { QueryEngine } from '../query/query-engine.js';
import { AuthManager } from '../security/auth-manager.js';
import type { LoadedSettings } from '../settings/load-settings.js';
import { formatSocketAddress, type SocketAddress } from '../../protocol/config/socket-address.js';
import { toDatabaseOptions } from '../settings/to-database-options.js';
import { DatabaseHolder } from './database-holder.js';
import { EngineMetrics } from './engine-metrics.js';
import { engineRoutes } from './engine-routes.js';
import { malformedRequestAnswer } from './http-responses.js';
import { graphlbVersion } from './version.js';

/** How long stop() lets requests in flight finish before it closes their connections. */
const requestDrainMs = 5000;

/**
 * A client that has not sent all its headers after this long, or its whole request after
 * {@link requestTimeoutMs}, is answered 408 and disconnected: slow clients cannot hold
 * connections open for ever (running the query is not part of either bound).
 */
const headersTimeoutMs = 10_000;
const requestTimeoutMs = 60_000;

/** The engine could not start; the message is one line saying why and what to do. */
export class EngineStartError extends Error {
  override readonly name = 'EngineStartError';
}

export class EngineServer {
  readonly #logger: Logger;
  readonly #database: DatabaseHolder;
  readonly #server: http.Server;
  readonly #httpAddress: SocketAddress;
  readonly #transactions: TransactionRegistry;
  readonly #ha: HaDriver | undefined;
  #stopping: Promise<void> | undefined;

  private constructor(
    logger: Logger,
    database: DatabaseHolder,
    server: http.Server,
    httpAddress: SocketAddress,
    transactions: TransactionRegistry,
    ha: HaDriver | undefined,
  ) {
    this.#ha = ha;
    this.#logger = logger;
    this.#database = database;
    this.#server = server;
    this.#httpAddress = httpAddress;
    this.#transactions = transactions;
  }

  static async start(loaded: LoadedSettings, logger: Logger): Promise<EngineServer> {
    const settings = loaded.values;
    const mode = settings['dbms.mode'];
    const metrics = new EngineMetrics({ version: graphlbVersion, mode });
    const options = toDatabaseOptions(settings, logger);
    let auth: AuthManager;
    try {
      auth = AuthManager.open(path.resolve(settings['dbms.directories.data']), {
        enabled: settings['dbms.security.auth_enabled'],
        logger,
        maxFailedAttempts: settings['dbms.security.auth_max_failed_attempts'],
        lockTimeMs: settings['dbms.security.auth_lock_time'],
      });
    } catch (error) {
      throw new EngineStartError(`cannot read the users: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const databaseOptions: DatabaseOptions = { ...options, onCommit: (seconds) => metrics.observeCommit(seconds) };
    let database: GraphDatabase;
    try {
      database = await GraphDatabase.open(databaseOptions);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EngineStartError(`cannot open the database in ${options.storeDir}: ${reason}`, { cause: error });
    }

    const transactions = new TransactionRegistry({ idleTimeoutMs: settings['dbms.rest.transaction.idle_timeout'], logger });
    const holder = new DatabaseHolder(database, {
      open: () => GraphDatabase.open(databaseOptions),
      // Their transactions die with the database; a later request for one answers TransactionNotFound.
      beforeClose: () => transactions.rollbackAll(),
      logger,
    });

    let ha: HaDriver | undefined;
    if (mode === 'HA') {
      try {
        ha = await startHaDriver(loaded, holder, options, logger);
      } catch (error) {
        await database.close();
        throw new EngineStartError(`cannot join the HA cluster: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      holder.current.setWriteGate(ha);
    }

    const configured = settings['dbms.connector.http.listen_address'];
    let bound: SocketAddress = configured;
    const httpAddress = (): SocketAddress => bound;
    const maxBodyBytes = settings['graphlb.http.max_request_body_size'];
    const routes = engineRoutes({
      logger,
      metrics,
      stats: () => holder.stats(),
      prometheusEnabled: settings['metrics.enabled'] && settings['metrics.prometheus.enabled'],
      httpAddress,
      boltAddress: settings['dbms.connector.bolt.listen_address'],
      auth,
      transactions: new TransactionEndpoint({
        database: holder.view,
        queryEngine: new QueryEngine(holder.view, {
          logger,
          queryLog: { enabled: settings['dbms.logs.query.enabled'], thresholdMs: settings['dbms.logs.query.threshold'] },
        }),
        registry: transactions,
        logger,
        activeDatabase: settings['dbms.active_database'],
        maxBodyBytes,
        bookmarkTimeoutMs: settings['dbms.transaction.bookmark_ready_timeout'],
        httpAddress,
        // A slave forwards writes to the master; one waits up to two heartbeat timeouts for an election.
        cluster: ha,
        masterWaitMs: 2 * settings['ha.heartbeat_timeout'],
      }),
      users: new UserEndpoint({ auth, httpAddress }),
      ha,
      haStatusAuth: settings['dbms.security.ha_status_auth_enabled'],
    });
    const server = http.createServer({ headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs }, routes);
    // Expect: 100-continue: a body that is announced too large is refused (413) before the client sends it.
    server.on('checkContinue', (request: http.IncomingMessage, response: http.ServerResponse) => {
      if (!(Number(request.headers['content-length']) > maxBodyBytes)) response.writeContinue();
      routes(request, response);
    });
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      logger.debug({ event: 'http_client_error', code: error.code }, 'malformed HTTP request');
      if (!socket.writable || error.code === 'ECONNRESET') {
        socket.destroy();
        return;
      }
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      socket.end(malformedRequestAnswer(status, `malformed HTTP request (${error.code ?? error.message})`));
    });

    try {
      bound = await listen(server, configured);
    } catch (error) {
      await ha?.close();
      await holder.close();
      const source = loaded.sources.get('dbms.connector.http.listen_address');
      const where = source === undefined ? 'its default' : `${loaded.file}:${source.line}`;
      const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'the address is in use' : (error as Error).message;
      throw new EngineStartError(
        `cannot listen on ${formatSocketAddress(configured)} (dbms.connector.http.listen_address, ${where}): ${reason}; ` +
          'expected a free address: stop whatever uses it or change the setting',
        { cause: error },
      );
    }

    ha?.httpListening(bound);
    logger.info(
      {
        event: 'engine_started',
        http: formatSocketAddress(bound),
        bolt: formatSocketAddress(settings['dbms.connector.bolt.listen_address']),
        mode,
        version: graphlbVersion,
        storeDir: options.storeDir,
        lastCommittedTxId: holder.current.lastCommittedTxId,
        ...(ha === undefined ? {} : { coordination: formatSocketAddress(ha.coordinationAddress), serverId: settings['ha.server_id'] }),
      },
      `engine started, HTTP on ${formatSocketAddress(bound)}`,
    );
    return new EngineServer(logger, holder, server, bound, transactions, ha);
  }

  /** Where the HTTP connector listens (the real port when the setting asked for port 0). */
  get httpAddress(): SocketAddress {
    return this.#httpAddress;
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#logger.info({ event: 'engine_stopping' }, 'engine stopping');
    await closeServer(this.#server);
    this.#transactions.rollbackAll();
    await this.#ha?.close();
    await this.#database.close();
    this.#logger.info({ event: 'engine_stopped', lastCommittedTxId: this.#database.current.lastCommittedTxId }, 'engine stopped');
  }
}

/** The HA driver with the ha.* settings (dbms.mode=HA makes the required ones present). */
function startHaDriver(loaded: LoadedSettings, database: DatabaseHolder, options: DatabaseOptions, logger: Logger): Promise<HaDriver> {
  const settings = loaded.values;
  const serverId = settings['ha.server_id'];
  const initialHosts = settings['ha.initial_hosts'];
  const secret = settings['ha.cluster_secret'];
  if (serverId === undefined || initialHosts === undefined || secret === undefined) {
    throw new Error('ha.server_id, ha.initial_hosts and ha.cluster_secret must be set when dbms.mode=HA; set them in the configuration');
  }
  return HaDriver.start({
    serverId,
    listen: settings['ha.host.coordination'],
    initialHosts,
    secret,
    heartbeatIntervalMs: settings['ha.heartbeat_interval'],
    heartbeatTimeoutMs: settings['ha.heartbeat_timeout'],
    slaveOnly: settings['ha.slave_only'],
    pullIntervalMs: settings['ha.pull_interval'],
    pullBatchSize: settings['ha.pull_batch_size'],
    pushFactor: settings['ha.tx_push_factor'],
    pushStrategy: settings['ha.tx_push_strategy'],
    // Beside the store, not in it: a store moved aside as a branch must not take this member's vote with it.
    stateFile: path.join(path.resolve(settings['dbms.directories.data']), 'ha-state.json'),
    fileSystem: options.fileSystem ?? new NodeFileSystem(),
    database,
    storeDir: options.storeDir,
    dataDir: path.resolve(settings['dbms.directories.data']),
    branchedDataPolicy: settings['ha.branched_data_policy'],
    txLogRotationBytes: options.txLogRotationBytes,
    logger,
  });
}

function listen(server: http.Server, address: SocketAddress): Promise<SocketAddress> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      const info = server.address() as AddressInfo;
      resolve({ host: info.address, port: info.port });
    });
  });
}

/** Stops accepting and waits for requests in flight, closing their connections after {@link requestDrainMs}. */
function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), requestDrainMs);
    // close() also closes idle keep-alive connections (Node >= 19).
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
