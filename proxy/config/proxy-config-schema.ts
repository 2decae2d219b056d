/**
 * The zod schema that turns the YAML's values (defaults already filled in from
 * proxy-settings.ts) into a ProxyConfig. Custom issues carry only the problem; the
 * loader adds "expected ..." from the settings table.
 */
import { z } from 'zod';
import { parseByteSize } from './byte-size.js';
import { parseDuration } from './duration.js';
import { parseHttpOrigin, parseSocketAddress } from './socket-address.js';
import type { ProxyConfig, ShardKeySource } from './proxy-config.js';

/** A value for messages; strings quoted so "1 s" shows its space. */
function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const durationMs = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `${show(text)} is not a duration` });
    return z.NEVER;
  }
  return ms;
});

// A bare number of bytes may come from YAML as a number, or through ${VAR} as a string.
const byteSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const bytes = parseByteSize(String(value));
  if (bytes === undefined) {
    ctx.addIssue({ code: 'custom', message: `${show(value)} is not a size` });
    return z.NEVER;
  }
  return bytes;
});

const socketAddress = z.string().transform((text, ctx) => {
  const address = parseSocketAddress(text);
  if (address === undefined) {
    ctx.addIssue({ code: 'custom', message: `${show(text)} is not an address` });
    return z.NEVER;
  }
  return address;
});

const httpOrigin = z.string().transform((text, ctx) => {
  const origin = parseHttpOrigin(text);
  if (origin === undefined) {
    ctx.addIssue({ code: 'custom', message: `${show(text)} is not an http(s)://host:port origin` });
    return z.NEVER;
  }
  return origin;
});

// ${VAR} substitution yields strings; a number written through a variable still counts.
const numeric = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value), schema);

const wholeNumber = (minimum: number) => numeric(z.number().int().min(minimum));

const regex = z.string().transform((text, ctx) => {
  try {
    return new RegExp(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression (${reason})` });
    return z.NEVER;
  }
});

const nonEmpty = z.string().min(1);

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

const member = z.object({ name: nonEmpty, http: httpOrigin, bolt: socketAddress.optional() });

export const proxyConfigSchema = z
  .object({
    listen: z.object({ http: socketAddress, bolt: socketAddress, admin: socketAddress }),
    cluster: z.object({
      flavor: z.enum(['ha', 'causal', 'neo4j5']),
      members: z.array(member).min(1),
      auth: z.object({ user: nonEmpty, password: z.string() }).optional(),
    }),
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
    const seen = new Set<string>();
    config.cluster.members.forEach((m, index) => {
      if (seen.has(m.name)) ctx.addIssue({ code: 'custom', path: ['cluster', 'members', index, 'name'], message: `${show(m.name)} is used by an earlier member` });
      seen.add(m.name);
    });
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
