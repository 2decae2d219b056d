import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { AlertmanagerAlert } from '../../../../monitor/alerts/alertmanager-alert.js';
import { AlertmanagerSink } from '../../../../monitor/alerts/alertmanager-sink.js';
import { ClusterModel } from '../../../../monitor/model/cluster-model.js';
import { silentLogger } from '../../../support/logger.js';
import { RecordingServer } from '../../../support/recording-server.js';
import { names, round, type MemberAnswer } from '../rounds.js';

const servers: RecordingServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

const resendHorizonMs = 4000;
const oneShotMs = 300_000;

async function setUp(): Promise<{ am: RecordingServer; sink: AlertmanagerSink; model: ClusterModel; apply: (at: number, answers: MemberAnswer[]) => Promise<AlertmanagerAlert[]> }> {
  const am = await RecordingServer.start();
  servers.push(am);
  const sink = new AlertmanagerSink({
    url: `${am.url}/`,
    cluster: 'prod',
    generatorUrl: 'http://127.0.0.1:7490/',
    resendHorizonMs,
    oneShotMs,
    capacity: 100,
    maxAttempts: 3,
    backoff: { initialMs: 10, maxMs: 10 },
    timeoutMs: 2000,
    logger: silentLogger(),
    count: () => undefined,
  });
  const model = new ClusterModel({ members: names, thresholds: { lagTx: 100, lagSeconds: 60 }, cluster: 'prod' });
  const apply = async (at: number, answers: MemberAnswer[]): Promise<AlertmanagerAlert[]> => {
    const before = am.requests.length;
    const events = model.update(round(at, answers), at);
    const queued = sink.queueLength();
    sink.handleRound(events, model.snapshot());
    if (sink.queueLength() === queued) return [];
    await am.waitFor(before + 1);
    const request = am.requests.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/api/v2/alerts');
    return JSON.parse(request.body) as AlertmanagerAlert[];
  };
  return { am, sink, model, apply };
}

function find(alerts: readonly AlertmanagerAlert[], name: string, instance?: string): AlertmanagerAlert {
  const found = alerts.find((alert) => alert.labels['alertname'] === name && alert.labels['instance'] === instance);
  assert.ok(found, `no ${name}${instance === undefined ? '' : `{instance=${instance}}`} among ${alerts.map((alert) => `${alert.labels['alertname']}/${alert.labels['instance']}`).join(', ')}`);
  return found;
}

