import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { WebhookSink } from '../../../../monitor/alerts/webhook-sink.js';
import { ClusterModel } from '../../../../monitor/model/cluster-model.js';
import { silentLogger } from '../../../support/logger.js';
import { RecordingServer } from '../../../support/recording-server.js';
import { names, round } from '../rounds.js';

const servers: RecordingServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

function reelection(): { model: ClusterModel; events: ReturnType<ClusterModel['update']> } {
  const model = new ClusterModel({ members: names, thresholds: { lagTx: 1000, lagSeconds: 10 }, cluster: 'test' });
  model.update(round(1000, [{ role: 'master', epoch: 1 }, { role: 'slave' }, { role: 'slave' }]), 1000);
  const events = model.update(round(2000, [{ role: 'down' }, { role: 'master', epoch: 2 }, { role: 'slave' }]), 2000);
  return { model, events };
}

test('a webhook that fails twice gets the event on the third attempt, after backoff, counted once as ok', async () => {
  const receiver = await RecordingServer.start((_request, index) => (index < 2 ? 503 : 200));
  servers.push(receiver);
  const counted: string[] = [];
  const sink = new WebhookSink({
    urls: [`${receiver.url}/hook`],
    capacity: 10,
    maxAttempts: 5,
    backoff: { initialMs: 30, maxMs: 200 },
    timeoutMs: 2000,
    logger: silentLogger(),
    count: (sinkName, outcome) => counted.push(`${sinkName}:${outcome}`),
    random: () => 0,
  });
  const { events } = reelection();
  const reelected = events.find((event) => event.event === 'master_reelected');
  assert.ok(reelected, `expected master_reelected among ${events.map((event) => event.event).join(', ')}`);
  const returned: unknown = sink.handleRound([reelected]);
  assert.equal(returned, undefined, 'handleRound returns at once (no promise to wait on): delivery must never hold up the scraping');
  await receiver.waitFor(3);
  await until(() => counted.length > 0);
  const [first, second, third] = receiver.requests;
  assert.equal(third!.method, 'POST');
  assert.equal(third!.path, '/hook');
  // random 0: waits of 15 and 30 ms between the attempts.
  assert.ok(second!.at - first!.at >= 14, `first retry after ${second!.at - first!.at} ms`);
  assert.ok(third!.at - second!.at >= 29, `second retry after ${third!.at - second!.at} ms`);
  const body = JSON.parse(third!.body) as Record<string, unknown> & { snapshot: { master: string } };
  assert.equal(body['event'], 'master_reelected');
  assert.equal(body['from'], 'instance1');
  assert.equal(body['to'], 'instance2');
  assert.equal(body['epoch'], 2);
  assert.equal(typeof body['message'], 'string');
  assert.equal(body.snapshot.master, 'instance2');
  await sink.close();
  assert.deepEqual(counted, ['webhook:ok']);
  assert.equal(receiver.requests.length, 3);
});

test('every webhook has its own queue: a dead one does not hold up a live one, and its overflow is counted dropped', async () => {
  const live = await RecordingServer.start();
  const dead = await RecordingServer.start(() => 500);
  servers.push(live, dead);
  const counted: string[] = [];
  const sink = new WebhookSink({
    urls: [`${dead.url}/hook`, `${live.url}/hook`],
    capacity: 2,
    maxAttempts: 100,
    backoff: { initialMs: 1000, maxMs: 1000 },
    timeoutMs: 2000,
    logger: silentLogger(),
    count: (sinkName, outcome) => counted.push(`${sinkName}:${outcome}`),
  });
  const events = reelection().events.slice(0, 1);
  const count = (outcome: string): number => counted.filter((entry) => entry === `webhook:${outcome}`).length;
  try {
    for (let batch = 1; batch <= 4; batch++) {
      sink.handleRound(events);
      await live.waitFor(batch * events.length);
      await until(() => count('ok') === batch * events.length);
    }
    // The dead receiver's queue holds 2 (one in flight); the rest was dropped, oldest first.
    assert.equal(count('dropped'), 4 - 2);
    assert.equal(sink.queueLength(), 2);
  } finally {
    await sink.close();
  }
  assert.equal(count('dropped'), 4);
  assert.equal(count('ok'), 4);
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
