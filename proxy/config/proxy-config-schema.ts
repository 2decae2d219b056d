/**
 * The zod schema that turns the YAML's values (defaults already filled in from
 * proxy-settings.ts) into a ProxyConfig. Custom issues carry only the problem; the
 * loader adds "expected ..." from the settings table.
 */
import { z } from 'zod';
import { checkMemberNames, clusterSectionShape } from '../../protocol/config/cluster-schema.js';
import { byteSize, durationMs, nonEmpty, numeric, show, socketAddress, wholeNumber } from '../../protocol/config/value-schemas.js';
import type { ProxyConfig, ShardKeySource } from './proxy-config.js';

const regex = z.string().transform((text, ctx) => {
  try {
    return new RegExp(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression (${reason})` });
    return z.NEVER;
  }
});

const shardKey = z
  .object({ header: nonEmpty.optional(), urlParam: nonEmpty.optional(), parameter: nonEmpty.optional() })
  .transform((item, ctx): ShardKeySource => {
    const given = (['header', 'urlParam', 'parameter'] as const).filter((kind) => item[kind] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', message: `${given.length === 0 ? 'no key source' : `${given.join(' and ')} together`}; expected exactly one of header, urlParam, parameter per item` });
      return z.NEVER;
    }
    const kind = given[0]!;
    return { kind, name: item[kind]! };
  });

export const proxyConfigSchema = z
  .object({
    listen: z.object({ http: socketAddress, bolt: socketAddress, admin: socketAddress }),
    cluster: z.object(clusterSectionShape),
    health: z.object({ interval: durationMs, timeout: durationMs, rise: wholeNumber(1), fall: wholeNumber(1) }),
    routing: z.object({
      reads: z.enum(['slaves', 'all']),
      balance: z.enum(['least-outstanding', 'round-robin']),
      maxLagTx: wholeNumber(0),
      writeHold: durationMs,
    }),
    sharding: z.object({
      keys: z.array(shardKey),
      vnodes: wholeNumber(1),
      loadFactor: numeric(
        z.number().transform((factor, ctx) => {
          if (factor === 0 || factor > 1) return factor;
          ctx.addIssue({ code: 'custom', message: `${factor} is not allowed` });
          return z.NEVER;
        }),
      ),
      pins: z.array(z.object({ match: regex, member: nonEmpty })),
    }),
    forwarding: z.object({
      connectionsPerMember: wholeNumber(1),
      connectTimeout: durationMs,
      responseTimeout: durationMs,
      idleTimeout: durationMs,
      maxRequestBody: byteSize,
    }),
    readProcedures: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/)),
  })
  .superRefine((config, ctx) => {
    const seen = checkMemberNames(config.cluster.members, ctx);
    if (config.health.timeout >= config.health.interval) {
      ctx.addIssue({ code: 'custom', path: ['health', 'timeout'], message: `${config.health.timeout} ms is not below health.interval (${config.health.interval} ms)` });
    }
    config.sharding.pins.forEach((pin, index) => {
      if (!seen.has(pin.member)) {
        ctx.addIssue({ code: 'custom', path: ['sharding', 'pins', index, 'member'], message: `${show(pin.member)} is not a member (members: ${[...seen].join(', ')})` });
      }
    });
  })
  .transform(
    (c): ProxyConfig => ({
      listen: c.listen,
      cluster: { flavor: c.cluster.flavor, members: c.cluster.members.map((m) => ({ name: m.name, http: m.http, bolt: m.bolt })), auth: c.cluster.auth },
      health: { intervalMs: c.health.interval, timeoutMs: c.health.timeout, rise: c.health.rise, fall: c.health.fall },
      routing: { reads: c.routing.reads, balance: c.routing.balance, maxLagTx: c.routing.maxLagTx, writeHoldMs: c.routing.writeHold },
      sharding: c.sharding,
      forwarding: {
        connectionsPerMember: c.forwarding.connectionsPerMember,
        connectTimeoutMs: c.forwarding.connectTimeout,
        responseTimeoutMs: c.forwarding.responseTimeout,
        idleTimeoutMs: c.forwarding.idleTimeout,
        maxRequestBodyBytes: c.forwarding.maxRequestBody,
      },
      readProcedures: c.readProcedures,
    }),
  );