test('a healthy cluster sends nothing; conditions are re-sent every round with endsAt ahead and resolved with endsAt now; a re-election is one-shot', async () => {
  const { am, sink, apply } = await setUp();
  assert.deepEqual(await apply(1000, [{ role: 'master', epoch: 1, txId: 10 }, { role: 'slave', txId: 10 }, { role: 'slave', txId: 10 }]), []);
  assert.equal(am.requests.length, 0);

  // The master dies and nobody is master yet.
  let alerts = await apply(2000, [{ role: 'down' }, { role: 'unknown', txId: 10 }, { role: 'unknown', txId: 10 }]);
  const noMaster = find(alerts, 'NoMaster');
  assert.deepEqual(noMaster.labels, { alertname: 'NoMaster', cluster: 'prod', severity: 'critical' });
  assert.equal(noMaster.startsAt, new Date(2000).toISOString());
  assert.equal(noMaster.endsAt, new Date(2000 + resendHorizonMs).toISOString());
  assert.equal(noMaster.generatorURL, 'http://127.0.0.1:7490/');
  assert.equal(noMaster.annotations.summary, 'No member of the cluster is master');
  assert.match(noMaster.annotations.description, /No member answers as master \(the last master was instance1\)/);
  const down = find(alerts, 'MemberDown', 'instance1');
  assert.deepEqual(down.labels, { alertname: 'MemberDown', cluster: 'prod', severity: 'warning', instance: 'instance1' });
  for (const alert of alerts) assert.deepEqual(Object.keys(alert).sort(), ['annotations', 'endsAt', 'generatorURL', 'labels', 'startsAt']);

  // Still no master: re-sent, same startsAt, endsAt moved on.
  alerts = await apply(3000, [{ role: 'down' }, { role: 'unknown', txId: 10 }, { role: 'unknown', txId: 10 }]);
  assert.equal(find(alerts, 'NoMaster').startsAt, new Date(2000).toISOString());
  assert.equal(find(alerts, 'NoMaster').endsAt, new Date(3000 + resendHorizonMs).toISOString());

  // instance2 is elected: MasterReelected once, NoMaster resolved, MemberDown still firing.
  alerts = await apply(4000, [{ role: 'down' }, { role: 'master', epoch: 2, txId: 10 }, { role: 'slave', txId: 10 }]);
  const reelected = find(alerts, 'MasterReelected', 'instance2');
  assert.deepEqual(reelected.labels, { alertname: 'MasterReelected', cluster: 'prod', severity: 'warning', instance: 'instance2' });
  assert.equal(reelected.startsAt, new Date(4000).toISOString());
  assert.equal(reelected.endsAt, new Date(4000 + oneShotMs).toISOString());
  assert.equal(reelected.annotations['from'], 'instance1');
  assert.equal(reelected.annotations['to'], 'instance2');
  assert.equal(find(alerts, 'NoMaster').endsAt, new Date(4000).toISOString());
  assert.equal(find(alerts, 'MemberDown', 'instance1').endsAt, new Date(4000 + resendHorizonMs).toISOString());

  // Next round: no second MasterReelected, NoMaster no longer sent, instance1 back: MemberDown resolved.
  alerts = await apply(5000, [{ role: 'slave', txId: 10 }, { role: 'master', epoch: 2, txId: 10 }, { role: 'slave', txId: 10 }]);
  assert.equal(alerts.filter((alert) => alert.labels['alertname'] === 'MasterReelected').length, 0);
  assert.equal(alerts.filter((alert) => alert.labels['alertname'] === 'NoMaster').length, 0);
  assert.equal(find(alerts, 'MemberDown', 'instance1').endsAt, new Date(5000).toISOString());
  const heartbeat = alerts.find((alert) => alert.labels['alertname'] === 'HeartbeatMissed');
  if (heartbeat !== undefined) assert.equal(heartbeat.endsAt, new Date(5000).toISOString());

  // All healthy and resolved: nothing more is sent.
  assert.deepEqual(await apply(6000, [{ role: 'slave', txId: 10 }, { role: 'master', epoch: 2, txId: 10 }, { role: 'slave', txId: 10 }]), []);
  await sink.close();
});

test('a lagging slave fires SlaveLagHigh while it lags and resolves when it catches up; two masters fire SplitBrain', async () => {
  const { sink, apply } = await setUp();
  await apply(1000, [{ role: 'master', epoch: 1, txId: 500 }, { role: 'slave', txId: 500 }, { role: 'slave', txId: 500 }]);
  let alerts = await apply(2000, [{ role: 'master', epoch: 1, txId: 900 }, { role: 'slave', txId: 900 }, { role: 'slave', txId: 600 }]);
  const lag = find(alerts, 'SlaveLagHigh', 'instance3');
  assert.equal(lag.labels['severity'], 'warning');
  assert.match(lag.annotations.description, /instance3 is 300 transactions/);
  alerts = await apply(3000, [{ role: 'master', epoch: 1, txId: 900 }, { role: 'slave', txId: 900 }, { role: 'slave', txId: 900 }]);
  assert.equal(find(alerts, 'SlaveLagHigh', 'instance3').endsAt, new Date(3000).toISOString());
  alerts = await apply(4000, [{ role: 'master', epoch: 1, txId: 900 }, { role: 'master', epoch: 2, txId: 900 }, { role: 'slave', txId: 900 }]);
  assert.equal(find(alerts, 'SplitBrain').labels['severity'], 'critical');
  await sink.close();
});
