/**
 * A refused proxy configuration: one line, `file:line:col: path: problem; expected what`,
 * so an editor can jump to it and the operator knows what to write instead.
 */
export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';

  constructor(
    readonly file: string,
    /** 1-based. */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    /** `cluster.members[0].http`; empty for a YAML syntax error or an empty file. */
    readonly path: string,
    /** `problem; expected what` (never contains a secret's value). */
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${path === '' ? '' : `${path}: `}${problem}`);
  }
}
