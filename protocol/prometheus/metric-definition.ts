/**
 * The shape of one row of a metric table (engine, proxy and monitor each keep one): the
 * registry is built from it, and dashboards/ checks every query against the tables.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDefinition {
  readonly type: MetricType;
  readonly help: string;
  readonly labelNames?: readonly string[];
  /** Upper bounds of a histogram's buckets, in the metric's unit. */
  readonly buckets?: readonly number[];
}
