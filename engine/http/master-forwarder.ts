/**
 * A write sent to a slave, executed through the master: the request is sent as it came
 * (method, body, Authorization, access-mode, bookmarks) to the master's HTTP connector,
 * found in the HA bean (the http:// uri of the member whose haRole is master), and the
 * master's answer comes back as text for the transaction endpoint to rewrite and relay.
 *
 *   locate() ──> this member is master ─────────────────────> 'self' (run locally)
 *      │    ──> a master with an http:// uri in the bean ───> its base URL
 *      └──────> neither within masterWaitMs (an election) ──> undefined (NoLeaderAvailable)
 *
 *   send() ──> the master's answer (any status)  |  throws MasterUnreachableError
 *
 * A forwarded request carries {@link forwardedByHeader}; a member never forwards such a
 * request again, so two members with different views of who is master cannot pass a
 * request back and forth: the second one runs it and its write gate answers.
 */
import type { IncomingMessage } from 'node:http';
import type { HighAvailabilityInfo } from '../../protocol/ha/high-availability-bean.js';
import type { HaRole } from '../../protocol/ha/status-endpoints.js';

/** Names the member that forwarded a request (its server id). */
export const forwardedByHeader = 'x-graphlb-forwarded-by';

/** The request headers the master needs to run the request as the client sent it. */
const relayedRequestHeaders = ['authorization', 'content-type', 'accept', 'access-mode', 'bookmarks'] as const;

/** How often locate() looks again while no master is known. */
const locatePollMs = 50;

/** What forwarding needs of this member's HA membership (engine/ha/driver/ha-driver.ts). */
export interface ClusterMember {
  role(): HaRole;
  bean(): HighAvailabilityInfo;
}

export interface MasterForwarderOptions {
  readonly member: ClusterMember;
  /** How long a write waits for a master to be elected before NoLeaderAvailable. */
  readonly masterWaitMs: number;
  /** How long the master may take to answer one forwarded request. */
  readonly answerTimeoutMs: number;
}

export interface MasterAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly location: string | undefined;
  readonly wwwAuthenticate: string | undefined;
  readonly body: string;
}

/** The master did not answer: it is down, unreachable or too slow. */
export class MasterUnreachableError extends Error {
  override readonly name = 'MasterUnreachableError';
}

export class MasterForwarder {
  readonly #options: MasterForwarderOptions;

  constructor(options: MasterForwarderOptions) {
    this.#options = options;
  }

  get serverId(): string {
    return this.#options.member.bean().instanceId;
  }

  get masterWaitMs(): number {
    return this.#options.masterWaitMs;
  }

  /** Whether this member is the master right now (then nothing is forwarded). */
  isMaster(): boolean {
    return this.#options.member.role() === 'master';
  }

  /** 'self' when this member is master, else the master's `http://host:port`; undefined when none is known in time. */
  async locate(): Promise<'self' | string | undefined> {
    const deadline = Date.now() + this.#options.masterWaitMs;
    for (;;) {
      if (this.isMaster()) return 'self';
      const master = this.#options.member.bean().instancesInCluster.find((m) => m.haRole === 'master' && m.alive);
      const url = master?.uris.find((uri) => uri.startsWith('http://') || uri.startsWith('https://'));
      if (url !== undefined) return url.replace(/\/+$/, '');
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise((resolve) => setTimeout(resolve, Math.min(locatePollMs, left)));
    }
  }

  /** Sends `method url` with the client's headers and `body`; the master's answer, whatever its status. */
  async send(request: IncomingMessage, method: string, url: string, body: string | undefined): Promise<MasterAnswer> {
    const headers = new Headers();
    for (const name of relayedRequestHeaders) {
      const value = request.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.set(forwardedByHeader, this.serverId);
    try {
      const answer = await fetch(url, {
        method,
        headers,
        body: method === 'DELETE' || body === undefined ? undefined : body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.answerTimeoutMs),
      });
      return {
        status: answer.status,
        contentType: answer.headers.get('content-type') ?? undefined,
        location: answer.headers.get('location') ?? undefined,
        wwwAuthenticate: answer.headers.get('www-authenticate') ?? undefined,
        body: await answer.text(),
      };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new MasterUnreachableError(`${method} ${url} failed: ${cause ?? reason}`, { cause: error });
    }
  }
}

/** Whether `request` was forwarded here by another member (it is then never forwarded again). */
export function wasForwarded(request: IncomingMessage): boolean {
  return request.headers[forwardedByHeader] !== undefined;
}
