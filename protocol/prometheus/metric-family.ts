/** What a parsed Prometheus text body is made of (text format 0.0.4). */

export interface Sample {
  /** The sample's own name: `x_bucket`, `x_sum`, `x_total`, never the family's name unless they are equal. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** Milliseconds since the epoch, when the line carries a timestamp. */
  readonly timestampMs: number | undefined;
}

export type MetricFamilyType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface MetricFamily {
  /** The name of the TYPE or HELP line, or of the samples when neither names the family. */
  readonly name: string;
  readonly type: MetricFamilyType;
  readonly help: string | undefined;
  readonly samples: readonly Sample[];
}
