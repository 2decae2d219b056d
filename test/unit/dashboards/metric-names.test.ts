/**
 * Every metric name a dashboard panel, annotation, variable or alert rule reads exists in
 * one of the metric tables (engine, proxy, monitor), among prom-client's default process
 * metrics, or is Prometheus's own `up`. A histogram's _bucket/_sum/_count series count as
 * their histogram's name.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse } from 'yaml';
import { dashboardExpressions } from '../../../dashboards/dashboard-expressions.js';
import { dashboards } from '../../../dashboards/dashboards.js';
import { promqlMetricNames } from '../../../dashboards/promql-metric-names.js';
import { engineMetricDefinitions } from '../../../engine/server/metric-definitions.js';
import { monitorMetricDefinitions } from '../../../monitor/metrics/monitor-metric-definitions.js';
import { proxyMetricDefinitions } from '../../../proxy/admin/proxy-metric-definitions.js';
import type { MetricType } from '../../../protocol/prometheus/metric-definition.js';

const rulesFile = new URL('../../../dashboards/prometheus/rules.yml', import.meta.url);

async function knownMetrics(): Promise<Map<string, MetricType>> {
  const known = new Map<string, MetricType>();
  for (const table of [engineMetricDefinitions, proxyMetricDefinitions, monitorMetricDefinitions]) {
    for (const [name, definition] of Object.entries(table)) known.set(name, definition.type);
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const metric of await registry.getMetricsAsJSON()) known.set(metric.name, String(metric.type) === 'histogram' ? 'histogram' : 'gauge');
  // Prometheus's own series for every scrape target: 1 when the last scrape succeeded.
  known.set('up', 'gauge');
  return known;
}

/** The name, or why it does not exist. */
function unknownName(name: string, known: ReadonlyMap<string, MetricType>): string | undefined {
  if (known.has(name)) {
    return known.get(name) === 'histogram' ? `${name} is a histogram: query ${name}_bucket, _sum or _count` : undefined;
  }
  const histogram = /^(.+)_(?:bucket|sum|count)$/.exec(name)?.[1];
  if (histogram !== undefined && known.get(histogram) === 'histogram') return undefined;
  return `${name} is in no metric table`;
}

interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}

function ruleExpressions(): { source: string; expr: string }[] {
  const rules = parse(fs.readFileSync(rulesFile, 'utf8')) as RuleFile;
  return rules.groups.flatMap((group) => group.rules.map((rule) => ({ source: `rule ${rule.alert ?? rule.record}`, expr: rule.expr })));
}

function namesIn(expr: string, isVariableQuery: boolean): string[] {
  if (!isVariableQuery) return promqlMetricNames(expr);
  const metric = /^label_values\(\s*([^,)]+)/.exec(expr)?.[1];
  assert.ok(metric !== undefined, `variable query ${expr} is not label_values(metric, label)`);
  return promqlMetricNames(metric);
}

describe('metric names in dashboards and alert rules', () => {
  it('every dashboard expression reads only metrics graphlb exports', async () => {
    const known = await knownMetrics();
    const problems: string[] = [];
    let checked = 0;
    for (const [file, dashboard] of Object.entries(dashboards())) {
      for (const { source, expr, isVariableQuery } of dashboardExpressions(dashboard)) {
        const names = namesIn(expr, isVariableQuery);
        assert.ok(names.length > 0, `${file} ${source}: no metric name found in ${expr}`);
        for (const name of names) {
          const problem = unknownName(name, known);
          if (problem !== undefined) problems.push(`${file} ${source}: ${problem}`);
        }
        checked++;
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(checked >= 25, `only ${checked} expressions found`);
  });

  it('every alert rule reads only metrics graphlb exports', async () => {
    const known = await knownMetrics();
    const problems: string[] = [];
    const rules = ruleExpressions();
    for (const { source, expr } of rules) {
      const names = promqlMetricNames(expr);
      assert.ok(names.length > 0, `${source}: no metric name found in ${expr}`);
      for (const name of names) {
        const problem = unknownName(name, known);
        if (problem !== undefined) problems.push(`${source}: ${problem}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(rules.length, 7);
  });

  it('catches a name that does not exist and a histogram queried by its bare name', async () => {
    const known = await knownMetrics();
    assert.equal(unknownName('neo4j_transaction_comitted_total', known), 'neo4j_transaction_comitted_total is in no metric table');
    assert.match(unknownName('graphlb_proxy_request_duration_seconds', known) ?? '', /is a histogram/);
    assert.equal(unknownName('graphlb_proxy_request_duration_seconds_bucket', known), undefined);
    assert.equal(unknownName('neo4j_transaction_active_bucket', known), 'neo4j_transaction_active_bucket is in no metric table');
  });

  it('the cluster dashboard reads the engine only through the names it shares with Neo4j 3.x HA', () => {
    const cluster = dashboards()['graphlb-cluster.json'];
    assert.ok(cluster !== undefined);
    const engineNames = new Set(Object.keys(engineMetricDefinitions));
    for (const { source, expr } of dashboardExpressions(cluster)) {
      for (const name of promqlMetricNames(expr)) {
        if (engineNames.has(name)) assert.match(name, /^neo4j_/, `${source} reads the graphlb-only engine metric ${name}`);
      }
    }
  });
});
