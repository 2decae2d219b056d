/**
 * Writers for the master-kill scenario: a few client loops that each POST
 * `CREATE (:label {id: $id})` with `X-Write: 1` through one proxy address, one request at
 * a time on a keep-alive connection, as an application would. They do not look for the
 * master themselves: finding it is the proxy's job.
 *
 * An answer without errors is an acknowledged write (its id and time are kept). Anything
 * else (a status other than 200, a Neo4j error in the body, a failed or timed-out
 * connection) is an error the client saw: counted by kind, then the writer pauses
 * `errorPauseMs` (so that a proxy answering 503 at once is not hammered thousands of times a
 * second) and goes on with a fresh id, since the failed write's outcome is unknown.
 */
import http from 'node:http';

export interface WriterReport {
  /** Ids answered without errors, with when each was sent and answered (Date.now()). */
  readonly acks: { readonly id: number; readonly sentAt: number; readonly at: number }[];
  /** Errors the clients saw, by kind: `status 503`, a Neo4j code, `connection`, `timeout`. */
  readonly errors: Map<string, number>;
  /** Time of every error. */
  readonly errorTimes: number[];
}

export class ProxyWriters {
  readonly report: WriterReport = { acks: [], errors: new Map(), errorTimes: [] };
  readonly #port: number;
  readonly #label: string;
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  readonly #running: Promise<void>[] = [];
  readonly #errorPauseMs: number;
  readonly #timeoutMs: number;
  #nextId = 1;
  #stopped = false;

  constructor(port: number, label: string, writers: number, options: { errorPauseMs: number; timeoutMs: number }) {
    this.#port = port;
    this.#label = label;
    this.#errorPauseMs = options.errorPauseMs;
    this.#timeoutMs = options.timeoutMs;
    for (let i = 0; i < writers; i++) this.#running.push(this.#loop());
  }

  async stop(): Promise<WriterReport> {
    this.#stopped = true;
    await Promise.all(this.#running);
    this.#agent.destroy();
    return this.report;
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      const id = this.#nextId++;
      const sentAt = Date.now();
      const failure = await this.#write(id);
      if (failure === undefined) {
        this.report.acks.push({ id, sentAt, at: Date.now() });
        continue;
      }
      this.report.errors.set(failure, (this.report.errors.get(failure) ?? 0) + 1);
      this.report.errorTimes.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, this.#errorPauseMs));
    }
  }

  /** undefined when acknowledged, else the kind of error. */
  #write(id: number): Promise<string | undefined> {
    const body = JSON.stringify({ statements: [{ statement: `CREATE (:${this.#label} {id: $id})`, parameters: { id } }] });
    return new Promise((resolve) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: this.#port,
          method: 'POST',
          path: '/db/data/transaction/commit',
          agent: this.#agent,
          timeout: this.#timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-write': '1' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', () => resolve('connection'));
          response.on('end', () => {
            if (response.statusCode !== 200) return resolve(`status ${response.statusCode}`);
            try {
              const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { errors?: { code?: string }[] };
              resolve(answer.errors?.length === 0 ? undefined : (answer.errors?.[0]?.code ?? 'malformed answer'));
            } catch {
              resolve('malformed answer');
            }
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error) => resolve(error.message === 'timeout' ? 'timeout' : 'connection'));
      request.end(body);
    });
  }
}

/** The longest time between two consecutive acknowledgements (all writers together), and where it started. */
export function longestGap(acks: readonly { readonly at: number }[]): { ms: number; from: number } {
  const times = acks.map((a) => a.at).sort((a, b) => a - b);
  let best = { ms: 0, from: times[0] ?? 0 };
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (gap > best.ms) best = { ms: gap, from: times[i - 1]! };
  }
  return best;
}
