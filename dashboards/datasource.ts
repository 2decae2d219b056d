/**
 * The one Prometheus datasource every panel, variable and annotation queries. Its uid is
 * fixed (and provisioned under the same uid in provisioning/datasources/) so the
 * generated dashboards bind to it without an import step.
 */
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

export const prometheusDatasourceUid = 'graphlb-prometheus';

export const prometheusDatasource: DataSourceRef = { type: 'prometheus', uid: prometheusDatasourceUid };
