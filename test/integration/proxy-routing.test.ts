/**
 * The proxy in front of a real 3-member HA cluster: every statement of a 43-row table is
 * routed by its class (access-mode, then X-Write, then the Cypher itself), as both the
 * proxy and the engines' own transaction counters see it; shard keys stick to their
 * member, a member that leaves moves only its own keys, pins win; an open transaction
 * follows its member through rewritten URLs; bad input gets clear errors and the proxy
 * keeps serving.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually, HaCluster, type HaMember } from '../support/ha-cluster.js';
import { memberName, membersThatServed, ProxyUnderTest, proxyYaml, send } from '../support/proxy.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

type Target = 'master' | 'slave';

interface Row {
  readonly statements: readonly string[];
  readonly headers?: Record<string, string>;
  readonly expected: Target;
}

const read = (statement: string, headers?: Record<string, string>): Row => ({ statements: [statement], headers, expected: 'slave' });
const write = (statement: string, headers?: Record<string, string>): Row => ({ statements: [statement], headers, expected: 'master' });

const table: readonly Row[] = [
  read('MATCH (n) RETURN count(n)'),
  read('MATCH (p:Person {name: $name}) RETURN p'),
  read('RETURN 1'),
  read('UNWIND [1, 2, 3] AS x RETURN x'),
  read('MATCH (a)-[r]->(b) RETURN type(r) LIMIT 5'),
  read('MATCH (n:Person) WHERE n.age > 30 RETURN n.name ORDER BY n.name'),
  read('OPTIONAL MATCH (n:Nothing) RETURN n'),
  read('WITH 1 AS x RETURN x + 1'),
  read('MATCH (n) RETURN DISTINCT labels(n)'),
  read('CALL db.labels()'),
  read('CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType'),
  read('CALL db.propertyKeys()'),
  read('MATCH (n:Person) RETURN n.name AS name UNION MATCH (m:City) RETURN m.name AS name'),
  read('MATCH (n:Person) WITH n ORDER BY n.age DESC LIMIT 3 RETURN collect(n.name)'),
  read('// only a read\nMATCH (n) RETURN n LIMIT 1'),
  read('match (n) return n limit 1'),
  read("MATCH (n) WHERE n.name STARTS WITH 'A' RETURN n"),
  read("RETURN 'CREATE (n)' AS text"),
  read("MATCH (n {note: 'DELETE me'}) RETURN n"),
  read('MATCH (`create`) RETURN `create` LIMIT 1'),
  write('CREATE (n:Person {name: $name})'),
  write("MERGE (c:City {name: 'Berlin'}) RETURN c"),
  write("MATCH (n:Person {name: 'x'}) SET n.age = 3"),
  write('MATCH (n:Tmp) DELETE n'),
  write('MATCH (n:Tmp) DETACH DELETE n'),
  write("MATCH (n:Person {name: 'x'}) REMOVE n.age"),
  write('UNWIND [1, 2] AS i CREATE (:Tmp {i: i})'),
  write("MATCH (a:Person), (b:City) WHERE a.name = 'zz' CREATE (a)-[:LIVES_IN]->(b)"),
  write('FOREACH (i IN [1] | CREATE (:Tmp))'),
  write('CREATE INDEX ON :Person(age)'),
  write('MATCH (n) WITH n LIMIT 1 SET n.touched = true RETURN n'),
  write('CALL db.unknownProcedure()'),
  write('MATCH (n RETURN n'),
  write('RETURN $x +'),
  write("MERGE (a:Person {name: 'q'}) ON CREATE SET a.created = 1"),
  read('CREATE (:Tmp)', { 'access-mode': 'READ' }),
  write('MATCH (n) RETURN count(n)', { 'access-mode': 'WRITE' }),
  write('MATCH (n) RETURN count(n)', { 'X-Write': '1' }),
  read('RETURN 1', { 'X-Write': '0' }),
  read('CREATE (:Tmp)', { 'access-mode': 'READ', 'X-Write': '1' }),
  write('RETURN 1', { 'access-mode': 'write' }),
  read('MATCH (n) RETURN n LIMIT 1', { 'X-Write': 'yes' }),
  { statements: ['MATCH (n) RETURN count(n)', 'CREATE (:Tmp)'], expected: 'master' },
];

/** graphlb_proxy_requests_total summed by member. */
function requestsByMember(metrics: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of metrics.matchAll(/^graphlb_proxy_requests_total\{([^}]*)\} (\S+)$/gm)) {
    const member = /member="([^"]*)"/.exec(match[1]!)?.[1] ?? '';
    counts.set(member, (counts.get(member) ?? 0) + Number(match[2]));
  }
  return counts;
}

