/**
 * The wait before a delivery's next attempt: exponential from `initialMs`, capped at
 * `maxMs`, with jitter so that a monitor's retries (and several monitors') do not arrive
 * in lockstep at a webhook that has just come back. The wait lies in [half, whole] of the
 * exponential step, so it still grows attempt by attempt.
 */
export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Milliseconds before retry number `retry` (1 = the first retry); `random` in [0, 1). */
export function backoffDelay(retry: number, settings: BackoffSettings, random: () => number): number {
  const step = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.max(0, retry - 1));
  return step / 2 + (step / 2) * random();
}
