/**
 * `graphlb engine --conf FILE` as a real process: what its HTTP connector answers, what
 * it logs, how it stops, and how it refuses a bad configuration.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engineMetricDefinitions } from '../../engine/server/metric-definitions.js';
import { TestProcess } from '../support/test-process.js';

const startMs = 30_000;
const secret = 'do-not-log-me-4711';

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function request(port: number, method: string, urlPath: string, agent?: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, timeout: 5000, agent: agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer to a malformed request within 5s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
  });
}

describe('a running engine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-engine-'));
  const conf = path.join(dir, 'neo4j.conf');
  let engine: TestProcess;
  let port: number;

  before(async () => {
    fs.writeFileSync(
      conf,
      [
        `dbms.directories.data=${path.join(dir, 'data')}`,
        'dbms.pagecache.memory=2m',
        'dbms.connector.http.listen_address=127.0.0.1:0',
        'dbms.connector.bolt.listen_address=127.0.0.1:7699',
        `ha.cluster_secret=${secret}`,
        '',
      ].join('\n'),
    );
    engine = TestProcess.cli(['engine', '--conf', conf]);
    const started = await engine.waitForEvent('engine_started', startMs);
    const match = /^127\.0\.0\.1:(\d+)$/.exec(String(started['http']));
    assert.ok(match, `engine_started names its HTTP address: ${JSON.stringify(started)}`);
    port = Number(match[1]);
    assert.notEqual(port, 0);
  });

  after(async () => {
    await engine.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('logs settings_loaded with the cluster secret redacted, and never the secret', () => {
    const loaded = engine.events().find((e) => e['event'] === 'settings_loaded');
    assert.ok(loaded, 'settings_loaded is logged');
    const settings = loaded['settings'] as Record<string, unknown>;
    assert.equal(settings['ha.cluster_secret'], '[redacted]');
    assert.equal(settings['dbms.pagecache.memory'], 2 * 1024 * 1024);
    assert.equal(engine.lines.stdout.some((line) => line.includes(secret)), false);
    for (const e of engine.events()) assert.equal(typeof e['event'], 'string', `every line has an event: ${JSON.stringify(e)}`);
  });

  it('answers GET / with both discovery key families', async () => {
    const answer = await request(port, 'GET', '/');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const base = `http://127.0.0.1:${port}`;
    const document = JSON.parse(answer.body) as Record<string, string>;
    assert.deepEqual(document, {
      bolt_routing: 'neo4j://127.0.0.1:7699',
      transaction: `${base}/db/{databaseName}/tx`,
      bolt_direct: 'bolt://127.0.0.1:7699',
      neo4j_version: document['neo4j_version'],
      neo4j_edition: 'enterprise',
      management: `${base}/db/manage/`,
      data: `${base}/db/data/`,
      bolt: 'bolt://127.0.0.1:7699',
    });
    assert.match(String(document['neo4j_version']), /^\d+\.\d+\.\d+$/);
  });

  it('answers GET /metrics with every metric of the table and the process metrics', async () => {
    const answer = await request(port, 'GET', '/metrics');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    for (const [name, definition] of Object.entries(engineMetricDefinitions)) {
      assert.ok(answer.body.includes(`\n# TYPE ${name} ${definition.type}\n`), `${name} is exported as a ${definition.type}`);
    }
    assert.match(answer.body, /^graphlb_engine_info\{version="\d+\.\d+\.\d+",mode="SINGLE"\} 1$/m);
    assert.match(answer.body, /^neo4j_transaction_last_committed_tx_id \d+$/m);
    assert.match(answer.body, /^neo4j_page_cache_hit_ratio [\d.e-]+$/m);
    assert.match(answer.body, /^process_cpu_user_seconds_total /m);
  });

  it('answers the three HA endpoints with 403 and an empty body', async () => {
    for (const endpoint of ['master', 'slave', 'available']) {
      const answer = await request(port, 'GET', `/db/manage/server/ha/${endpoint}`);
      assert.equal(answer.status, 403, endpoint);
      assert.equal(answer.body, '', endpoint);
      assert.equal(answer.headers['content-length'], '0', endpoint);
    }
  });

  it('answers an unknown path with 404 and a Neo4j error body', async () => {
    const answer = await request(port, 'GET', '/no/such/thing?x=1');
    assert.equal(answer.status, 404);
    const body = JSON.parse(answer.body) as { errors: { code: string; message: string }[] };
    assert.equal(body.errors[0]?.code, 'Neo.ClientError.Request.Invalid');
    assert.match(body.errors[0]?.message ?? '', /No resource at GET \/no\/such\/thing; expected GET \//);
  });

  it('answers another method than GET or HEAD with 405 and Allow', async () => {
    const answer = await request(port, 'POST', '/');
    assert.equal(answer.status, 405);
    assert.equal(answer.headers['allow'], 'GET, HEAD');
    const head = await request(port, 'HEAD', '/');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  it('answers a malformed request with 400 and keeps serving', async () => {
    const answer = await rawExchange(port, 'THIS IS NOT HTTP\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.match(answer, /Neo\.ClientError\.Request\.InvalidFormat/);
    const oversized = await rawExchange(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    assert.match(oversized, /^HTTP\/1\.1 431 /);
    assert.equal((await request(port, 'GET', '/')).status, 200);
  });

  it('keeps connections alive between requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const sockets = new Set<net.Socket>();
      agent.on('free', (socket: net.Socket) => sockets.add(socket));
      const first = await request(port, 'GET', '/', agent);
      const second = await request(port, 'GET', '/metrics', agent);
      assert.equal(first.headers['connection'], 'keep-alive');
      assert.equal(second.status, 200);
      assert.equal(sockets.size, 1, 'both requests used one connection');
    } finally {
      agent.destroy();
    }
  });

  it('stops on SIGTERM: engine_stopping, database closed, engine_stopped, exit code 0', async () => {
    engine.signal('SIGTERM');
    const exit = await engine.exit(startMs);
    assert.deepEqual(exit, { code: 0, signal: null }, engine.describe());
    const events = engine.events().map((e) => e['event']);
    const stopping = events.indexOf('engine_stopping');
    const stopped = events.indexOf('engine_stopped');
    assert.ok(stopping >= 0 && stopped > stopping, `engine_stopping then engine_stopped: ${events.join(', ')}`);
    assert.ok(events.indexOf('database_stopped') > stopping && events.indexOf('database_stopped') < stopped);
    assert.equal(engine.lines.stderr.length, 0, engine.describe());
  });
});

describe('an engine that cannot start', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graphlb-engine-bad-'));
  const started: TestProcess[] = [];
  after(async () => {
    for (const process of started) await process.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function refused(confText: string | undefined): Promise<{ exit: { code: number | null }; stderr: string[]; conf: string }> {
    const conf = path.join(dir, `c${started.length}.conf`);
    if (confText !== undefined) fs.writeFileSync(conf, confText);
    const engine = TestProcess.cli(['engine', '--conf', conf]);
    started.push(engine);
    const exit = await engine.exit(startMs);
    return { exit, stderr: engine.lines.stderr, conf };
  }

  it('exits 2 with file:line, key and expectation on one stderr line for a bad setting', async () => {
    const { exit, stderr, conf } = await refused('# engine\ndbms.mode=SINGLE\ndbms.pagecache.memory=64q\n');
    assert.equal(exit.code, 2);
    assert.deepEqual(stderr, [`graphlb engine: ${conf}:3: dbms.pagecache.memory=64q: expected a size of at least 64k (8 pages of 8 KiB), such as 512m or 4g`]);
  });

  it('exits 2 naming the file when it is missing', async () => {
    const { exit, stderr, conf } = await refused(undefined);
    assert.equal(exit.code, 2);
    assert.equal(stderr.length, 1);
    assert.ok(stderr[0]?.startsWith(`graphlb engine: ${conf}: cannot read the file (ENOENT`), stderr[0]);
  });

  it('exits 1 with one line when dbms.mode=HA and the coordination address is taken, closing the database', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const taken = (blocker.address() as net.AddressInfo).port;
      const { exit, stderr } = await refused(
        `dbms.mode=HA\ndbms.directories.data=${path.join(dir, 'data-ha')}\ndbms.pagecache.memory=1m\ndbms.connector.http.listen_address=127.0.0.1:0\n` +
          `ha.server_id=1\nha.initial_hosts=127.0.0.1:${taken}\nha.host.coordination=127.0.0.1:${taken}\nha.cluster_secret=x\n`,
      );
      assert.equal(exit.code, 1);
      assert.equal(stderr.length, 1, stderr.join('\n'));
      assert.match(stderr[0] ?? '', new RegExp(`^graphlb engine: cannot join the HA cluster: The cluster channel cannot listen on 127\\.0\\.0\\.1:${taken} .*set ha\\.host\\.coordination to a free local address\\.$`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 1 with one line when the HTTP address is taken, closing the database', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const taken = (blocker.address() as net.AddressInfo).port;
      const { exit, stderr, conf } = await refused(
        `dbms.directories.data=${path.join(dir, 'data')}\ndbms.pagecache.memory=1m\ndbms.connector.http.listen_address=127.0.0.1:${taken}\n`,
      );
      assert.equal(exit.code, 1);
      assert.deepEqual(stderr, [
        `graphlb engine: cannot listen on 127.0.0.1:${taken} (dbms.connector.http.listen_address, ${conf}:3): the address is in use; ` +
          'expected a free address: stop whatever uses it or change the setting',
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
