/**
 * Every PromQL expression a dashboard runs: its panels' targets, its annotations and its
 * query variables, each with where it comes from. The metric-name test checks them
 * against the metric tables; an integration test can run them against a live Prometheus.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

export interface DashboardExpression {
  /** `panel "<title>"`, `annotation "<name>"` or `variable "<name>"`. */
  readonly source: string;
  readonly expr: string;
  /** A query variable's `label_values(...)` rather than a plain PromQL expression. */
  readonly isVariableQuery: boolean;
}

interface TargetLike {
  readonly expr?: unknown;
}

export function dashboardExpressions(dashboard: Dashboard): DashboardExpression[] {
  const found: DashboardExpression[] = [];
  for (const panel of dashboard.panels ?? []) {
    if (panel.type === 'row' || !('targets' in panel)) continue;
    for (const target of (panel.targets ?? []) as TargetLike[]) {
      if (typeof target.expr === 'string') found.push({ source: `panel "${panel.title ?? ''}"`, expr: target.expr, isVariableQuery: false });
    }
  }
  for (const annotation of dashboard.annotations?.list ?? []) {
    if (typeof annotation.expr === 'string') found.push({ source: `annotation "${annotation.name}"`, expr: annotation.expr, isVariableQuery: false });
  }
  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type === 'query' && typeof variable.query === 'string') {
      found.push({ source: `variable "${variable.name}"`, expr: variable.query, isVariableQuery: true });
    }
  }
  return found;
}
