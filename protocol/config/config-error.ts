/**
 * A refused configuration file: one line, `file:line:col: path: problem; expected what`,
 * so an editor can jump to it and the operator knows what to write instead. The proxy
 * and the monitor subclass it so their callers can tell whose file was refused.
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';

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

/** The class a format's errors are thrown as (ProxyConfigError, MonitorConfigError). */
export type ConfigErrorClass = new (file: string, line: number, column: number, path: string, problem: string) => ConfigError;
