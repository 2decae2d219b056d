/**
 * Thrown by a probe's `read()` when a member's answers are none of the answers its
 * flavor gives: a failed check, never a role. Pollers match on `code`; the message names
 * the path, what was expected and what came, so an operator can see a wrong
 * `cluster.flavor`, missing credentials or a proxy in the way.
 */
export class ProbeFormatError extends Error {
  override readonly name = 'ProbeFormatError';
  readonly code = 'GRAPHLB_PROBE_FORMAT';
  readonly path: string;

  constructor(path: string, expected: string, status: number, body: string) {
    super(`GET ${path}: expected ${expected}, got ${status} ${quote(body)}${hint(status)}`);
    this.path = path;
  }
}

const shownBodyChars = 80;

function quote(body: string): string {
  const text = body.trim();
  if (text.length === 0) return 'with an empty body';
  return JSON.stringify(text.length > shownBodyChars ? `${text.slice(0, shownBodyChars)}...` : text);
}

function hint(status: number): string {
  if (status === 401) return '; the member wants credentials: set cluster.auth (user and password)';
  if (status === 403) return '; the member refuses the request: check cluster.auth, or whether the member runs in a cluster at all';
  return '';
}
