import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseByteSize } from '../../../../protocol/config/byte-size.js';
import { closestKey } from '../../../../protocol/config/closest-key.js';
import { parseDuration } from '../../../../protocol/config/duration.js';
import { parseHttpOrigin, parseSocketAddress } from '../../../../protocol/config/socket-address.js';
import { Random } from '../../../support/random.js';

describe('config value formats', () => {
  it('durations', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('1s'), 1000);
    assert.equal(parseDuration('15s'), 15_000);
    assert.equal(parseDuration('2m'), 120_000);
    for (const bad of ['15', '1 s', '1.5s', 's', '-1s', '1sec', '']) assert.equal(parseDuration(bad), undefined, bad);
  });

  it('sizes', () => {
    assert.equal(parseByteSize('0'), 0);
    assert.equal(parseByteSize('512'), 512);
    assert.equal(parseByteSize('64k'), 65_536);
    assert.equal(parseByteSize('16m'), 16_777_216);
    assert.equal(parseByteSize('2g'), 2_147_483_648);
    for (const bad of ['16 m', '16mb', '16M', '1.5m', '-1', 'k', '']) assert.equal(parseByteSize(bad), undefined, bad);
  });

  it('durations round-trip for random values (seeded)', () => {
    const random = new Random(20261121);
    for (let i = 0; i < 200; i++) {
      const n = random.int(100_000);
      const [unit, size] = random.pick([['ms', 1], ['s', 1000], ['m', 60_000], ['h', 3_600_000]] as const);
      assert.equal(parseDuration(`${n}${unit}`), n * size, `seed ${random.seed}: ${n}${unit}`);
    }
  });

  it('addresses and origins', () => {
    assert.deepEqual(parseSocketAddress('127.0.0.1:7474'), { host: '127.0.0.1', port: 7474 });
    assert.deepEqual(parseSocketAddress('[::1]:0'), { host: '::1', port: 0 });
    for (const bad of ['localhost', ':7474', 'a:70000', 'http://a:1', '-a:1']) assert.equal(parseSocketAddress(bad), undefined, bad);
    assert.deepEqual(parseHttpOrigin('http://[::1]:7481/'), { host: '::1', port: 7481, protocol: 'http:', origin: 'http://[::1]:7481' });
    for (const bad of ['127.0.0.1:7481', 'http://a:1/db', 'ftp://a:1', 'http://a']) assert.equal(parseHttpOrigin(bad), undefined, bad);
  });

  it('closest key', () => {
    assert.equal(closestKey('maxlag', ['reads', 'balance', 'maxLagTx', 'writeHold']), 'maxLagTx');
    assert.equal(closestKey('write_hold', ['reads', 'writeHold']), 'writeHold');
    assert.equal(closestKey('intervall', ['interval', 'timeout']), 'interval');
    assert.equal(closestKey('zzzzzz', ['interval', 'timeout']), undefined);
  });
});
