/**
 * One scrape of one member: the flavor's probe requests (role, tx id, epoch), for `ha` the
 * High Availability bean among them (the member's view of the others), and /metrics, all
 * in parallel on the member's pool and all bounded by one deadline. Never throws: no
 * answer, the deadline, or answers that are not the flavor's make a failed scrape whose
 * `error` an operator reads on the status page.
 *
 * /metrics is optional: Neo4j serves Prometheus on its own port, not the HTTP one, so a
 * member whose /metrics fails or is not Prometheus text is still scraped; `metricsError`
 * says why its samples are missing.
 */
import type { Dispatcher } from 'undici';
import type { MemberProbe, ProbeAnswer } from '../../protocol/cluster/member-probe.js';
import { ProbeFormatError } from '../../protocol/cluster/probe-format-error.js';
import { decodeHaBean, haBeanPaths, type HighAvailabilityInfo } from '../../protocol/ha/high-availability-bean.js';
import { parsePrometheusText } from '../../protocol/prometheus/prometheus-text.js';
import type { MemberScrape } from '../model/member-scrape.js';
import { keptMetrics } from './kept-metrics.js';

export interface ScrapeRequest {
  readonly instance: string;
  readonly probe: MemberProbe;
  /** Sent with every GET: Accept, and Authorization when credentials are configured. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Aborted when the monitor closes. */
  readonly cancel: AbortSignal;
  /** Epoch ms; Date.now unless a test controls time. */
  readonly now?: () => number;
}

export interface ScrapeResult {
  readonly scrape: MemberScrape;
  readonly durationMs: number;
  /** Why the member's /metrics samples are missing from an otherwise good scrape. */
  readonly metricsError: string | undefined;
}

const metricsPath = '/metrics';
const beanPaths = new Set(haBeanPaths);

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${typeof code === 'string' ? `${code} ` : ''}${error.message}${cause}`;
}

export async function scrapeMember(pool: Dispatcher, request: ScrapeRequest): Promise<ScrapeResult> {
  const now = request.now ?? Date.now;
  const started = performance.now();
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const failed = new AbortController();
  const signal = AbortSignal.any([deadline, request.cancel, failed.signal]);
  const get = async (path: string): Promise<ProbeAnswer> => {
    try {
      const response = await pool.request({ path, method: 'GET', headers: request.headers, signal });
      return { status: response.statusCode, body: await response.body.text() };
    } catch (error) {
      if (deadline.aborted) throw new Error(`GET ${path}: no answer within ${request.timeoutMs} ms (timeout)`);
      if (request.cancel.aborted) throw new Error(`GET ${path}: scrape cancelled, the monitor is closing`);
      throw new Error(`GET ${path}: ${describe(error)}`);
    }
  };
  const finish = (scrape: Omit<MemberScrape, 'instance' | 'at'>, metricsError?: string): ScrapeResult => ({
    scrape: { instance: request.instance, at: now(), ...scrape },
    durationMs: performance.now() - started,
    metricsError,
  });

  // The metrics request must not fail the round: its error is caught here, on its own.
  const metrics = get(metricsPath).then(
    (answer) => answer,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  let answers: ProbeAnswer[];
  try {
    answers = await Promise.all(request.probe.requests.map(({ path }) => get(path)));
  } catch (error) {
    failed.abort();
    await metrics;
    return finish({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
  let reading;
  let bean: HighAvailabilityInfo | undefined;
  try {
    reading = request.probe.read(answers);
    const beanIndex = request.probe.requests.findIndex(({ path }) => beanPaths.has(path));
    // The probe has decoded this body already, so it is JSON and a bean.
    if (beanIndex >= 0) bean = decodeHaBean(JSON.parse(answers[beanIndex]!.body));
  } catch (error) {
    failed.abort();
    await metrics;
    if (error instanceof ProbeFormatError) return finish({ ok: false, error: error.message });
    throw error;
  }
  const metricsAnswer = await metrics;
  if (metricsAnswer instanceof Error) return finish({ ok: true, reading, ...(bean && { bean }) }, metricsAnswer.message);
  if (metricsAnswer.status !== 200) {
    return finish({ ok: true, reading, ...(bean && { bean }) }, `GET ${metricsPath}: expected 200 with Prometheus text, got ${metricsAnswer.status}`);
  }
  try {
    const kept = keptMetrics(parsePrometheusText(metricsAnswer.body));
    return finish({ ok: true, reading, ...(bean && { bean }), metrics: kept });
  } catch (error) {
    return finish({ ok: true, reading, ...(bean && { bean }) }, `GET ${metricsPath}: not Prometheus text (${describe(error)})`);
  }
}
