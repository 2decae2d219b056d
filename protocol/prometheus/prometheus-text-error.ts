/**
 * Thrown by {@link parsePrometheusText} for a body that is not the Prometheus text format
 * 0.0.4. One bad line makes the whole scrape unusable (its families could be cut short),
 * so the parser stops at the first one; the message names that line, what was wrong and
 * what the format expects there. Callers match on `code`.
 */
export class PrometheusTextError extends Error {
  override readonly name = 'PrometheusTextError';
  readonly code = 'GRAPHLB_PROMETHEUS_TEXT';
  /** 1-based number of the offending line. */
  readonly line: number;

  constructor(line: number, problem: string, expected: string) {
    super(`line ${line}: ${problem}; expected ${expected}`);
    this.line = line;
  }
}
