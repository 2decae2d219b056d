import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ShardKeyRequest } from '../../../../proxy/routing/shard-key.js';
import { shardKeyExtractor } from '../../../../proxy/routing/shard-key.js';

// design.md section 5's example order.
const extract = shardKeyExtractor([{ header: 'X-Shard-Key' }, { urlParam: 'shard' }, { parameter: 'country' }]);

function request(overrides: Partial<ShardKeyRequest>): ShardKeyRequest {
  return { headers: {}, url: '/db/data/transaction/commit', ...overrides };
}

describe('shardKeyExtractor', () => {
  it('takes the first source present, in the configured order', () => {
    const all = request({ headers: { 'x-shard-key': 'from-header' }, url: '/db/data/transaction/commit?shard=from-url', parameters: { country: 'from-param' } });
    assert.equal(extract(all), 'from-header');
    assert.equal(extract({ ...all, headers: {} }), 'from-url');
    assert.equal(extract({ ...all, headers: {}, url: '/db/data/transaction/commit' }), 'from-param');
    assert.equal(extract(request({})), undefined);
    // The same sources in another order give another winner.
    const reversed = shardKeyExtractor([{ parameter: 'country' }, { urlParam: 'shard' }, { header: 'x-shard-key' }]);
    assert.equal(reversed(all), 'from-param');
  });

  it('treats an empty value as absent and falls through to the next source', () => {
    assert.equal(extract(request({ headers: { 'x-shard-key': '' }, url: '/tx?shard=', parameters: { country: 'de' } })), 'de');
    assert.equal(extract(request({ headers: { 'x-shard-key': '' }, url: '/tx?shard=&other=1', parameters: { country: '' } })), undefined);
  });

  it('matches header names in any case and takes the first of a repeated header', () => {
    const lowerCased = shardKeyExtractor([{ header: 'X-SHARD-KEY' }]);
    assert.equal(lowerCased(request({ headers: { 'x-shard-key': 'a' } })), 'a');
    assert.equal(extract(request({ headers: { 'x-shard-key': ['first', 'second'] } })), 'first');
    assert.equal(extract(request({ headers: { 'x-shard-key': [] } })), undefined);
    assert.equal(extract(request({ headers: { 'x-shard-key': undefined, 'x-other': 'z' } })), undefined);
  });

  it('reads URL parameters with their encoding undone, and only from the query string', () => {
    assert.equal(extract(request({ url: '/db/data/cypher?a=1&shard=S%C3%BCd%20Tirol' })), 'Süd Tirol');
    assert.equal(extract(request({ url: '/x?shard=a+b' })), 'a b');
    assert.equal(extract(request({ url: '/x?shard=one&shard=two' })), 'one');
    assert.equal(extract(request({ url: '/shard=path-not-query' })), undefined);
    assert.equal(extract(request({ url: '/x?shards=no' })), undefined);
  });

  it('counts only string and integer Cypher parameters, stringified', () => {
    const byParameter = shardKeyExtractor([{ parameter: 'country' }]);
    const cases: [unknown, string | undefined][] = [
      ['de', 'de'],
      [42, '42'],
      [-7, '-7'],
      [0, '0'],
      [12345678901234567890n, '12345678901234567890'],
      [1.5, undefined],
      [Number.NaN, undefined],
      [true, undefined],
      [null, undefined],
      [['de'], undefined],
      [{ code: 'de' }, undefined],
    ];
    for (const [value, expected] of cases) assert.equal(byParameter(request({ parameters: { country: value } })), expected, String(value));
    assert.equal(byParameter(request({ parameters: {} })), undefined);
    assert.equal(byParameter(request({})), undefined);
    // Only the parameter's own property counts, not one inherited through the prototype.
    assert.equal(byParameter(request({ parameters: Object.create({ country: 'inherited' }) as Record<string, unknown> })), undefined);
  });

  it('finds nothing without sources', () => {
    assert.equal(shardKeyExtractor([])(request({ headers: { 'x-shard-key': 'a' } })), undefined);
  });
});
