/**
 * The three panel kinds the dashboards use, with graphlb's defaults (legend shown, one
 * unit, the provisioned datasource), so each dashboard file is its list of panels and
 * their PromQL and nothing else.
 */
import { BigValueColorMode, BigValueGraphMode, LegendDisplayMode, LegendPlacement, VizLegendOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import { ThresholdsConfigBuilder, ThresholdsMode, type ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';
import type { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as StateTimelinePanelBuilder } from '@grafana/grafana-foundation-sdk/statetimeline';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { prometheusDatasource } from './datasource.js';

function legend(): VizLegendOptionsBuilder {
  return new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom).calcs([]);
}

export function timeseries(title: string, description: string, unit: string, targets: readonly DataqueryBuilder[]): TimeseriesPanelBuilder {
  const panel = new TimeseriesPanelBuilder().title(title).description(description).unit(unit).datasource(prometheusDatasource).legend(legend());
  for (const target of targets) panel.withTarget(target);
  return panel;
}

export function stateTimeline(
  title: string,
  description: string,
  mappings: ValueMapping[],
  targets: readonly DataqueryBuilder[],
): StateTimelinePanelBuilder {
  const panel = new StateTimelinePanelBuilder()
    .title(title)
    .description(description)
    .datasource(prometheusDatasource)
    .mappings(mappings)
    .legend(legend());
  for (const target of targets) panel.withTarget(target);
  return panel;
}

/** A single number, red unless it equals `healthy`. */
export function healthStat(title: string, description: string, target: DataqueryBuilder, healthy: number): StatPanelBuilder {
  const thresholds = new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
    { value: null, color: 'red' },
    { value: healthy, color: 'green' },
    { value: healthy + 1, color: 'red' },
  ]);
  return new StatPanelBuilder()
    .title(title)
    .description(description)
    .datasource(prometheusDatasource)
    .thresholds(thresholds)
    .colorMode(BigValueColorMode.Background)
    .graphMode(BigValueGraphMode.None)
    .withTarget(target);
}
