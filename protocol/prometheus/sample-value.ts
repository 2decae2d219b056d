import type { MetricFamily } from './metric-family.js';

/**
 * The value of the first sample called `name` (a sample's own name, so `x_bucket` or
 * `x_total`) whose labels include every pair of `labels`; other labels of the sample
 * are ignored. Undefined when no sample matches.
 */
export function sampleValue(
  families: readonly MetricFamily[],
  name: string,
  labels?: Readonly<Record<string, string>>,
): number | undefined {
  const wanted = labels === undefined ? [] : Object.entries(labels);
  for (const family of families) {
    // A sample's name starts with its family's name, so most families are skipped unread.
    if (!name.startsWith(family.name)) continue;
    for (const sample of family.samples) {
      if (sample.name !== name) continue;
      if (wanted.every(([key, value]) => Object.hasOwn(sample.labels, key) && sample.labels[key] === value)) return sample.value;
    }
  }
  return undefined;
}
