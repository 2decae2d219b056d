import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { openQueryFixture } from './query-fixture.js';

function capturingLogger(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

describe('the query log', () => {
  it('logs statements at or over the threshold with parameter names only', async () => {
    const { logger, lines } = capturingLogger();
    const fixture = await openQueryFixture({ logger, queryLog: { enabled: true, thresholdMs: 0 } });
    try {
      await fixture.run('UNWIND range(1, $n) AS x RETURN x', { n: 3n, secret: 'hunter2' });
      await assert.rejects(fixture.run('RETURN 1 / 0'));
      const queries = lines.filter((line) => line['event'] === 'query');
      assert.equal(queries.length, 2);
      assert.equal(queries[0]!['statement'], 'UNWIND range(1, $n) AS x RETURN x');
      assert.deepEqual(queries[0]!['parameters'], ['n', 'secret']);
      assert.equal(queries[0]!['rows'], 3);
      assert.equal(typeof queries[0]!['durationMs'], 'number');
      assert.ok(!JSON.stringify(queries).includes('hunter2'));
      assert.equal(queries[1]!['error'], 'Neo.ClientError.Statement.ArithmeticError');
    } finally {
      await fixture.close();
    }
  });

  it('logs nothing under the threshold or when disabled', async () => {
    for (const queryLog of [{ enabled: true, thresholdMs: 60_000 }, { enabled: false, thresholdMs: 0 }]) {
      const { logger, lines } = capturingLogger();
      const fixture = await openQueryFixture({ logger, queryLog });
      try {
        await fixture.run('RETURN 1');
        assert.equal(lines.filter((line) => line['event'] === 'query').length, 0);
      } finally {
        await fixture.close();
      }
    }
  });
});
