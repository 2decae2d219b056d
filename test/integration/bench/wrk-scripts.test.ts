/**
 * The proxy bench's wrk scripts under real wrk against a recording node:http server: the
 * fixed POST carries its body and extra headers; the keyed reads send well-formed bodies
 * whose key belongs to their country, spread countries as the distribution says (the hot
 * 1% share wrk reports matches the one worked out in bench/proxy/zipf.ts, and the server's
 * own count agrees), and the report line counts every request.
 * Needs Debian's wrk on the PATH (skipped, saying so, without it).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runWrk } from '../../../bench/proxy/wrk.js';
import { hotRanks, uniformTopShare, zipfTopShare } from '../../../bench/proxy/zipf.js';
import { makeTempDir } from '../../support/temp-dir.js';

function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk -v prints its usage and exits 1: it is there.
    return (error as { status?: number }).status === 1;
  }
}

interface Seen {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

const skip = hasWrk() ? false : 'wrk is not installed (apt-get install wrk)';

describe('bench/proxy wrk scripts', { skip }, () => {
  const seen: Seen[] = [];
  const temp = makeTempDir('wrk-scripts');
  let server: http.Server;
  let url = '';

  before(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"results":[],"errors":[]}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/db/data/transaction/commit`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    temp.remove();
  });

  const run = (script: 'fixed-post' | 'keyed-read', env: Record<string, string>) =>
    runWrk({ url, script, env, seconds: 1, connections: 4, threads: 2, scratchDir: temp.dir });

  it('fixed-post sends its body and extra headers on every request', async () => {
    seen.length = 0;
    const body = '{"statements":[{"statement":"RETURN 1","parameters":{}}]}';
    const result = await run('fixed-post', { WRK_BODY: body, WRK_HEADERS: 'X-Write: 1|access-mode: WRITE' });
    assert.ok(result.requests > 100, `only ${result.requests} requests in 1 s`);
    assert.equal(result.errors.status, 0);
    // wrk stops mid-request when time is up, so the server may have seen a few more.
    assert.ok(seen.length >= result.requests && seen.length <= result.requests + 4, `wrk counted ${result.requests}, the server saw ${seen.length}`);
    for (const request of seen) {
      assert.equal(request.body, body);
      assert.equal(request.headers['x-write'], '1');
      assert.equal(request.headers['access-mode'], 'WRITE');
      assert.equal(request.headers['content-type'], 'application/json');
    }
    assert.equal(result.topShare, undefined);
  });

  for (const distribution of ['uniform', 'zipf'] as const) {
    it(`keyed-read draws ${distribution} countries with keys of their own country`, async () => {
      seen.length = 0;
      const groups = 400;
      const size = 50;
      const result = await run('keyed-read', {
        WRK_GROUPS: String(groups),
        WRK_GROUP_SIZE: String(size),
        WRK_DISTRIBUTION: distribution,
        WRK_ZIPF_S: '1.1',
        WRK_STATEMENT: 'MATCH (n:Item {key: $key}) WHERE n.country = $country RETURN n',
      });
      assert.ok(result.requests > 1000, `only ${result.requests} requests in 1 s`);
      const countries = new Map<number, number>();
      for (const request of seen) {
        const parsed = JSON.parse(request.body) as { statements: { statement: string; parameters: { country: number; key: number } }[] };
        const { country, key } = parsed.statements[0]!.parameters;
        assert.equal(parsed.statements[0]!.statement, 'MATCH (n:Item {key: $key}) WHERE n.country = $country RETURN n');
        assert.ok(Number.isInteger(country) && country >= 0 && country < groups, `country ${country}`);
        assert.equal(Math.floor(key / size), country, `key ${key} is not in country ${country}`);
        countries.set(country, (countries.get(country) ?? 0) + 1);
      }
      const expected = distribution === 'zipf' ? zipfTopShare(groups, 1.1) : uniformTopShare(groups);
      assert.ok(result.topShare !== undefined && Math.abs(result.topShare - expected) < 0.03, `hot share ${result.topShare}, expected ${expected.toFixed(3)}`);
      // The server's view: the hottest countries it saw carry about the same share.
      const busiest = [...countries.values()].sort((a, b) => b - a).slice(0, hotRanks(groups));
      const serverShare = busiest.reduce((a, b) => a + b, 0) / seen.length;
      if (distribution === 'zipf') assert.ok(Math.abs(serverShare - expected) < 0.03, `server saw hot share ${serverShare}, expected ${expected.toFixed(3)}`);
      else assert.ok(countries.size > groups * 0.95, `only ${countries.size} of ${groups} countries drawn`);
    });
  }
});
