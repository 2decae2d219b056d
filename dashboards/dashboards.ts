/**
 * Every generated dashboard, by the file name it is written to under dashboards/grafana/.
 * generate-dashboards.ts writes them and a unit test compares them with the committed
 * files, so the JSON cannot drift from its builders.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { clusterDashboard } from './cluster-dashboard.js';
import { instanceDashboard } from './instance-dashboard.js';
import { proxyDashboard } from './proxy-dashboard.js';

export function dashboards(): Record<string, Dashboard> {
  return {
    'graphlb-cluster.json': clusterDashboard(),
    'graphlb-instance.json': instanceDashboard(),
    'graphlb-proxy.json': proxyDashboard(),
  };
}

/** The file's text: two-space JSON with a final newline, stable for diffs. */
export function dashboardJson(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
