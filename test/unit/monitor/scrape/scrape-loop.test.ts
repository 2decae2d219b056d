import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { memberProbe } from '../../../../protocol/cluster/member-probe.js';
import type { ScrapeResult } from '../../../../monitor/scrape/member-scraper.js';
import { ScrapeLoop } from '../../../../monitor/scrape/scrape-loop.js';
import { FakeMember } from '../fake-member.js';

const members: FakeMember[] = [];
after(() => Promise.all(members.map((member) => member.close())));

async function cluster(size: number): Promise<FakeMember[]> {
  const started = await Promise.all(Array.from({ length: size }, () => FakeMember.start()));
  members.push(...started);
  return started;
}

function loop(targets: readonly FakeMember[], timeoutMs: number, onRound: (results: readonly ScrapeResult[]) => void = () => undefined, intervalMs = 100): ScrapeLoop {
  return new ScrapeLoop({
    members: targets.map((member, index) => ({ name: `instance${index + 1}`, http: member.url })),
    probe: memberProbe('ha'),
    auth: { user: 'neo4j', password: 'secret' },
    intervalMs,
    timeoutMs,
    onRound,
    onError: (error) => {
      throw error;
    },
  });
}

test('a scrape reads the role, tx id and epoch from the HA endpoints and bean, the view from the bean, and the kept /metrics samples', async () => {
  const [master, slave] = await cluster(2);
  master!.state.role = 'master';
  master!.state.txId = 77;
  const scrapes = loop([master!, slave!], 2000);
  try {
    const [first, second] = await scrapes.scrapeOnce();
    assert.equal(first!.scrape.instance, 'instance1');
    assert.equal(first!.scrape.ok, true);
    assert.deepEqual(first!.scrape.reading, { role: 'master', lastCommittedTxId: 77, epoch: 3 });
    assert.equal(first!.scrape.bean?.instancesInCluster[0]?.haRole, 'master');
    assert.equal(first!.scrape.metrics?.get('neo4j_transaction_last_committed_tx_id'), 77);
    assert.equal(first!.scrape.metrics?.get('neo4j_transaction_committed_total'), 76);
    // Several peers: the oldest heartbeat is kept.
    assert.equal(first!.scrape.metrics?.get('graphlb_engine_heartbeat_age_seconds'), 0.25);
    assert.equal(first!.scrape.metrics?.has('neo4j_page_cache_hits_total'), false);
    assert.equal(first!.metricsError, undefined);
    assert.equal(second!.scrape.reading?.role, 'slave');
    assert.ok(master!.paths.includes('/metrics') && master!.paths.includes('/db/manage/server/ha/available'));
  } finally {
    await scrapes.close();
  }
});

test('garbage answers fail the scrape with the path and what was expected; a member without /metrics is still scraped', async () => {
  const [garbage, neo4j] = await cluster(2);
  garbage!.state.mode = 'garbage';
  neo4j!.state.mode = 'metrics-404';
  const scrapes = loop([garbage!, neo4j!], 2000);
  try {
    const [first, second] = await scrapes.scrapeOnce();
    assert.equal(first!.scrape.ok, false);
    assert.match(first!.scrape.error ?? '', /GET \/db\/manage\/server\/ha\/available: expected 200 "master", 200 "slave" or 404 "UNKNOWN"/);
    assert.equal(second!.scrape.ok, true);
    assert.equal(second!.scrape.metrics, undefined);
    assert.match(second!.metricsError ?? '', /GET \/metrics: expected 200 with Prometheus text, got 404/);
  } finally {
    await scrapes.close();
  }
});

test('a hung member times out within timeoutMs and does not delay the others', async () => {
  const [healthy, hung] = await cluster(2);
  hung!.state.mode = 'hang';
  const timeoutMs = 1000;
  const scrapes = loop([healthy!, hung!], timeoutMs);
  try {
    const started = performance.now();
    const [first, second] = await scrapes.scrapeOnce();
    const took = performance.now() - started;
    // The hung member never answers: the round ends because of its timeout, not long after (the bound is loose for loaded machines).
    assert.ok(took >= timeoutMs - 1 && took < timeoutMs + 4000, `the round took ${took} ms with a timeout of ${timeoutMs} ms`);
    assert.equal(first!.scrape.ok, true);
    assert.ok(first!.durationMs < timeoutMs, `the healthy member was answered before the hung one timed out, not after (${first!.durationMs} ms)`);
    assert.equal(second!.scrape.ok, false);
    assert.match(second!.scrape.error ?? '', /no answer within 1000 ms \(timeout\)/);
  } finally {
    await scrapes.close();
  }
});

test('rounds never overlap, even when a member hangs for longer than the interval', async () => {
  const [healthy, hung] = await cluster(2);
  hung!.state.mode = 'hang';
  const rounds: number[] = [];
  const scrapes = loop(
    [healthy!, hung!],
    250,
    () => {
      rounds.push(performance.now());
    },
    50,
  );
  scrapes.start();
  try {
    const deadline = Date.now() + 5000;
    while (rounds.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(rounds.length >= 4, `only ${rounds.length} rounds in 5 s`);
    const gaps = rounds.slice(1).map((at, i) => at - rounds[i]!);
    // Each round waits for the hung member's timeout: never closer than that.
    for (const gap of gaps) assert.ok(gap >= 240, `rounds ${gap} ms apart with a 250 ms timeout`);
  } finally {
    await scrapes.close();
  }
  const count = rounds.length;
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal(rounds.length, count, 'no round after close()');
  // The credentials went along as basic auth.
  assert.ok(healthy!.authorizations.length > 0);
  for (const header of healthy!.authorizations) assert.equal(header, `Basic ${Buffer.from('neo4j:secret').toString('base64')}`);
});
