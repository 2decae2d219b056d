/**
 * Value-to-text mappings for the state panels: a role encoded as a number (so the same
 * expression works on Neo4j 3.x HA's 0/1 gauges) shown as its name and colour.
 */
import { MappingType, type ValueMapping } from '@grafana/grafana-foundation-sdk/dashboard';

function valueMap(entries: Record<string, { text: string; color: string }>): ValueMapping {
  const options: Record<string, { text: string; color: string; index: number }> = {};
  Object.entries(entries).forEach(([value, result], index) => {
    options[value] = { ...result, index };
  });
  return { type: MappingType.ValueToText, options };
}

/** 2 master, 1 slave, 0 neither (unavailable or unknown). */
export const roleMappings: ValueMapping[] = [
  valueMap({
    '2': { text: 'master', color: 'blue' },
    '1': { text: 'slave', color: 'green' },
    '0': { text: 'unavailable', color: 'red' },
  }),
];

export const upMappings: ValueMapping[] = [
  valueMap({
    '1': { text: 'up', color: 'green' },
    '0': { text: 'down', color: 'red' },
  }),
];
