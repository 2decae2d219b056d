import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promqlMetricNames } from '../../../dashboards/promql-metric-names.js';

describe('promqlMetricNames', () => {
  it('finds a bare selector and one with matchers', () => {
    assert.deepEqual(promqlMetricNames('up'), ['up']);
    assert.deepEqual(promqlMetricNames('neo4j_transaction_active{instance=~"$instance"}'), ['neo4j_transaction_active']);
  });

  it('skips functions, aggregations, grouping labels, ranges, numbers and Grafana variables', () => {
    assert.deepEqual(
      promqlMetricNames('histogram_quantile(0.99, sum by (le, class) (rate(graphlb_proxy_request_duration_seconds_bucket[$__rate_interval])))'),
      ['graphlb_proxy_request_duration_seconds_bucket'],
    );
    assert.deepEqual(promqlMetricNames('sum(rate(a_total[5m] offset 1h)) / ignoring(member) group_left sum(b_total) > 1e3'), ['a_total', 'b_total']);
  });

  it('finds both sides of set operators and comparisons', () => {
    assert.deepEqual(
      promqlMetricNames('scalar(max(x and on(instance) (y == 1))) - (x and on(instance) (y == 0)) or absent(z)'),
      ['x', 'y', 'z'],
    );
  });

  it('does not read label values or quoted text as names', () => {
    assert.deepEqual(promqlMetricNames('m{outcome!="no_member", class=\'read\'}'), ['m']);
  });
});
