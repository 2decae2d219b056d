/**
 * A Prometheus target for a panel: the PromQL is written once, at the panel that shows
 * it, and always against the provisioned datasource.
 */
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { prometheusDatasource } from './datasource.js';

export function query(expr: string, legendFormat: string, refId = 'A'): DataqueryBuilder {
  return new DataqueryBuilder().datasource(prometheusDatasource).expr(expr).legendFormat(legendFormat).refId(refId);
}
