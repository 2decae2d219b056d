import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { pino } from 'pino';
import type { ClusterSnapshot, MemberStatus } from '../../../../proxy/discovery/cluster-snapshot.js';
import type { DiscoveryOptions } from '../../../../proxy/discovery/cluster-discovery.js';
import { ClusterDiscovery } from '../../../../proxy/discovery/cluster-discovery.js';
import { availablePath, FakeMember, haMember } from './fake-member.js';

const testTimeout = { timeout: 15_000 };

interface LogLine {
  readonly event?: string;
  readonly [field: string]: unknown;
}

interface Harness {
  readonly discovery: ClusterDiscovery;
  readonly fakes: Record<string, FakeMember>;
  readonly options: DiscoveryOptions;
  readonly logs: LogLine[];
  /** every completed check in order, with the member's status right after it */
  readonly checks: { member: string; ok: boolean; status: MemberStatus | undefined; at: number }[];
}

async function harness(t: TestContext, names: string[], health: Partial<DiscoveryOptions['health']> = {}, extra: Partial<DiscoveryOptions> = {}): Promise<Harness> {
  const fakes: Record<string, FakeMember> = {};
  const members = [];
  for (const name of names) {
    const { fake, config } = await FakeMember.start(name);
    fakes[name] = fake;
    members.push(config);
  }
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const checks: Harness['checks'] = [];
  let discovery: ClusterDiscovery | undefined;
  const options: DiscoveryOptions = {
    members,
    flavor: 'ha',
    auth: { user: 'neo4j', password: 's3cret' },
    health: { intervalMs: 30, timeoutMs: 500, rise: 2, fall: 2, ...health },
    logger,
    onCheck: (member, ok) =>
      checks.push({ member, ok, status: discovery?.snapshot().members.find((m) => m.name === member), at: performance.now() }),
    ...extra,
  };
  discovery = new ClusterDiscovery(options);
  const started = discovery;
  t.after(async () => {
    await started.close();
    await Promise.all(Object.values(fakes).map((fake) => fake.close()));
  });
  return { discovery, fakes, options, logs, checks };
}

/** Resolves with the first snapshot (current or coming) that satisfies `predicate`; fails after `ms`. */
function until(discovery: ClusterDiscovery, predicate: (snapshot: ClusterSnapshot) => boolean, what: string, ms = 5_000): Promise<ClusterSnapshot> {
  return new Promise((resolve, reject) => {
    if (predicate(discovery.snapshot())) return resolve(discovery.snapshot());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`waited ${ms} ms for ${what}; last snapshot: ${JSON.stringify(discovery.snapshot())}`));
    }, ms);
    const unsubscribe = discovery.onChange((snapshot) => {
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
    });
  });
}

