/**
 * Rewrites the `"commit":"<url>"` field of a transaction answer while it streams through,
 * so that the URL names the proxy's token (transaction-token.ts) instead of the member's
 * transaction number. v3 writes the field at the head of the body and v4 after the results
 * (protocol/http/transaction-response.ts), so the whole body is scanned, with
 * Buffer.indexOf, and only the bytes of the field itself are ever held back.
 *
 * States, per chunk:
 *   scanning  -> looking for `"commit":"`; the last few bytes that could start it are kept
 *   inUrl     -> the key was seen; the URL's bytes are kept until its closing quote, then
 *                the rewritten URL is emitted and scanning resumes
 * A `"commit":"` inside a JSON string cannot occur (its quotes would be escaped), so only
 * a key matches; a URL that names no transaction, or runs past maxUrlBytes, passes as is.
 */
import type { TransactionTokens } from './transaction-token.js';

const key = Buffer.from('"commit":"');
const quote = 0x22;
const backslash = 0x5c;
const maxUrlBytes = 4096;

type State = 'scanning' | 'inUrl';

export class CommitUrlRewriter {
  #state: State = 'scanning';
  /** Bytes held back: a possible partial key (scanning) or the URL so far (inUrl). */
  #held: Buffer = Buffer.alloc(0);
  readonly #tokens: TransactionTokens;
  readonly #member: string;
  /** The member's transaction id in the last commit URL rewritten. */
  txId: number | undefined;

  constructor(tokens: TransactionTokens, member: string) {
    this.#tokens = tokens;
    this.#member = member;
  }

  /** The bytes of `chunk` (and of earlier ones held back) that can go to the client now. */
  push(chunk: Buffer): Buffer {
    let input = this.#held.length === 0 ? chunk : Buffer.concat([this.#held, chunk]);
    this.#held = Buffer.alloc(0);
    const out: Buffer[] = [];
    for (;;) {
      if (this.#state === 'scanning') {
        const at = input.indexOf(key);
        if (at < 0) {
          // Hold the tail that could be the start of the key; send the rest.
          const keep = Math.min(key.length - 1, input.length);
          out.push(input.subarray(0, input.length - keep));
          this.#held = Buffer.from(input.subarray(input.length - keep));
          break;
        }
        out.push(input.subarray(0, at + key.length));
        input = input.subarray(at + key.length);
        this.#state = 'inUrl';
      }
      const end = closingQuote(input);
      if (end < 0) {
        if (input.length > maxUrlBytes) {
          out.push(input);
          this.#state = 'scanning';
        } else this.#held = Buffer.from(input);
        break;
      }
      out.push(this.#rewrite(input.subarray(0, end)));
      input = input.subarray(end);
      this.#state = 'scanning';
    }
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  /** What is still held back, at the end of the body. */
  end(): Buffer {
    const rest = this.#held;
    this.#held = Buffer.alloc(0);
    return rest;
  }

  #rewrite(url: Buffer): Buffer {
    const text = url.toString();
    const rewritten = text.includes('\\') ? undefined : this.#tokens.rewriteUrl(text, this.#member);
    if (rewritten === undefined) return url;
    this.txId = rewritten.txId;
    return Buffer.from(rewritten.url);
  }
}

/** The index of the first unescaped `"` in `bytes`, or -1. */
function closingQuote(bytes: Buffer): number {
  let from = 0;
  for (;;) {
    const at = bytes.indexOf(quote, from);
    if (at < 0) return -1;
    let slashes = 0;
    for (let i = at - 1; i >= 0 && bytes[i] === backslash; i--) slashes++;
    if (slashes % 2 === 0) return at;
    from = at + 1;
  }
}
