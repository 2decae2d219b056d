/** The report line of bench/proxy/lua/report.lua, read back: a whole one, a missing one, a broken one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorCount, parseWrkResult, requestsPerSecond } from '../../../../bench/proxy/wrk-result.js';

const wrkOutput = (line: string): string =>
  [
    'Running 10s test @ http://127.0.0.1:8080/db/data/transaction/commit',
    '  2 threads and 32 connections',
    '  Thread Stats   Avg      Stdev     Max   +/- Stdev',
    '    Latency   635.91us    0.89ms  12.92ms   93.69%',
    line,
    '  564358 requests in 10.01s, 89.27MB read',
    'Requests/sec:  56387.57',
    '',
  ].join('\n');

const complete =
  'WRK_RESULT {"requests":564358,"durationUs":10010000,"bytes":93600000,"connect":0,"read":1,"write":2,"timeout":3,"status":4,"p50Us":470,"p99Us":4230,"maxUs":12920}';

describe('parseWrkResult', () => {
  it('reads every field of the report line among wrk\'s own output', () => {
    const result = parseWrkResult(wrkOutput(complete));
    assert.deepEqual(result, {
      requests: 564358,
      durationUs: 10010000,
      bytes: 93600000,
      errors: { connect: 0, read: 1, write: 2, timeout: 3, status: 4 },
      p50Us: 470,
      p99Us: 4230,
      maxUs: 12920,
      topShare: undefined,
    });
    assert.equal(Math.round(requestsPerSecond(result)), 56379);
    assert.equal(errorCount(result), 10);
  });

  it('reads the hot-key share of keyed scripts', () => {
    const result = parseWrkResult(wrkOutput(complete.replace('}', ',"topShare":0.412345}')));
    assert.equal(result.topShare, 0.412345);
  });

  it('says what is missing when the script had no report', () => {
    assert.throws(() => parseWrkResult(wrkOutput('')), /printed no "WRK_RESULT" line; expected its script to end with lua\/report\.lua/);
  });

  it('names a missing or negative field', () => {
    assert.throws(() => parseWrkResult(wrkOutput(complete.replace('"p99Us":4230,', ''))), /no valid "p99Us" \(got undefined\)/);
    assert.throws(() => parseWrkResult(wrkOutput(complete.replace('"status":4', '"status":-1'))), /no valid "status" \(got -1\)/);
  });

  it('quotes a report line that is not JSON', () => {
    assert.throws(() => parseWrkResult(wrkOutput('WRK_RESULT {"requests":')), /not JSON .*WRK_RESULT \{"requests":/);
  });

  it('gives 0 requests/s for a run of no duration rather than dividing by zero', () => {
    assert.equal(requestsPerSecond(parseWrkResult(wrkOutput(complete.replace('"durationUs":10010000', '"durationUs":0')))), 0);
  });
});
