/**
 * A fake graphlb HA member over HTTP for the monitor's scraper tests: /db/manage/server/ha/*,
 * the High Availability bean and /metrics, answered from a role and a tx id the test sets,
 * or garbage, or nothing at all (`hang`: the request is read and never answered, like a
 * SIGSTOPped process).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeHaBean, haBeanPaths } from '../../../protocol/ha/high-availability-bean.js';
import { haStatusAnswer, haStatusEndpointOf } from '../../../protocol/ha/status-endpoints.js';

export interface FakeMemberState {
  role: 'master' | 'slave' | 'unknown';
  txId: number;
  epoch: number;
  /** 'metrics-404': like Neo4j, no Prometheus text on the HTTP port. */
  mode: 'normal' | 'hang' | 'garbage' | 'metrics-404';
}

export class FakeMember {
  readonly state: FakeMemberState = { role: 'slave', txId: 42, epoch: 3, mode: 'normal' };
  readonly paths: string[] = [];
  readonly authorizations: (string | undefined)[] = [];
  readonly #server: http.Server;
  readonly #hanging = new Set<http.ServerResponse>();

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeMember> {
    const server = http.createServer();
    const member = new FakeMember(server);
    server.on('request', (req, res) => member.#answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return member;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    this.paths.push(path);
    this.authorizations.push(req.headers.authorization);
    const { mode, role, txId, epoch } = this.state;
    if (mode === 'hang') {
      this.#hanging.add(res);
      return;
    }
    if (mode === 'garbage') {
      res.statusCode = 200;
      res.end('<html>hello</html>');
      return;
    }
    const endpoint = haStatusEndpointOf(path);
    if (endpoint !== undefined) {
      const answer = haStatusAnswer(endpoint, role);
      res.statusCode = answer.status;
      res.end(answer.body);
      return;
    }
    if (haBeanPaths.includes(path)) {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          encodeHaBean({
            instanceId: '1',
            available: role !== 'unknown',
            alive: true,
            role: role === 'unknown' ? 'UNKNOWN' : role,
            lastUpdateTime: 'N/A',
            lastCommittedTxId: txId,
            epoch,
            instancesInCluster: [{ instanceId: '1', haRole: role, alive: true, available: true, uris: [], lastCommittedTxId: txId, lastHeartbeatMillis: 0 }],
          }),
        ),
      );
      return;
    }
    if (path === '/metrics' && mode !== 'metrics-404') {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(
        [
          '# TYPE neo4j_transaction_last_committed_tx_id gauge',
          `neo4j_transaction_last_committed_tx_id ${txId}`,
          '# TYPE neo4j_transaction_committed_total counter',
          `neo4j_transaction_committed_total ${txId - 1}`,
          '# TYPE graphlb_engine_heartbeat_age_seconds gauge',
          'graphlb_engine_heartbeat_age_seconds{peer="2"} 0.05',
          'graphlb_engine_heartbeat_age_seconds{peer="3"} 0.25',
          '# TYPE neo4j_page_cache_hits_total counter',
          'neo4j_page_cache_hits_total 99',
          '',
        ].join('\n'),
      );
      return;
    }
    res.statusCode = 404;
    res.end('not found');
  }
}
