/**
 * One JSON POST to an alert destination, bounded by `timeoutMs`; resolves on a 2xx
 * answer and rejects with what went wrong otherwise, for the delivery queue to retry.
 */
import { request } from 'undici';

export async function postJson(url: string, body: unknown, timeoutMs: number, cancel: AbortSignal): Promise<void> {
  const deadline = AbortSignal.timeout(timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.any([deadline, cancel]),
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    if (deadline.aborted) throw new Error(`POST ${url}: no answer within ${timeoutMs} ms`);
    const code = (error as { code?: unknown }).code;
    throw new Error(`POST ${url}: ${typeof code === 'string' ? `${code} ` : ''}${error instanceof Error ? error.message : String(error)}`);
  }
  if (status < 200 || status > 299) throw new Error(`POST ${url}: expected a 2xx answer, got ${status} ${JSON.stringify(text.slice(0, 120))}`);
}
