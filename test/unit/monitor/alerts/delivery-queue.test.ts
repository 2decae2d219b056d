import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from '../../../../monitor/alerts/backoff.js';
import { DeliveryQueue, type DeliveryOutcome } from '../../../../monitor/alerts/delivery-queue.js';
import { Random } from '../../../support/random.js';

test('backoff doubles per retry within [half, whole] of the step and stops at the cap', () => {
  const settings = { initialMs: 100, maxMs: 1000 };
  assert.equal(backoffDelay(1, settings, () => 0), 50);
  assert.equal(backoffDelay(1, settings, () => 0.999999), 99.99995);
  assert.equal(backoffDelay(2, settings, () => 0), 100);
  assert.equal(backoffDelay(3, settings, () => 0), 200);
  assert.equal(backoffDelay(10, settings, () => 0), 500);
  const random = new Random(7);
  for (let retry = 1; retry < 20; retry++) {
    const delay = backoffDelay(retry, settings, () => random.next());
    const step = Math.min(1000, 100 * 2 ** (retry - 1));
    assert.ok(delay >= step / 2 && delay <= step, `retry ${retry}: ${delay} outside [${step / 2}, ${step}]`);
  }
});

test('a full queue drops the oldest waiting delivery, never the one in flight, and push never waits', async () => {
  const outcomes: Array<[DeliveryOutcome, number]> = [];
  let release: () => void = () => undefined;
  const sent: number[] = [];
  const queue = new DeliveryQueue<number>({
    capacity: 3,
    maxAttempts: 1,
    backoff: { initialMs: 1, maxMs: 1 },
    send: (item) => {
      sent.push(item);
      return new Promise<void>((resolve) => (release = resolve));
    },
    onOutcome: (outcome, item) => outcomes.push([outcome, item]),
  });
  for (let item = 1; item <= 6; item++) queue.push(item);
  assert.equal(queue.length, 3);
  assert.deepEqual(outcomes, [
    ['dropped', 2],
    ['dropped', 3],
    ['dropped', 4],
  ]);
  for (let i = 0; i < 3; i++) {
    release();
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.deepEqual(sent, [1, 5, 6]);
  assert.deepEqual(outcomes.slice(3), [
    ['ok', 1],
    ['ok', 5],
    ['ok', 6],
  ]);
  assert.equal(queue.length, 0);
  await queue.close();
});

test('a delivery that keeps failing is retried maxAttempts times with growing waits, then reported failed', async () => {
  const attempts: number[] = [];
  const outcomes: Array<[DeliveryOutcome, string | undefined]> = [];
  const queue = new DeliveryQueue<string>({
    capacity: 10,
    maxAttempts: 4,
    backoff: { initialMs: 20, maxMs: 1000 },
    random: () => 0,
    send: async () => {
      attempts.push(performance.now());
      throw new Error('503 from the receiver');
    },
    onOutcome: (outcome, _item, error) => outcomes.push([outcome, error]),
  });
  queue.push('a');
  const deadline = Date.now() + 5000;
  while (outcomes.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(attempts.length, 4);
  const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
  // random 0: half of 20, 40, 80 ms.
  for (const [i, expected] of [10, 20, 40].entries()) assert.ok(gaps[i]! >= expected - 2, `gap ${i} was ${gaps[i]} ms, expected at least ${expected}`);
  assert.equal(outcomes[0]?.[0], 'failed');
  assert.match(outcomes[0]?.[1] ?? '', /4 attempts failed; the last: 503 from the receiver/);
  await queue.close();
});

test('close() aborts the attempt in flight and drops what waits', async () => {
  const outcomes: Array<[DeliveryOutcome, number]> = [];
  let aborted = false;
  const queue = new DeliveryQueue<number>({
    capacity: 10,
    maxAttempts: 3,
    backoff: { initialMs: 10, maxMs: 10 },
    send: (_item, signal) =>
      new Promise<void>((_resolve, reject) =>
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        }),
      ),
    onOutcome: (outcome, item) => outcomes.push([outcome, item]),
  });
  queue.push(1);
  queue.push(2);
  await queue.close();
  assert.ok(aborted);
  assert.deepEqual(outcomes, [
    ['dropped', 1],
    ['dropped', 2],
  ]);
  queue.push(3);
  assert.deepEqual(outcomes.at(-1), ['dropped', 3]);
});
