/**
 * The admin listener on loopback with a hand-driven cluster view: /status's shape and
 * values, /healthz both ways, /metrics, 404 and 405.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { AdminServer } from '../../../../proxy/admin/admin-server.js';
import { ProxyMetrics } from '../../../../proxy/admin/proxy-metrics.js';
import type { StatusDocument } from '../../../../proxy/admin/status-document.js';
import type { ClusterSnapshot, ClusterView, MemberStatus } from '../../../../proxy/discovery/cluster-snapshot.js';
import { silentLogger } from '../../../support/logger.js';

/** A ClusterView whose snapshot the test sets. */
class HandDrivenView implements ClusterView {
  current: ClusterSnapshot = { members: [], master: undefined, at: 0 };
  readonly #listeners = new Set<(snapshot: ClusterSnapshot) => void>();

  snapshot(): ClusterSnapshot {
    return this.current;
  }

  onChange(listener: (snapshot: ClusterSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  reportForwardingError(): void {}

  set(snapshot: ClusterSnapshot): void {
    this.current = snapshot;
    for (const listener of this.#listeners) listener(snapshot);
  }
}

function member(name: string, overrides: Partial<MemberStatus>): MemberStatus {
  return {
    name,
    origin: `http://127.0.0.1:${7480 + Number(name.slice(-1))}`,
    health: 'up',
    role: 'slave',
    serving: true,
    lastCommittedTxId: 10,
    epoch: 1,
    lagTx: 0,
    lastCheckAt: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
    lastError: undefined,
    ...overrides,
  };
}

const healthy: ClusterSnapshot = {
  members: [
    member('instance1', { role: 'master', lastCommittedTxId: 12, lagTx: 0 }),
    member('instance2', { lastCommittedTxId: 9, lagTx: 3 }),
    member('instance3', { health: 'down', role: 'unknown', serving: false, lastCommittedTxId: undefined, lagTx: undefined, lastCheckAt: undefined, lastError: 'connect ECONNREFUSED\n127.0.0.1:7483' }),
  ],
  master: 'instance1',
  at: 1,
};

function get(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

describe('AdminServer', () => {
  const view = new HandDrivenView();
  const inFlight = new Map([['instance2', 4]]);
  const metrics = new ProxyMetrics({ cluster: () => view.snapshot(), inFlight: () => inFlight, openTransactions: () => 2, activeHolds: () => 1 });
  const startedAt = Date.UTC(2026, 0, 2, 3, 0, 0);
  const loadedAt = Date.UTC(2026, 0, 2, 3, 1, 0);
  let admin: AdminServer;
  let port: number;

  before(async () => {
    admin = await AdminServer.listen({
      address: { host: '127.0.0.1', port: 0 },
      metrics,
      sources: { cluster: () => view.snapshot(), inFlight: () => inFlight, openTransactions: () => 2, activeHolds: () => 1 },
      config: () => ({ file: '/etc/graphlb/proxy.yaml', loadedAt }),
      startedAt,
      logger: silentLogger(),
    });
    port = admin.address().port;
  });

  after(async () => {
    await admin.close();
  });

  it('answers /status with every member, the master, holds, transactions and the config', async () => {
    view.set(healthy);
    metrics.shardedReads.inc({ member: 'instance2' }, 3);
    metrics.shardedReads.inc({ member: 'instance3' }, 1);
    const answer = await get(port, '/status');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const document = JSON.parse(answer.body) as StatusDocument;
    assert.deepEqual(document, {
      master: 'instance1',
      members: [
        { name: 'instance1', origin: 'http://127.0.0.1:7481', health: 'up', role: 'master', serving: true, lastCommittedTxId: 12, lagTx: 0, inFlight: 0, shardShare: 0, lastCheckAt: '2026-01-02T03:04:05.678Z', lastError: null },
        { name: 'instance2', origin: 'http://127.0.0.1:7482', health: 'up', role: 'slave', serving: true, lastCommittedTxId: 9, lagTx: 3, inFlight: 4, shardShare: 0.75, lastCheckAt: '2026-01-02T03:04:05.678Z', lastError: null },
        { name: 'instance3', origin: 'http://127.0.0.1:7483', health: 'down', role: 'unknown', serving: false, lastCommittedTxId: null, lagTx: null, inFlight: 0, shardShare: 0.25, lastCheckAt: null, lastError: 'connect ECONNREFUSED\n127.0.0.1:7483' },
      ],
      holds: { active: 1 },
      openTransactions: 2,
      config: { file: '/etc/graphlb/proxy.yaml', loadedAt: '2026-01-02T03:01:00.000Z' },
      startedAt: '2026-01-02T03:00:00.000Z',
    });
  });

  it('answers /healthz 200 ok while a master is known', async () => {
    view.set(healthy);
    assert.deepEqual(await get(port, '/healthz').then(({ status, body }) => ({ status, body })), { status: 200, body: 'ok\n' });
  });

  it('answers /healthz 503 with one line naming every member when there is no master', async () => {
    view.set({
      ...healthy,
      master: undefined,
      members: [{ ...healthy.members[0]!, role: 'unknown', serving: false }, healthy.members[1]!, healthy.members[2]!],
    });
    const answer = await get(port, '/healthz');
    assert.equal(answer.status, 503);
    assert.equal(
      answer.body,
      'no master: instance1 unknown, instance2 slave, instance3 down (connect ECONNREFUSED 127.0.0.1:7483); writes wait up to routing.writeHold for one\n',
    );
  });

  it('answers /metrics with the proxy registry, scrape-time gauges included', async () => {
    view.set(healthy);
    const answer = await get(port, '/metrics');
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['content-type'], metrics.registry.contentType);
    assert.match(answer.body, /^graphlb_proxy_master_present 1$/m);
    assert.match(answer.body, /^graphlb_proxy_in_flight_requests\{member="instance2"\} 4$/m);
    assert.match(answer.body, /^graphlb_proxy_open_transactions 2$/m);
    assert.match(answer.body, /^graphlb_proxy_sharded_reads_total\{member="instance2"\} 3$/m);
  });

  it('answers HEAD like GET without a body', async () => {
    const answer = await get(port, '/healthz', 'HEAD');
    assert.equal(answer.status, 200);
    assert.equal(answer.body, '');
  });

  it('answers 404 for an unknown path and 405 with Allow for another method', async () => {
    const missing = await get(port, '/nope?x=1');
    assert.equal(missing.status, 404);
    assert.equal(missing.body, 'no such admin path /nope; expected /metrics, /status or /healthz\n');
    const wrong = await get(port, '/status', 'POST');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers['allow'], 'GET, HEAD');
    assert.equal(wrong.body, 'POST is not allowed on /status; expected GET, HEAD\n');
  });

  it('accepts a query string on a known path', async () => {
    assert.equal((await get(port, '/healthz?probe=lb')).status, 200);
  });
});
