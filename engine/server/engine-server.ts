/**
 * One engine instance: its database and its HTTP connector, started and stopped
 * together.
 *
 *   start() ──> STARTING ──────────────────────────────> RUNNING ──stop()──> STOPPING ──> STOPPED
 *               GraphDatabase.open(), then listen()                 close HTTP (stop accepting,
 *               │ a failure closes what was opened                  finish requests in flight),
 *               └──> throws EngineStartError                        then GraphDatabase.close()
 *                                                                   (commits drained, checkpoint)
 *
 * stop() may be called any number of times; every call waits for the same stop.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { GraphDatabase } from '../database.js';
import type { LoadedSettings } from '../settings/load-settings.js';
import { formatSocketAddress, type SocketAddress } from '../settings/socket-address.js';
import { toDatabaseOptions } from '../settings/to-database-options.js';
import { EngineMetrics } from './engine-metrics.js';
import { engineRoutes } from './engine-routes.js';
import { malformedRequestAnswer } from './http-responses.js';
import { graphlbVersion } from './version.js';

/** How long stop() lets requests in flight finish before it closes their connections. */
const requestDrainMs = 5000;

/** The engine could not start; the message is one line saying why and what to do. */
export class EngineStartError extends Error {
  override readonly name = 'EngineStartError';
}

export class EngineServer {
  readonly #logger: Logger;
  readonly #database: GraphDatabase;
  readonly #server: http.Server;
  readonly #httpAddress: SocketAddress;
  #stopping: Promise<void> | undefined;

  private constructor(logger: Logger, database: GraphDatabase, server: http.Server, httpAddress: SocketAddress) {
    this.#logger = logger;
    this.#database = database;
    this.#server = server;
    this.#httpAddress = httpAddress;
  }

  static async start(loaded: LoadedSettings, logger: Logger): Promise<EngineServer> {
    const settings = loaded.values;
    const mode = settings['dbms.mode'];
    const metrics = new EngineMetrics({ version: graphlbVersion, mode });
    const options = toDatabaseOptions(settings, logger);
    let database: GraphDatabase;
    try {
      database = await GraphDatabase.open({ ...options, onCommit: (seconds) => metrics.observeCommit(seconds) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EngineStartError(`cannot open the database in ${options.storeDir}: ${reason}`, { cause: error });
    }

    const configured = settings['dbms.connector.http.listen_address'];
    let bound: SocketAddress = configured;
    const server = http.createServer(
      engineRoutes({
        logger,
        metrics,
        stats: () => database.stats(),
        prometheusEnabled: settings['metrics.enabled'] && settings['metrics.prometheus.enabled'],
        httpAddress: () => bound,
        boltAddress: settings['dbms.connector.bolt.listen_address'],
      }),
    );
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
      await database.close();
      const source = loaded.sources.get('dbms.connector.http.listen_address');
      const where = source === undefined ? 'its default' : `${loaded.file}:${source.line}`;
      const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'the address is in use' : (error as Error).message;
      throw new EngineStartError(
        `cannot listen on ${formatSocketAddress(configured)} (dbms.connector.http.listen_address, ${where}): ${reason}; ` +
          'expected a free address: stop whatever uses it or change the setting',
        { cause: error },
      );
    }

    logger.info(
      {
        event: 'engine_started',
        http: formatSocketAddress(bound),
        bolt: formatSocketAddress(settings['dbms.connector.bolt.listen_address']),
        mode,
        version: graphlbVersion,
        storeDir: options.storeDir,
        lastCommittedTxId: database.lastCommittedTxId,
      },
      `engine started, HTTP on ${formatSocketAddress(bound)}`,
    );
    return new EngineServer(logger, database, server, bound);
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
    await this.#database.close();
    this.#logger.info({ event: 'engine_stopped', lastCommittedTxId: this.#database.lastCommittedTxId }, 'engine stopped');
  }
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
