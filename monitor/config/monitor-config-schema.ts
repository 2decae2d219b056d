/**
 * The zod schema that turns the YAML's values (defaults already filled in from
 * monitor-settings.ts) into a MonitorConfig. Custom issues carry only the problem; the
 * loader adds "expected ..." from the settings table.
 */
import { z } from 'zod';
import { checkMemberNames, clusterSectionShape } from '../../protocol/config/cluster-schema.js';
import { parseDuration } from '../../protocol/config/duration.js';
import { durationMs, httpUrl, nonEmpty, show, socketAddress, wholeNumber } from '../../protocol/config/value-schemas.js';
import type { MonitorConfig } from './monitor-config.js';

// design.md writes `lagSeconds: 10`; a duration ("10s", "2m") reads as well as anywhere
// else in the file. A number may also come through ${VAR}, as a string.
const seconds = z.unknown().transform((value, ctx) => {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
    const ms = parseDuration(value);
    if (ms !== undefined) return ms / 1000;
  }
  const shown = Array.isArray(value) ? 'a list' : typeof value === 'object' && value !== null ? 'a mapping' : show(value);
  ctx.addIssue({ code: 'custom', message: `${shown} is not a number of seconds or a duration` });
  return z.NEVER;
});

export const monitorConfigSchema = z
  .object({
    listen: socketAddress,
    interval: durationMs,
    timeout: durationMs,
    cluster: z.object({ name: nonEmpty, ...clusterSectionShape }),
    thresholds: z.object({ lagTx: wholeNumber(0), lagSeconds: seconds }),
    alerts: z.object({ webhooks: z.array(httpUrl), alertmanager: httpUrl.optional() }),
  })
  .superRefine((config, ctx) => {
    checkMemberNames(config.cluster.members, ctx);
    if (config.timeout === 0) ctx.addIssue({ code: 'custom', path: ['timeout'], message: '0 ms is not allowed' });
    else if (config.timeout >= config.interval) {
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: `${config.timeout} ms is not below interval (${config.interval} ms)` });
    }
  })
  .transform(
    (c): MonitorConfig => ({
      listen: c.listen,
      intervalMs: c.interval,
      timeoutMs: c.timeout,
      cluster: {
        name: c.cluster.name,
        flavor: c.cluster.flavor,
        members: c.cluster.members.map((m) => ({ name: m.name, http: m.http.origin })),
        auth: c.cluster.auth,
      },
      thresholds: c.thresholds,
      alerts: { webhooks: c.alerts.webhooks, alertmanager: c.alerts.alertmanager?.replace(/\/+$/, '') },
    }),
  );
