/**
 * Open transactions through the proxy. A member names a transaction by a number that
 * only means something on that member, so the proxy hands the client a token instead,
 * in the id segment of the Location and commit URLs:
 *
 *   member:  http://proxy:7474/db/data/transaction/17/commit
 *   client:  http://proxy:7474/db/data/transaction/tdjFx...A/commit
 *   token:   "t" + base64url("<proxy run nonce>.<member tx id>.<member name>")
 *
 * Later requests with the token go to that member with the number put back. The nonce
 * is drawn when the proxy starts: a token from an earlier run is told apart (and
 * refused) rather than sent to whatever the member's numbers mean by now.
 */
import { randomBytes } from 'node:crypto';

export interface TransactionTarget {
  readonly member: string;
  readonly txId: number;
}

/** A request path that names a transaction by a token (or by anything that is not one). */
export interface TokenPath {
  /** `/db/data/transaction/` or `/db/{name}/tx/`. */
  readonly prefix: string;
  /** The id segment as the client sent it. */
  readonly segment: string;
  /** `/commit`, `/commit/`, `/` or ''. */
  readonly suffix: string;
  readonly commit: boolean;
}

const tokenPathPattern = /^(\/db\/data\/transaction\/|\/db\/[^/]+\/tx\/)([^/]+)(\/commit\/?|\/?)$/;
const memberUrlPattern = /(\/db\/data\/transaction\/|\/db\/[^/]+\/tx\/)(\d{1,15})(\/commit)?$/;
const payloadPattern = /^([A-Za-z0-9_-]+)\.(\d{1,15})\.(.+)$/s;

export class TransactionTokens {
  /** Different for every proxy run. */
  readonly nonce: string;

  constructor(nonce: string = randomBytes(6).toString('base64url')) {
    this.nonce = nonce;
  }

  encode(member: string, txId: number): string {
    return `t${Buffer.from(`${this.nonce}.${txId}.${member}`).toString('base64url')}`;
  }

  /**
   * The member and transaction a token names; a string saying why not when it names none
   * (not a token, or a token from an earlier run of the proxy).
   */
  decode(segment: string): TransactionTarget | string {
    if (!segment.startsWith('t') || !/^t[A-Za-z0-9_-]+$/.test(segment)) {
      return `'${segment.slice(0, 40)}' is not a transaction id this proxy handed out`;
    }
    const match = payloadPattern.exec(Buffer.from(segment.slice(1), 'base64url').toString());
    if (match === null) return `'${segment.slice(0, 40)}' is not a transaction id this proxy handed out`;
    if (match[1] !== this.nonce) return 'the transaction was begun through an earlier run of the proxy, which has restarted since';
    return { member: match[3]!, txId: Number(match[2]) };
  }

  /**
   * A member's transaction URL (Location, or the commit URL) with its id replaced by a
   * token for `member`; undefined when the URL names no transaction.
   */
  rewriteUrl(url: string, member: string): { url: string; txId: number } | undefined {
    const match = memberUrlPattern.exec(url);
    if (match === null) return undefined;
    const txId = Number(match[2]);
    return { url: `${url.slice(0, match.index)}${match[1]}${this.encode(member, txId)}${match[3] ?? ''}`, txId };
  }
}

/** The parts of a path that addresses a transaction by some id segment other than a number. */
export function parseTokenPath(path: string): TokenPath | undefined {
  const match = tokenPathPattern.exec(path);
  if (match === null || match[2] === 'commit' || /^\d+$/.test(match[2]!)) return undefined;
  const suffix = match[3]!;
  return { prefix: match[1]!, segment: match[2]!, suffix, commit: suffix.startsWith('/commit') };
}
