/**
 * Fixed settings of the monitor's alert delivery and live page (not in monitor.yaml: the
 * defaults suit every deployment we know; a need to tune one makes it a config key).
 *
 * | name                    | default  | unit         | what                                                          |
 * |-------------------------|----------|--------------|---------------------------------------------------------------|
 * | queueCapacity           | 1000     | deliveries   | per webhook and for Alertmanager; the oldest is dropped when full |
 * | maxAttempts             | 8        | attempts     | per delivery, the first included                              |
 * | backoffInitialMs        | 500      | milliseconds | wait before the first retry; doubles per retry, with jitter   |
 * | backoffMaxMs            | 30000    | milliseconds | cap of the wait between retries                               |
 * | postTimeoutMs           | 5000     | milliseconds | one POST to a webhook or Alertmanager                         |
 * | resendHorizonRounds     | 4        | rounds       | a firing condition's endsAt = now + this x interval...        |
 * | resendHorizonMinMs      | 60000    | milliseconds | ...but at least this far ahead                                |
 * | oneShotMs               | 300000   | milliseconds | endsAt of a one-shot alert (MasterReelected) after its event  |
 * | historyWindowMs         | 300000   | milliseconds | rounds kept for the status page's chart and timeline          |
 * | liveMaxBufferedBytes    | 1048576  | bytes        | a /live client with more unsent is dropped                    |
 */
export const deliveryDefaults = {
  queueCapacity: 1000,
  maxAttempts: 8,
  backoffInitialMs: 500,
  backoffMaxMs: 30_000,
  postTimeoutMs: 5000,
  resendHorizonRounds: 4,
  resendHorizonMinMs: 60_000,
  oneShotMs: 300_000,
  historyWindowMs: 300_000,
  liveMaxBufferedBytes: 1024 * 1024,
} as const;

export type DeliverySettings = { readonly [K in keyof typeof deliveryDefaults]: number };
