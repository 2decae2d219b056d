/**
 * What one wrk run measured. wrk's own report rounds latencies to two decimals of a
 * varying unit, so every script of bench/proxy/lua ends with done() from
 * `lua/report.lua`, which prints one line
 *
 *   WRK_RESULT {"requests":564358,"durationUs":10010000,...,"p50Us":470,"p99Us":4230}
 *
 * with exact microseconds and the error counts; this file reads that line.
 */

export interface WrkResult {
  readonly requests: number;
  readonly durationUs: number;
  readonly bytes: number;
  /** Socket errors by kind, and answers with a status >= 400 (wrk's "Non-2xx or 3xx"). */
  readonly errors: { readonly connect: number; readonly read: number; readonly write: number; readonly timeout: number; readonly status: number };
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  /** Requests whose key was among the hottest 1% (keyed scripts only): checks the distribution. */
  readonly topShare: number | undefined;
}

export const wrkResultPrefix = 'WRK_RESULT ';

function count(fields: Record<string, unknown>, name: string, output: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`wrk's report has no valid "${name}" (got ${JSON.stringify(value)}); expected the line printed by bench/proxy/lua/report.lua:\n${output}`);
  }
  return value;
}

/** The result in wrk's stdout; throws, quoting the output, when the report line is missing or incomplete. */
export function parseWrkResult(output: string): WrkResult {
  const line = output.split('\n').find((candidate) => candidate.startsWith(wrkResultPrefix));
  if (line === undefined) throw new Error(`wrk printed no "${wrkResultPrefix.trim()}" line; expected its script to end with lua/report.lua's done():\n${output}`);
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(line.slice(wrkResultPrefix.length)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`wrk's report line is not JSON (${(error as Error).message}): ${line}`);
  }
  const top = fields['topShare'];
  return {
    requests: count(fields, 'requests', output),
    durationUs: count(fields, 'durationUs', output),
    bytes: count(fields, 'bytes', output),
    errors: {
      connect: count(fields, 'connect', output),
      read: count(fields, 'read', output),
      write: count(fields, 'write', output),
      timeout: count(fields, 'timeout', output),
      status: count(fields, 'status', output),
    },
    p50Us: count(fields, 'p50Us', output),
    p99Us: count(fields, 'p99Us', output),
    maxUs: count(fields, 'maxUs', output),
    topShare: typeof top === 'number' ? top : undefined,
  };
}

export function requestsPerSecond(result: WrkResult): number {
  return result.durationUs === 0 ? 0 : result.requests / (result.durationUs / 1e6);
}

export function errorCount(result: WrkResult): number {
  const e = result.errors;
  return e.connect + e.read + e.write + e.timeout + e.status;
}