describe('the proxy in front of a 3-member HA cluster', () => {
  const temp = makeTempDir('proxy-routing');
  let cluster: HaCluster;
  let proxy: ProxyUnderTest;
  let master: HaMember;
  let slaves: HaMember[];

  before(async () => {
    cluster = await HaCluster.create(temp.dir, { size: 3 });
    await cluster.start();
    ({ master, slaves } = await cluster.roles());
    proxy = await ProxyUnderTest.start(temp.dir, cluster, ['routing: { reads: slaves, maxLagTx: 1000000 }', 'sharding: { keys: [ { header: X-Shard-Key } ] }'].join('\n'));
    await proxy.untilRouting(master, cluster.members);
    const setup = await proxy.cypher("CREATE (:Person {name: 'Ann', age: 40})-[:LIVES_IN]->(:City {name: 'Paris'})");
    assert.equal(setup.status, 200, setup.body);
  });

  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  it(`routes each of ${table.length} statements by access-mode, then X-Write, then the Cypher`, async () => {
    assert.ok(table.length >= 40);
    for (const row of table) {
      const what = `${JSON.stringify(row.statements)} with ${JSON.stringify(row.headers ?? {})}`;
      const before = requestsByMember(await proxy.metrics());
      let status = 0;
      const served = await membersThatServed(cluster.members, async () => {
        const answer = await proxy.request('POST', '/db/data/transaction/commit', {
          body: { statements: row.statements.map((statement) => ({ statement, parameters: { name: 'Bo', x: 1 } })) },
          headers: row.headers,
        });
        status = answer.status;
      });
      assert.equal(status, 200, what);
      const afterwards = requestsByMember(await proxy.metrics());
      const routedTo = cluster.members.filter((m) => (afterwards.get(memberName(m)) ?? 0) > (before.get(memberName(m)) ?? 0));
      assert.equal(routedTo.length, 1, `${what}: the proxy counts one member (${routedTo.map(memberName).join(', ')})`);
      const expectedMembers = row.expected === 'master' ? [master] : slaves;
      assert.ok(expectedMembers.includes(routedTo[0]!), `${what}: the proxy sent it to ${memberName(routedTo[0]!)}, expected the ${row.expected}`);
      assert.deepEqual(served.map(memberName), [memberName(routedTo[0]!)], `${what}: the engines that ran a transaction`);
    }
  });

  it('spreads reads without a shard key over both slaves', async () => {
    const served = new Set<string>();
    for (let i = 0; i < 10; i++) {
      for (const m of await membersThatServed(cluster.members, () => proxy.cypher('RETURN 1'))) served.add(memberName(m));
    }
    assert.deepEqual([...served].sort(), slaves.map(memberName).sort());
  });

  it('sends 1,000 reads with one shard key to one member', async () => {
    const before = requestsByMember(await proxy.metrics());
    for (let i = 0; i < 1000; i++) {
      const answer = await proxy.cypher('RETURN $country AS c', { country: 'de' }, { 'X-Shard-Key': 'DE' });
      assert.equal(answer.status, 200);
    }
    const afterwards = requestsByMember(await proxy.metrics());
    const grew = cluster.members.filter((m) => (afterwards.get(memberName(m)) ?? 0) - (before.get(memberName(m)) ?? 0) > 0);
    assert.equal(grew.length, 1, `one member took all 1,000: ${grew.map(memberName).join(', ')}`);
    assert.equal((afterwards.get(memberName(grew[0]!)) ?? 0) - (before.get(memberName(grew[0]!)) ?? 0), 1000);
  });

  it('follows an open transaction through rewritten URLs: begin, two statements, commit on one member', async () => {
    const proxyOrigin = `http://127.0.0.1:${proxy.httpPort}`;
    let location = '';
    let commit = '';
    const served = await membersThatServed(cluster.members, async () => {
      const begin = await proxy.request('POST', '/db/data/transaction', { body: { statements: [{ statement: "CREATE (:Open {step: 'begin'})" }] } });
      assert.equal(begin.status, 201, begin.body);
      location = String(begin.headers.location);
      commit = (JSON.parse(begin.body) as { commit: string }).commit;
      assert.ok(location.startsWith(`${proxyOrigin}/db/data/transaction/`), `Location names the proxy: ${location}`);
      assert.equal(commit, `${location}/commit`);
      const txPath = new URL(location).pathname;
      for (const step of ['one', 'two']) {
        const answer = await proxy.request('POST', txPath, { body: { statements: [{ statement: 'CREATE (:Open {step: $step})', parameters: { step } }] } });
        assert.equal(answer.status, 200, answer.body);
        assert.deepEqual((JSON.parse(answer.body) as { errors: unknown[] }).errors, []);
        assert.equal((JSON.parse(answer.body) as { commit: string }).commit, commit);
      }
      const done = await proxy.request('POST', new URL(commit).pathname, { body: { statements: [] } });
      assert.equal(done.status, 200, done.body);
      assert.deepEqual((JSON.parse(done.body) as { errors: unknown[] }).errors, []);
    });
    assert.deepEqual(served.map(memberName), [memberName(master)], 'one transaction, on the master');
    const rows = JSON.parse((await proxy.cypher('MATCH (n:Open) RETURN n.step ORDER BY n.step', {}, { 'access-mode': 'WRITE' })).body) as { results: { data: { row: string[] }[] }[] };
    assert.deepEqual(rows.results[0]!.data.map((d) => d.row[0]), ['begin', 'one', 'two']);
  });

  it('answers a transaction token it cannot read with 404 TransactionNotFound', async () => {
    const answer = await proxy.request('POST', '/db/data/transaction/not-a-token', { body: { statements: [] } });
    assert.equal(answer.status, 404, answer.body);
    assert.match(answer.body, /Neo\.ClientError\.Transaction\.TransactionNotFound/);
  });

  it('refuses bad requests clearly and keeps serving', async () => {
    const malformed = await proxy.request('POST', '/db/data/transaction/commit', { body: '{"statements": [' });
    assert.equal(malformed.status, 400, malformed.body);
    assert.match(malformed.body, /Neo\.ClientError\.Request\.InvalidFormat/);
    const wrongShape = await proxy.request('POST', '/db/data/transaction/commit', { body: { statement: 'RETURN 1' } });
    assert.equal(wrongShape.status, 400, wrongShape.body);
    // A request line that is not HTTP: node answers 400 and closes; the proxy goes on.
    const garbage = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(proxy.httpPort, '127.0.0.1', () => socket.end('\x16\x03\x01 not http at all\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.setTimeout(5000, () => socket.destroy(new Error('no answer to garbage')));
    });
    assert.match(garbage, /^HTTP\/1\.1 400/);
    assert.equal((await proxy.cypher('RETURN 1')).status, 200);
  });

  it('survives a client that disconnects mid-request, and counts nothing in flight afterwards', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: proxy.httpPort, method: 'POST', path: '/db/data/transaction/commit', headers: { 'Content-Type': 'application/json', 'Content-Length': 1000 } });
      req.on('error', () => resolve());
      req.write('{"statements": [{"statement": "RETU');
      setImmediate(() => {
        req.destroy();
        resolve();
      });
    });
    // A slow statement whose client leaves: the member's request is aborted too.
    await new Promise<void>((resolve) => {
      const body = JSON.stringify({ statements: [{ statement: 'UNWIND range(1, 3000000) AS x WITH x WHERE x < 0 RETURN count(x)' }] });
      const req = http.request({ host: '127.0.0.1', port: proxy.httpPort, method: 'POST', path: '/db/data/transaction/commit', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } });
      req.on('error', () => resolve());
      req.end(body, () => setTimeout(() => {
        req.destroy();
        resolve();
      }, 20));
    });
    await proxy.until('nothing in flight', 10_000, (status) => status.members.every((m) => m.inFlight === 0));
    assert.equal((await proxy.cypher('RETURN 1')).status, 200);
  });

  it('keeps a member that answers garbage out of routing, with the reason in /status', async () => {
    const garbageMember = http.createServer((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('<html>definitely not neo4j</html>');
    });
    await new Promise<void>((resolve) => garbageMember.listen(0, '127.0.0.1', resolve));
    const port = (garbageMember.address() as net.AddressInfo).port;
    const dir = makeTempDir('proxy-garbage');
    const members = [...cluster.members.map((m) => ({ name: memberName(m), port: m.port })), { name: 'garbage', port }];
    const file = path.join(dir.dir, 'proxy.yaml');
    fs.writeFileSync(file, proxyYaml(members));
    const second = new ProxyUnderTest(file);
    try {
      await second.start();
      const status = await second.until('the garbage member checked and the master known', 10_000, (s) =>
        s.master === memberName(master) && typeof s.members.find((m) => m.name === 'garbage')?.lastError === 'string',
      );
      const garbage = status.members.find((m) => m.name === 'garbage')!;
      assert.equal(garbage.serving, false);
      assert.ok(garbage.lastError!.length > 10, `a reason: ${garbage.lastError}`);
      for (let i = 0; i < 20; i++) assert.equal((await send(second.httpPort, 'POST', '/db/data/transaction/commit', { body: { statements: [{ statement: 'RETURN 1' }] } })).status, 200);
    } finally {
      await second.process?.kill();
      garbageMember.close();
      dir.remove();
    }
  });

  it('moves only the keys of a member that leaves the ring, and pins win', async () => {
    // reads: all puts all three members on the ring, so one can leave and two stay.
    const dir = makeTempDir('proxy-shards');
    const file = path.join(dir.dir, 'proxy.yaml');
    const pinned = slaves[0]!;
    fs.writeFileSync(
      file,
      proxyYaml(
        cluster.members.map((m) => ({ name: memberName(m), port: m.port })),
        [
          'routing: { reads: all, maxLagTx: 1000000 }',
          'sharding:',
          '  keys: [ { parameter: country } ]',
          // Many vnodes even out the three members' shares, so that the one that leaves
          // owns about a third of these 600 keys whichever it is.
          '  vnodes: 500',
          '  loadFactor: 0',
          `  pins: [ { match: "^PIN", member: ${memberName(pinned)} } ]`,
        ].join('\n'),
      ),
    );
    const sharded = new ProxyUnderTest(file);
    try {
      await sharded.start();
      await sharded.untilRouting(master, cluster.members);
      const keys = Array.from({ length: 600 }, (_, i) => `k${i}`);
      const owner = async (key: string, among: readonly HaMember[] = cluster.members): Promise<string> => {
        const served = await membersThatServed(among, () => send(sharded.httpPort, 'POST', '/db/data/transaction/commit', { body: { statements: [{ statement: 'RETURN $country', parameters: { country: key } }] } }));
        assert.equal(served.length, 1, `key ${key} served once`);
        return memberName(served[0]!);
      };
      const before = new Map<string, string>();
      for (const key of keys) before.set(key, await owner(key));
      for (const key of keys.slice(0, 20)) assert.equal(await owner(key), before.get(key), `key ${key} sticks`);
      for (const key of ['PIN-a', 'PIN-b', 'PIN-c', 'PIN-d']) assert.equal(await owner(key), memberName(pinned), `${key} follows its pin`);

      const leaving = slaves[1]!;
      leaving.signal('SIGSTOP');
      try {
        await sharded.until(`${memberName(leaving)} out`, 10_000, (s) => s.members.find((m) => m.name === memberName(leaving))?.serving === false);
        let moved = 0;
        for (const key of keys) {
          const now = await owner(key, cluster.members.filter((m) => m !== leaving));
          if (before.get(key) === memberName(leaving)) {
            moved++;
            assert.notEqual(now, memberName(leaving));
          } else {
            assert.equal(now, before.get(key), `key ${key} of a member that stayed did not move`);
          }
        }
        assert.ok(moved / keys.length <= 1 / 3 + 0.05, `${moved} of ${keys.length} keys moved`);
        assert.ok(moved > 0, 'the leaving member owned some keys');
      } finally {
        leaving.signal('SIGCONT');
      }
    } finally {
      await sharded.process?.kill();
      dir.remove();
    }
    await eventually('the paused member back as slave', 20_000, async () => ((await slaves[1]!.role()) === 'slave' ? true : undefined));
  });
});
