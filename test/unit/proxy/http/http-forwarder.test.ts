import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import { call, rawCall, setup, statements, status } from './forwarder-fixture.js';

const commit = (proxyBase: string): string => `${proxyBase}/db/data/transaction/commit`;
const timeout = { timeout: 15_000 };

describe('HttpForwarder', () => {
  it('sends writes to the master and reads to slaves, with X-Forwarded-* added and hop-by-hop headers dropped', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1']);
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave')]);
      m1.handler = (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Member': 'm1', Connection: 'keep-alive, X-Member-Hop', 'X-Member-Hop': 'no', 'X-Kept': 'yes' });
        res.end('{"results":[],"errors":[]}');
        return true;
      };
      const write = await rawCall(
        commit(proxy.base),
        'POST',
        {
          'Content-Type': 'application/json',
          Connection: 'keep-alive, X-Secret-Hop',
          'X-Secret-Hop': 'drop me',
          'Keep-Alive': 'timeout=5',
          TE: 'trailers',
          'Proxy-Authorization': 'Basic c2VjcmV0',
          'X-Forwarded-For': '10.0.0.9',
          'X-Forwarded-Proto': 'https',
          'X-Custom': 'kept',
        },
        statements('CREATE (n:Person {name: "Ann"})'),
      );
      assert.equal(write.status, 200);
      assert.equal(write.headers['x-member'], 'm1');
      assert.equal(write.headers['x-member-hop'], undefined, 'a header the member\'s Connection names is dropped');
      assert.equal(write.headers['x-kept'], 'yes');
      const read = await call(commit(proxy.base), { method: 'POST', body: statements('MATCH (n) RETURN count(n)') });
      assert.equal(read.headers.get('x-member'), 's1');
      assert.equal(m1.received.length, 1);
      assert.equal(s1.received.length, 1);

      const headers = m1.received[0]!.headers;
      for (const hop of ['x-secret-hop', 'keep-alive', 'te', 'proxy-authorization']) assert.equal(headers[hop], undefined, hop);
      assert.equal(headers['x-custom'], 'kept');
      assert.equal(headers['x-forwarded-for'], '10.0.0.9, 127.0.0.1');
      assert.equal(headers['x-forwarded-proto'], 'http', 'the proxy sets the scheme; a client cannot choose it');
      assert.equal(headers['x-forwarded-host'], proxy.host);
      assert.equal(m1.received[0]!.body, statements('CREATE (n:Person {name: "Ann"})'), 'the body goes through byte for byte');

      assert.equal(await proxy.count('classifications', { class: 'write', reason: 'cypher' }), 1);
      assert.equal(await proxy.count('requests', { class: 'write', member: 'm1', outcome: 'ok' }), 1);
      assert.equal(await proxy.count('requests', { class: 'read', member: 's1', outcome: 'ok' }), 1);
      assert.ok((await proxy.count('receivedBytes')) > 0 && (await proxy.count('sentBytes')) > 0);
    } finally {
      await stop();
    }
  });

  it('honours access-mode and X-Write before the Cypher, and routes other GETs as reads and other methods to the master', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1']);
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave')]);
      const asRead = await call(commit(proxy.base), { method: 'POST', headers: { 'access-mode': 'READ' }, body: statements('CREATE (n)') });
      assert.equal(asRead.headers.get('x-member'), 's1');
      const asWrite = await call(commit(proxy.base), { method: 'POST', headers: { 'X-Write': '1' }, body: statements('RETURN 1') });
      assert.equal(asWrite.headers.get('x-member'), 'm1');
      assert.equal((await call(`${proxy.base}/db/manage/server/ha/available`)).headers.get('x-member'), 's1');
      assert.equal((await call(`${proxy.base}/user/neo4j/password`, { method: 'POST', body: '{"password":"x"}' })).headers.get('x-member'), 'm1');
      assert.equal(await proxy.count('requests', { class: 'other', outcome: 'ok' }), 2);
    } finally {
      await stop();
    }
  });

  it('stops reading from a slave beyond routing.maxLagTx and reads from it again once it catches up', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1', 's2'], 'routing: { maxLagTx: 10 }\n');
    try {
      const [m1, s1, s2] = members as [typeof members[0], typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave'), status(s2, 'slave', { lagTx: 11 })]);
      for (let i = 0; i < 10; i++) assert.equal((await call(commit(proxy.base), { method: 'POST', body: statements('MATCH (n) RETURN n') })).headers.get('x-member'), 's1');
      cluster.set([status(m1, 'master'), status(s1, 'slave'), status(s2, 'slave', { lagTx: 10 })]);
      const seen = new Set<string | null>();
      for (let i = 0; i < 10; i++) seen.add((await call(commit(proxy.base), { method: 'POST', body: statements('MATCH (n) RETURN n') })).headers.get('x-member'));
      assert.deepEqual([...seen].sort(), ['s1', 's2'], 'idle slaves share reads again (ties go round-robin)');
      // No slave qualifies: the master takes the read.
      cluster.set([status(m1, 'master'), status(s1, 'slave', { lagTx: 50 }), status(s2, 'slave', { serving: false })]);
      assert.equal((await call(commit(proxy.base), { method: 'POST', body: statements('MATCH (n) RETURN n') })).headers.get('x-member'), 'm1');
      assert.equal(await proxy.count('readFallbacks'), 1);
    } finally {
      await stop();
    }
  });

  it('sends a read with bookmarks only to members that have applied them, else to the master', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1', 's2']);
    try {
      const [m1, s1, s2] = members as [typeof members[0], typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master', { lastCommittedTxId: 60 }), status(s1, 'slave', { lastCommittedTxId: 10 }), status(s2, 'slave', { lastCommittedTxId: 50 })]);
      for (let i = 0; i < 6; i++) {
        const body = JSON.stringify({ statements: [{ statement: 'MATCH (n) RETURN n' }], bookmarks: ['neo4j:bookmark:v1:tx40'] });
        assert.equal((await call(commit(proxy.base), { method: 'POST', body })).headers.get('x-member'), 's2');
      }
      const viaHeader = await call(commit(proxy.base), { method: 'POST', headers: { Bookmarks: '["neo4j:bookmark:v1:tx55"]' }, body: statements('MATCH (n) RETURN n') });
      assert.equal(viaHeader.headers.get('x-member'), 'm1');
      assert.equal(await proxy.count('readFallbacks'), 1);
      // A bookmark the proxy cannot read is the member's to refuse: the request still goes.
      const bad = await call(commit(proxy.base), { method: 'POST', body: JSON.stringify({ statements: [], bookmarks: ['nonsense'] }) });
      assert.equal(bad.status, 200);
    } finally {
      await stop();
    }
  });

  it('keeps a shard key on one member through the forwarder, and spreads distinct keys', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1', 's2', 's3'], 'sharding:\n  keys: [{ header: X-Shard-Key }, { parameter: country }]\n');
    try {
      const [m1, s1, s2, s3] = members as [typeof members[0], typeof members[0], typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave'), status(s2, 'slave'), status(s3, 'slave')]);
      const owners = new Set<string | null>();
      for (const key of ['de', 'fr', 'it', 'es', 'pt', 'nl', 'be', 'at', 'ch', 'pl']) {
        const first = (await call(commit(proxy.base), { method: 'POST', headers: { 'X-Shard-Key': key }, body: statements('MATCH (n) RETURN n') })).headers.get('x-member');
        owners.add(first);
        for (let i = 0; i < 5; i++) {
          const again = await call(commit(proxy.base), { method: 'POST', headers: { 'X-Shard-Key': key }, body: statements('MATCH (n) RETURN n') });
          assert.equal(again.headers.get('x-member'), first, key);
        }
        const byParameter = await call(commit(proxy.base), { method: 'POST', body: JSON.stringify({ statements: [{ statement: 'MATCH (n {c: $country}) RETURN n', parameters: { country: key } }] }) });
        assert.equal(byParameter.headers.get('x-member'), first, `${key} as a Cypher parameter`);
      }
      assert.ok(owners.size >= 2, `10 keys over 3 slaves land on more than one: ${[...owners].join(',')}`);
      assert.equal(await proxy.count('shardedReads'), 70);
    } finally {
      await stop();
    }
  });

  it('holds a write without a master and forwards it once a master appears', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1'], 'routing: { writeHold: 10s }\n');
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'unknown'), status(s1, 'slave')]);
      const pending = call(commit(proxy.base), { method: 'POST', body: statements('CREATE (n)') });
      await proxy.log((line) => line.event === 'write_hold' && line['state'] === 'holding');
      assert.equal(proxy.forwarder.activeHolds(), 1);
      assert.equal(m1.received.length + s1.received.length, 0, 'nothing is sent while held');
      cluster.set([status(m1, 'master'), status(s1, 'slave')]);
      const answer = await pending;
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('x-member'), 'm1');
      const end = await proxy.log((line) => line.event === 'write_hold' && line['state'] === 'released');
      assert.equal(end['held'], 1);
      assert.equal(typeof end['durationMs'], 'number');
      assert.equal(proxy.forwarder.activeHolds(), 0);
      assert.equal(await proxy.count('writeHolds', { outcome: 'released' }), 1);
    } finally {
      await stop();
    }
  });

  it('answers a write held past routing.writeHold with 503 NoLeaderAvailable', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1'], 'routing: { writeHold: 200ms }\n');
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'unknown'), status(s1, 'slave')]);
      const answer = await call(commit(proxy.base), { method: 'POST', body: statements('CREATE (n)') });
      assert.equal(answer.status, 503);
      assert.equal(answer.json.errors?.[0]?.code, 'Neo.TransientError.Cluster.NoLeaderAvailable');
      assert.match(answer.json.errors?.[0]?.message ?? '', /No master was available for \d+ ms \(routing\.writeHold is 200 ms\).*not sent/);
      await proxy.log((line) => line.event === 'write_hold' && line['state'] === 'timed_out');
      assert.equal(await proxy.count('requests', { class: 'write', member: 'none', outcome: 'hold_timeout' }), 1);
      assert.equal(m1.received.length + s1.received.length, 0);
    } finally {
      await stop();
    }
  });

  it('retries a request refused before any byte was sent, once, on the next member', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 'm2', 's1', 's2']);
    try {
      const [m1, m2, s1, s2] = members as [typeof members[0], typeof members[0], typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(m2, 'slave'), status(s1, 'slave'), status(s2, 'slave')]);
      await m1.kill();
      // Discovery takes the failed master out and, here, finds m2 elected.
      cluster.onReport = (member) => {
        if (member === 'm1') cluster.set([status(m1, 'unknown', { serving: false }), status(m2, 'master'), status(s1, 'slave'), status(s2, 'slave')]);
      };
      const write = await call(commit(proxy.base), { method: 'POST', body: statements('CREATE (n:Once)') });
      assert.equal(write.status, 200);
      assert.equal(write.headers.get('x-member'), 'm2');
      assert.equal(m2.received.length, 1, 'delivered exactly once');
      assert.deepEqual(cluster.reported, ['m1']);
      assert.equal(await proxy.count('forwardRetries', { member: 'm1' }), 1);

      // A dead slave: the read goes to the other one at once, without waiting for discovery.
      cluster.onReport = undefined;
      await s1.kill();
      for (let i = 0; i < 4; i++) {
        const read = await call(commit(proxy.base), { method: 'POST', body: statements('MATCH (n) RETURN n') });
        assert.equal(read.status, 200);
        assert.equal(read.headers.get('x-member'), 's2');
      }
      assert.ok(cluster.reported.includes('s1'));
    } finally {
      await stop();
    }
  });

  it('never resends a request after the member received it: 502 with the commit-may-have-happened error', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1']);
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave')]);
      m1.handler = (req) => {
        req.socket.destroy();
        return true;
      };
      const write = await call(commit(proxy.base), { method: 'POST', body: statements('CREATE (n)') });
      assert.equal(write.status, 502);
      assert.equal(write.json.errors?.[0]?.code, 'Neo.DatabaseError.Transaction.TransactionCommitFailed');
      assert.match(write.json.errors?.[0]?.message ?? '', /may or may not have happened; the proxy did not resend it/);
      assert.equal(m1.received.length, 1, 'not resent');
      assert.equal(s1.received.length, 0);
      assert.equal(await proxy.count('forwardRetries'), 0);

      s1.handler = (req) => {
        req.socket.destroy();
        return true;
      };
      const read = await call(commit(proxy.base), { method: 'POST', body: statements('MATCH (n) RETURN n') });
      assert.equal(read.status, 502);
      assert.equal(read.json.errors?.[0]?.code, 'Neo.TransientError.General.DatabaseUnavailable');
      assert.equal(s1.received.length, 1);
      assert.equal(await proxy.count('requests', { outcome: 'member_failed' }), 2);
    } finally {
      await stop();
    }
  });

  it('answers 504 when a member does not start answering within forwarding.responseTimeout', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1'], 'forwarding: { responseTimeout: 200ms }\n');
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave')]);
      m1.handler = () => true; // never answers
      const write = await call(commit(proxy.base), { method: 'POST', body: statements('CREATE (n)') });
      assert.equal(write.status, 504);
      assert.equal(write.json.errors?.[0]?.code, 'Neo.DatabaseError.Transaction.TransactionCommitFailed');
      assert.match(write.json.errors?.[0]?.message ?? '', /forwarding\.responseTimeout \(200 ms\)/);
      assert.equal(m1.received.length, 1);
    } finally {
      await stop();
    }
  });

  it('passes answers on with the framing the member chose: small and large with their Content-Length, chunked ones chunked', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1']);
    try {
      const [m1] = members as [typeof members[0]];
      cluster.set([status(m1, 'master')]);
      const large = `"${'y'.repeat(100 * 1024)}"`;
      m1.handler = (req, res) => {
        const which = req.headers['x-answer'];
        if (which === 'chunked') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"results":[],');
          setTimeout(() => res.end('"errors":[]}'), 20);
        } else {
          const body = which === 'large' ? large : '{"results":[],"errors":[]}';
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Which': String(which) });
          // The small one in two writes: it is collected whole before the client gets it.
          res.write(body.slice(0, 5));
          setTimeout(() => res.end(body.slice(5)), 20);
        }
        return true;
      };
      const sentBefore = await proxy.count('sentBytes');
      const small = await rawCall(commit(proxy.base), 'POST', { 'X-Write': '1', 'X-Answer': 'small' }, statements('RETURN 1'));
      assert.equal(small.status, 200);
      assert.equal(small.text, '{"results":[],"errors":[]}');
      assert.equal(small.headers['content-length'], String(small.text.length));
      assert.equal(small.headers['transfer-encoding'], undefined);
      assert.equal(small.headers['x-which'], 'small');
      assert.equal((await proxy.count('sentBytes')) - sentBefore, small.text.length);

      const big = await rawCall(commit(proxy.base), 'POST', { 'X-Write': '1', 'X-Answer': 'large' }, statements('RETURN 1'));
      assert.equal(big.text, large);
      assert.equal(big.headers['content-length'], String(large.length));

      const chunked = await rawCall(commit(proxy.base), 'POST', { 'X-Write': '1', 'X-Answer': 'chunked' }, statements('RETURN 1'));
      assert.equal(chunked.text, '{"results":[],"errors":[]}');
      assert.equal(chunked.headers['transfer-encoding'], 'chunked');
      assert.equal(chunked.headers['content-length'], undefined);
      assert.equal(await proxy.count('requests', { outcome: 'ok' }), 3);
    } finally {
      await stop();
    }
  });

  it('cuts the client off, and counts member_failed, when a small answer breaks off before its end', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1']);
    try {
      const [m1] = members as [typeof members[0]];
      cluster.set([status(m1, 'master')]);
      m1.handler = (req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100 });
        res.write('{"results":');
        setTimeout(() => req.socket.destroy(), 20);
        return true;
      };
      await assert.rejects(rawCall(commit(proxy.base), 'POST', { 'X-Write': '1' }, statements('RETURN 1')));
      assert.equal(await proxy.count('requests', { outcome: 'member_failed' }), 1);
      assert.equal(m1.received.length, 1, 'not resent');
    } finally {
      await stop();
    }
  });

  for (const family of ['v3', 'v4'] as const) {
    it(`rewrites Location and the commit URL of an open ${family} transaction and follows it to its member`, timeout, async () => {
      const { members, cluster, proxy, stop } = await setup(['m1', 's1', 's2']);
      try {
        const [m1, s1, s2] = members as [typeof members[0], typeof members[0], typeof members[0]];
        cluster.set([status(m1, 'master'), status(s1, 'slave'), status(s2, 'slave')]);
        const prefix = family === 'v3' ? '/db/data/transaction' : '/db/neo4j/tx';
        const begin = await call(`${proxy.base}${prefix}`, { method: 'POST', headers: { 'access-mode': 'WRITE' }, body: '' });
        assert.equal(begin.status, 201);
        assert.equal(begin.headers.get('x-member'), 'm1');
        const location = begin.headers.get('location')!;
        assert.ok(location.startsWith(`${proxy.base}${prefix}/t`), location);
        assert.doesNotMatch(location, /\/\d+$/, 'the member number is hidden');
        assert.equal(begin.json['commit'], `${location}/commit`);
        assert.equal(proxy.forwarder.openTransactions(), 1);

        const more = await call(location, { method: 'POST', body: statements('MATCH (n) RETURN n') });
        assert.equal(more.status, 200);
        assert.equal(more.headers.get('x-member'), 'm1', 'a read in the transaction stays on its member');
        assert.equal(more.json['commit'], `${location}/commit`);
        const done = await call(`${location}/commit`, { method: 'POST', body: statements('CREATE (n)') });
        assert.equal(done.status, 200);
        assert.deepEqual(
          m1.received.map((r) => `${r.method} ${r.url}`),
          [`POST ${prefix}`, `POST ${prefix}/1`, `POST ${prefix}/1/commit`],
        );
        assert.equal(s1.received.length + s2.received.length, 0);
        assert.equal(proxy.forwarder.openTransactions(), 0);
        assert.equal(await proxy.count('requests', { class: 'transaction', member: 'm1', outcome: 'ok' }), 2);
      } finally {
        await stop();
      }
    });
  }

  it('answers 404 TransactionNotFound for a transaction whose member is gone, and for ids it did not hand out', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1']);
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave')]);
      const begin = await call(`${proxy.base}/db/data/transaction`, { method: 'POST', body: '' });
      assert.equal(begin.headers.get('x-member'), 's1', 'a bare begin is a read');
      const location = begin.headers.get('location')!;
      cluster.set([status(m1, 'master'), status(s1, 'slave', { serving: false, health: 'down', lastError: 'connection refused' })]);
      const lost = await call(location, { method: 'POST', body: statements('RETURN 1') });
      assert.equal(lost.status, 404);
      assert.equal(lost.json.errors?.[0]?.code, 'Neo.ClientError.Transaction.TransactionNotFound');
      assert.match(lost.json.errors?.[0]?.message ?? '', /member s1, which failed \(connection refused\); the transaction is lost/);
      assert.equal(s1.received.length, 1, 'only the begin reached s1');

      for (const bad of ['/db/data/transaction/tZZZ', '/db/data/transaction/12', '/db/neo4j/tx/t!x/commit']) {
        const answer = await call(`${proxy.base}${bad}`, { method: 'POST', body: '' });
        assert.equal(answer.status, 404, bad);
        assert.equal(answer.json.errors?.[0]?.code, 'Neo.ClientError.Transaction.TransactionNotFound', bad);
      }
      assert.equal(await proxy.count('requests', { outcome: 'transaction_lost' }), 4);
      assert.equal(m1.received.length, 0);
    } finally {
      await stop();
    }
  });

  it('refuses a body the engine would refuse with 400 InvalidFormat, and a body over maxRequestBody with 413', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1'], 'forwarding: { maxRequestBody: 1k }\n');
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave')]);
      const malformed = await call(commit(proxy.base), { method: 'POST', body: '{"statements": [' });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.json.errors?.[0]?.code, 'Neo.ClientError.Request.InvalidFormat');
      assert.match(malformed.json.errors?.[0]?.message ?? '', /^Unable to deserialize request: the body is not valid JSON/);
      const misspelt = await call(`${proxy.base}/db/data/transaction`, { method: 'POST', body: '{"statement":[]}' });
      assert.equal(misspelt.status, 400);
      assert.equal(misspelt.json.errors?.[0]?.code, 'Neo.ClientError.Request.InvalidFormat');
      assert.match(misspelt.json.errors?.[0]?.message ?? '', /unknown field 'statement'/);

      const large = await call(commit(proxy.base), { method: 'POST', body: statements(`RETURN '${'x'.repeat(2000)}'`) });
      assert.equal(large.status, 413);
      assert.match(large.json.errors?.[0]?.message ?? '', /larger than 1024 bytes.*forwarding\.maxRequestBody/);
      assert.equal(m1.received.length + s1.received.length, 0);
      assert.equal(await proxy.count('requests', { outcome: 'bad_request' }), 3);
    } finally {
      await stop();
    }
  });

  it('aborts the upstream request when the client goes away', timeout, async () => {
    const { members, cluster, proxy, stop } = await setup(['m1', 's1']);
    try {
      const [m1, s1] = members as [typeof members[0], typeof members[0]];
      cluster.set([status(m1, 'master'), status(s1, 'slave')]);
      let upstreamClosed!: Promise<unknown>;
      const arrived = new Promise<void>((resolve) => {
        s1.handler = (_req, res) => {
          upstreamClosed = once(res, 'close');
          resolve();
          return true; // a long query: no answer yet
        };
      });
      const body = statements('MATCH (n) RETURN n');
      const client = httpRequest(`${proxy.base}/db/data/transaction/commit`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, agent: false });
      client.on('error', () => undefined);
      client.end(body);
      await arrived;
      client.destroy();
      await upstreamClosed;
      assert.equal(await waitFor(() => proxy.count('requests', { outcome: 'client_aborted' }), 1), 1);
      assert.equal(await waitFor(async () => proxy.forwarder.inFlight().get('s1') ?? 0, 0), 0);
    } finally {
      await stop();
    }
  });
});

/** Polls `read` until it returns `wanted`, for at most 2 s; returns the last value. */
async function waitFor<T>(read: () => Promise<T> | T, wanted: T): Promise<T> {
  const deadline = Date.now() + 2000;
  let value = await read();
  while (value !== wanted && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
}
