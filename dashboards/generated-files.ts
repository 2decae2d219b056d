/**
 * Every file `npm run dashboards` writes, by its path relative to dashboards/, with its
 * text. The generator writes them; a unit test fails when a committed one differs.
 */
import { composeAlertmanagerOptions, renderAlertmanagerConfig } from './alertmanager-config.js';
import { composeEngineConf, composeMemberCount, composeMonitorYaml, composeProxyYaml } from './compose-files.js';
import { dashboardJson, dashboards } from './dashboards.js';
import { composePrometheusTargets, localPrometheusTargets, renderPrometheusConfig } from './prometheus-config.js';

export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, dashboard] of Object.entries(dashboards())) files.set(`grafana/${name}`, dashboardJson(dashboard));
  files.set('prometheus/prometheus.yml', renderPrometheusConfig(composePrometheusTargets()));
  files.set('prometheus/prometheus-local.yml', renderPrometheusConfig(localPrometheusTargets()));
  files.set('alertmanager/alertmanager.yml', renderAlertmanagerConfig(composeAlertmanagerOptions));
  for (let i = 1; i <= composeMemberCount; i++) files.set(`compose/instance${i}.conf`, composeEngineConf(i));
  files.set('compose/proxy.yaml', composeProxyYaml());
  files.set('compose/monitor.yaml', composeMonitorYaml());
  return files;
}
