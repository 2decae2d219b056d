/**
 * One health check over HTTP: the probe's GETs in parallel on the member's pool, every
 * one bounded by the same deadline, the answers decoded by the probe. Never throws: a
 * connection error, the deadline, or answers that are not the flavor's are a failed
 * check with the reason an operator reads in `lastError`.
 */
import type { Dispatcher } from 'undici';
import type { MemberProbe, ProbeAnswer } from '../../protocol/cluster/member-probe.js';
import type { MemberReading } from '../../protocol/cluster/member-reading.js';
import { ProbeFormatError } from '../../protocol/cluster/probe-format-error.js';

export type CheckOutcome = { readonly ok: true; readonly reading: MemberReading } | { readonly ok: false; readonly error: string };

export interface CheckRequest {
  readonly probe: MemberProbe;
  /** Sent with every GET: Accept, and Authorization when credentials are configured. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Aborted when the member is removed or discovery closes. */
  readonly cancel: AbortSignal;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${typeof code === 'string' ? `${code} ` : ''}${error.message}${cause}`;
}

export async function checkMember(pool: Dispatcher, request: CheckRequest): Promise<CheckOutcome> {
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const failed = new AbortController();
  const signal = AbortSignal.any([deadline, request.cancel, failed.signal]);
  let answers: ProbeAnswer[];
  try {
    answers = await Promise.all(
      request.probe.requests.map(async ({ path }) => {
        try {
          const response = await pool.request({ path, method: 'GET', headers: request.headers, signal });
          return { status: response.statusCode, body: await response.body.text() };
        } catch (error) {
          if (deadline.aborted) throw new Error(`GET ${path}: no answer within ${request.timeoutMs} ms (health.timeout)`);
          if (request.cancel.aborted) throw new Error(`GET ${path}: check cancelled`);
          throw new Error(`GET ${path}: ${describe(error)}`);
        }
      }),
    );
  } catch (error) {
    failed.abort();
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  try {
    return { ok: true, reading: request.probe.read(answers) };
  } catch (error) {
    if (error instanceof ProbeFormatError) return { ok: false, error: error.message };
    throw error;
  }
}
