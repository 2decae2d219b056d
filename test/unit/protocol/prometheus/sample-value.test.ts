import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePrometheusText, sampleValue } from '../../../../protocol/prometheus/prometheus-text.js';

const families = parsePrometheusText(
  [
    '# TYPE req counter',
    'req_total{method="get",code="200"} 5',
    'req_total{method="get",code="500"} 1',
    'req{method="put"} 2',
    '# TYPE lat histogram',
    'lat_bucket{le="0.1"} 3',
    'lat_bucket{le="+Inf"} 4',
    'lat_count 4',
    'up NaN',
    '',
  ].join('\n'),
);

describe('sampleValue', () => {
  const cases: readonly [string, string, Record<string, string> | undefined, number | undefined][] = [
    ['the first sample of a name without labels asked', 'req_total', undefined, 5],
    ['a sample whose labels include the asked pairs', 'req_total', { code: '500' }, 1],
    ['a sample matching every asked pair', 'req_total', { code: '500', method: 'get' }, 1],
    ['nothing when one asked pair differs', 'req_total', { code: '500', method: 'put' }, undefined],
    ['nothing for a label the sample lacks', 'req_total', { zone: 'a' }, undefined],
    ['a bare counter sample by its own name', 'req', { method: 'put' }, 2],
    ['a bucket by le', 'lat_bucket', { le: '+Inf' }, 4],
    ['a _count sample of a histogram', 'lat_count', {}, 4],
    ['nothing for the family name of a histogram', 'lat', undefined, undefined],
    ['nothing for an unknown name', 'nope', undefined, undefined],
    ['nothing for an inherited property name as label', 'req_total', { toString: 'x' }, undefined],
  ];
  for (const [title, name, labels, expected] of cases) {
    it(`finds ${title}`, () => {
      assert.equal(sampleValue(families, name, labels), expected);
    });
  }

  it('returns NaN for a NaN sample, not undefined', () => {
    assert.ok(Number.isNaN(sampleValue(families, 'up')));
  });
});