/** Resolves when `count()` reaches `n`, looking at each completed check; fails after `ms`. */
async function untilCount(count: () => number, n: number, what: string, ms = 5_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (count() < n) {
    if (performance.now() > deadline) throw new Error(`waited ${ms} ms for ${what}: ${count()} of ${n}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const member = (snapshot: ClusterSnapshot, name: string): MemberStatus | undefined => snapshot.members.find((m) => m.name === name);

describe('ClusterDiscovery against scripted members', () => {
  it('the first good check brings members up, finds the master and the lag, and sends the credentials', testTimeout, async (t) => {
    const h = await harness(t, ['a', 'b'], { intervalMs: 10_000 });
    h.fakes.a!.script = haMember('master', 100, 2);
    h.fakes.b!.script = haMember('slave', 93, 2);
    assert.deepEqual(h.discovery.snapshot().members.map((m) => [m.health, m.serving]), [['down', false], ['down', false]]);
    h.discovery.start();
    await h.discovery.firstRound();
    const snapshot = h.discovery.snapshot();
    assert.equal(snapshot.master, 'a');
    assert.deepEqual(
      snapshot.members.map((m) => [m.name, m.health, m.role, m.serving, m.lastCommittedTxId, m.lagTx, m.epoch, m.lastError]),
      [['a', 'up', 'master', true, 100, 0, 2, undefined], ['b', 'up', 'slave', true, 93, 7, 2, undefined]],
    );
    const basic = `Basic ${Buffer.from('neo4j:s3cret').toString('base64')}`;
    assert.ok(h.fakes.a!.asked.length >= 2, 'a was asked');
    assert.ok(h.fakes.a!.asked.every((asked) => asked.authorization === basic), 'Basic auth on every check');
    assert.ok(!JSON.stringify(h.logs).includes('s3cret'), 'the password is never logged');
    assert.deepEqual(
      h.logs.filter((line) => line.event === 'member_state').map((line) => [line.member, line.from, line.to, line.role]).sort(),
      [['a', 'down', 'up', 'master'], ['b', 'down', 'up', 'slave']],
    );
  });

  it('no credentials configured: no Authorization header', testTimeout, async (t) => {
    const h = await harness(t, ['a'], { intervalMs: 10_000 }, { auth: undefined });
    h.fakes.a!.script = haMember('master', 1);
    h.discovery.start();
    await h.discovery.firstRound();
    assert.ok(h.fakes.a!.asked.every((asked) => asked.authorization === undefined), 'no Authorization header');
  });

  it('up goes down after fall failed checks, and down comes up after rise good ones', testTimeout, async (t) => {
    const h = await harness(t, ['a'], { rise: 2, fall: 2 });
    h.fakes.a!.script = haMember('master', 1);
    h.discovery.start();
    await until(h.discovery, (s) => member(s, 'a')?.health === 'up', 'a up');
    const failing = h.checks.length;
    h.fakes.a!.script = { kind: 'answer', answers: { [availablePath]: { status: 500, body: 'boom' } } };
    await untilCount(() => h.checks.slice(failing).filter((check) => !check.ok).length, 2, 'two failed checks');
    const failed = h.checks.slice(failing).filter((check) => !check.ok);
    assert.deepEqual(failed.map((check) => check.status?.health), ['up', 'down']);
    assert.match(failed[1]?.status?.lastError ?? '', /GET \/db\/manage\/server\/ha\/available: expected 200 "master".*got 500 "boom"/);
    assert.equal(h.discovery.snapshot().master, undefined);
    const rising = h.checks.length;
    h.fakes.a!.script = haMember('master', 1);
    await untilCount(() => h.checks.slice(rising).filter((check) => check.ok).length, 2, 'two good checks');
    assert.deepEqual(h.checks.slice(rising).filter((check) => check.ok).map((check) => check.status?.health), ['down', 'up']);
    assert.equal(h.discovery.snapshot().master, 'a');
    assert.equal(member(h.discovery.snapshot(), 'a')?.lastError, undefined);
  });

  it('a member in UNKNOWN is up but serves nothing', testTimeout, async (t) => {
    const h = await harness(t, ['a'], { intervalMs: 10_000 });
    h.fakes.a!.script = haMember('unknown', 5);
    h.discovery.start();
    await h.discovery.firstRound();
    const a = member(h.discovery.snapshot(), 'a');
    assert.deepEqual([a?.health, a?.role, a?.serving, h.discovery.snapshot().master], ['up', 'unknown', false, undefined]);
  });

  it('a garbage answer is a failed check with a clear lastError', testTimeout, async (t) => {
    const h = await harness(t, ['a'], { intervalMs: 10_000 });
    h.fakes.a!.script = { kind: 'answer', answers: { [availablePath]: { status: 200, body: '<html>It works!</html>' } } };
    h.discovery.start();
    await h.discovery.firstRound();
    const a = member(h.discovery.snapshot(), 'a');
    assert.equal(a?.health, 'down');
    assert.match(a?.lastError ?? '', /^GET \/db\/manage\/server\/ha\/available: expected 200 "master", 200 "slave" or 404 "UNKNOWN".*got 200 "<html>It works!<\/html>"$/);
    assert.deepEqual(h.checks.map((check) => check.ok), [false]);
    assert.ok(h.logs.some((line) => line.event === 'member_state' && line.member === 'a' && String(line.reason).includes('It works')), 'member_state gives the reason');
  });

  it('a member that accepts and never answers times out and goes down; the others keep their interval', testTimeout, async (t) => {
    const intervalMs = 40;
    // A deadline far above the interval: were checks serialised, a would wait for it.
    const timeoutMs = 1_500;
    const h = await harness(t, ['a', 'b'], { intervalMs, timeoutMs, fall: 1 });
    h.fakes.a!.script = haMember('slave', 1);
    h.fakes.b!.script = haMember('master', 1);
    h.discovery.start();
    await until(h.discovery, (s) => s.members.every((m) => m.health === 'up'), 'both up');
    const from = h.checks.length;
    h.fakes.b!.script = { kind: 'hang' };
    const down = await until(h.discovery, (s) => member(s, 'b')?.health === 'down', 'b down', 5_000);
    assert.match(member(down, 'b')?.lastError ?? '', /no answer within 1500 ms \(health\.timeout\)/);
    const aChecks = h.checks.slice(from).filter((check) => check.member === 'a').map((check) => check.at);
    assert.ok(aChecks.length >= 10, `a was checked ${aChecks.length} times while b hung for a ${timeoutMs} ms check`);
    const gaps = aChecks.slice(1).map((at, index) => at - (aChecks[index] as number));
    assert.ok(Math.max(...gaps) < timeoutMs / 2, `a's checks kept their ${intervalMs} ms interval: gaps ${gaps.map(Math.round).join(' ')}`);
  });

  it('reportForwardingError takes the member down at once and re-checks it once, however often it is called', testTimeout, async (t) => {
    const h = await harness(t, ['a'], { intervalMs: 60_000, rise: 1 });
    h.fakes.a!.script = haMember('master', 1);
    h.discovery.start();
    await h.discovery.firstRound();
    assert.equal(h.fakes.a!.count(availablePath), 1);
    const changes: ClusterSnapshot[] = [];
    h.discovery.onChange((snapshot) => changes.push(snapshot));
    for (let i = 0; i < 5; i++) h.discovery.reportForwardingError('a', new Error('ECONNRESET'));
    const now = h.discovery.snapshot();
    assert.deepEqual([member(now, 'a')?.health, member(now, 'a')?.serving, now.master], ['down', false, undefined]);
    assert.equal(member(now, 'a')?.lastError, 'forwarding failed: ECONNRESET');
    assert.ok(h.logs.some((line) => line.event === 'member_state' && line.to === 'down' && line.reason === 'forwarding failed: ECONNRESET'), 'member_state for the forwarding error');
    await until(h.discovery, (s) => member(s, 'a')?.health === 'up', 'a up again');
    assert.equal(h.fakes.a!.count(availablePath), 3, 'one check at start, then the one in flight (not believed) and one re-check');
    assert.deepEqual(changes.map((s) => member(s, 'a')?.health), ['down', 'up']);
    h.discovery.reportForwardingError('nobody', new Error('ignored'));
  });

  it('a master change emits one snapshot per change and logs master_changed', testTimeout, async (t) => {
    const h = await harness(t, ['a', 'b'], { intervalMs: 20 });
    h.fakes.a!.script = haMember('master', 10, 1);
    h.fakes.b!.script = haMember('slave', 10, 1);
    h.discovery.start();
    await until(h.discovery, (s) => s.master === 'a' && member(s, 'b')?.serving === true, 'a master');
    const changes: ClusterSnapshot[] = [];
    h.discovery.onChange((snapshot) => changes.push(snapshot));
    h.fakes.a!.script = haMember('unknown', 10, 1);
    await until(h.discovery, (s) => s.master === undefined, 'no master');
    const b0 = h.fakes.b!.count(availablePath);
    await untilCount(() => h.fakes.b!.count(availablePath), b0 + 3, 'b checked three more times');
    assert.equal(changes.length, 1, 'one snapshot for the change, none for checks that changed nothing');
    h.fakes.b!.script = haMember('master', 11, 2);
    const last = await until(h.discovery, (s) => s.master === 'b', 'b master');
    assert.equal(changes.length, 2);
    assert.equal(member(last, 'a')?.lagTx, 1);
    assert.deepEqual(
      h.logs.filter((line) => line.event === 'master_changed').map((line) => [line.from, line.to, line.epoch]),
      [[null, 'a', 1], ['a', null, null], [null, 'b', 2]],
    );
    assert.ok(!h.logs.some((line) => line.event === 'split_brain'), 'no split_brain');
  });

  it('two serving masters: the higher epoch is master, equal epochs give none; split_brain is logged', testTimeout, async (t) => {
    const h = await harness(t, ['a', 'b'], { intervalMs: 20 });
    h.fakes.a!.script = haMember('master', 10, 3);
    h.fakes.b!.script = haMember('master', 12, 5);
    h.discovery.start();
    await until(h.discovery, (s) => s.members.every((m) => m.serving) && s.master === 'b', 'b master by epoch');
    const split = h.logs.filter((line) => line.event === 'split_brain');
    assert.deepEqual(split.map((line) => line.members), [['a', 'b']]);
    h.fakes.b!.script = haMember('master', 12, 3);
    await until(h.discovery, (s) => s.master === undefined && member(s, 'b')?.epoch === 3, 'no master with equal epochs');
    assert.equal(h.logs.filter((line) => line.event === 'split_brain').length, 1, 'logged once per split, not per check');
  });

  it('a listener that throws does not stop the poller or the other listeners', testTimeout, async (t) => {
    const h = await harness(t, ['a'], { intervalMs: 20, rise: 1, fall: 1 });
    h.discovery.onChange(() => {
      throw new Error('listener bug');
    });
    h.fakes.a!.script = haMember('master', 1);
    h.discovery.start();
    await until(h.discovery, (s) => s.master === 'a', 'a master');
    h.fakes.a!.script = haMember('slave', 1);
    await until(h.discovery, (s) => member(s, 'a')?.role === 'slave', 'a slave');
    assert.ok(h.logs.some((line) => line.event === 'discovery_listener_failed'), 'the throwing listener is logged');
  });

  it('reconfigure keeps unchanged members, adds and removes others', testTimeout, async (t) => {
    const h = await harness(t, ['a', 'b', 'c'], { intervalMs: 20 });
    h.fakes.a!.script = haMember('master', 5);
    h.fakes.b!.script = haMember('slave', 5);
    h.fakes.c!.script = haMember('slave', 4);
    const [a, b, c] = h.options.members;
    h.discovery.reconfigure({ ...h.options, members: [a!] });
    h.discovery.start();
    await until(h.discovery, (s) => s.master === 'a', 'a master');
    h.discovery.reconfigure({ ...h.options, members: [c!, a!, b!] });
    const kept = h.discovery.snapshot();
    assert.deepEqual(kept.members.map((m) => [m.name, m.health]), [['c', 'down'], ['a', 'up'], ['b', 'down']]);
    assert.equal(kept.master, 'a', 'a kept its state');
    await until(h.discovery, (s) => s.members.every((m) => m.health === 'up'), 'c and b up');
    assert.equal(member(h.discovery.snapshot(), 'c')?.lagTx, 1);
    h.discovery.reconfigure({ ...h.options, members: [b!] });
    assert.deepEqual(h.discovery.snapshot().members.map((m) => m.name), ['b']);
    assert.equal(h.discovery.snapshot().master, undefined);
    const b0 = h.fakes.b!.count(availablePath);
    await untilCount(() => h.fakes.b!.count(availablePath), b0 + 1, 'b checked again');
    const asked = h.fakes.a!.asked.length;
    await untilCount(() => h.fakes.b!.count(availablePath), b0 + 4, 'b checked three more times');
    assert.equal(h.fakes.a!.asked.length, asked, 'a removed member is not checked any more');
  });

  it('reconfigure to another flavor starts every member afresh', testTimeout, async (t) => {
    const h = await harness(t, ['a'], { intervalMs: 10_000 });
    h.fakes.a!.script = haMember('master', 5);
    h.discovery.start();
    await h.discovery.firstRound();
    h.discovery.reconfigure({ ...h.options, flavor: 'neo4j5' });
    await h.discovery.firstRound();
    const a = member(h.discovery.snapshot(), 'a');
    assert.equal(a?.health, 'down');
    assert.match(a?.lastError ?? '', /^GET \/db\/neo4j\/cluster\/status: expected 200 .*does not host this database/);
    assert.equal(h.fakes.a!.count('/db/neo4j/cluster/writable'), 1);
  });

  it('close() stops everything, even with a check hanging, leaves no handles and is idempotent', testTimeout, async (t) => {
    const before = process.getActiveResourcesInfo().length;
    const h = await harness(t, ['a', 'b'], { intervalMs: 20, timeoutMs: 10_000 });
    h.fakes.a!.script = haMember('master', 1);
    h.discovery.start();
    await untilCount(() => h.fakes.b!.asked.length, 1, 'b asked');
    const started = performance.now();
    await Promise.all([h.discovery.close(), h.discovery.close()]);
    assert.ok(performance.now() - started < 1_000, 'close does not wait for the hung check');
    const deadline = performance.now() + 2_000;
    while ((await h.fakes.a!.connections()) + (await h.fakes.b!.connections()) > 0) {
      assert.ok(performance.now() < deadline, 'close() closes the connections to the members');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const asked = h.fakes.a!.asked.length;
    // Three intervals with the members still listening: a timer left armed would check.
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(h.fakes.a!.asked.length, asked, 'no checks after close');
    await Promise.all(Object.values(h.fakes).map((fake) => fake.close()));
    assert.deepEqual(process.getActiveResourcesInfo().slice(before).filter((r) => r !== 'TTYWrap'), []);
    h.discovery.start();
    h.discovery.reportForwardingError('a', new Error('late'));
    h.discovery.reconfigure(h.options);
    assert.deepEqual(process.getActiveResourcesInfo().slice(before).filter((r) => r !== 'TTYWrap'), []);
  });
});
