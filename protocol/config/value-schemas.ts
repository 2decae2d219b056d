/**
 * zod schemas for the value formats of graphlb's YAML files. Custom issues carry only
 * the problem; the loader adds "expected ..." from the settings table.
 */
import { z } from 'zod';
import { parseByteSize } from './byte-size.js';
import { parseDuration } from './duration.js';
import { parseHttpOrigin, parseSocketAddress } from './socket-address.js';

/** A value for messages; strings quoted so "1 s" shows its space. */
export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export const durationMs = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `${show(text)} is not a duration` });
    return z.NEVER;
  }
  return ms;
});

// A bare number of bytes may come from YAML as a number, or through ${VAR} as a string.
export const byteSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const bytes = parseByteSize(String(value));
  if (bytes === undefined) {
    ctx.addIssue({ code: 'custom', message: `${show(value)} is not a size` });
    return z.NEVER;
  }
  return bytes;
});

export const socketAddress = z.string().transform((text, ctx) => {
  const address = parseSocketAddress(text);
  if (address === undefined) {
    ctx.addIssue({ code: 'custom', message: `${show(text)} is not an address` });
    return z.NEVER;
  }
  return address;
});

export const httpOrigin = z.string().transform((text, ctx) => {
  const origin = parseHttpOrigin(text);
  if (origin === undefined) {
    ctx.addIssue({ code: 'custom', message: `${show(text)} is not an http(s)://host:port origin` });
    return z.NEVER;
  }
  return origin;
});

// Webhook URLs often carry a token in their path or query, so a refused URL is
// described without echoing it; the line:col says which one. The messages carry their
// own "expected": a list item has no row of its own in a settings table.
const expectedUrl = 'expected an absolute http:// or https:// URL';

/** An absolute http(s) URL, kept as written. */
export const httpUrl = z.string().transform((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not an absolute URL (value not shown: URLs may hold tokens); ${expectedUrl}` });
    return z.NEVER;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `a ${url.protocol} URL is not allowed; ${expectedUrl}` });
    return z.NEVER;
  }
  return text;
});

// ${VAR} substitution yields strings; a number written through a variable still counts.
export const numeric = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value), schema);

export const wholeNumber = (minimum: number) => numeric(z.number().int().min(minimum));

export const nonEmpty = z.string().min(1);
