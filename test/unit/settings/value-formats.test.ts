import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCount } from '../../../engine/settings/count.js';
import { formatDuration, parseDuration } from '../../../engine/settings/duration.js';
import { parseRetentionPolicy } from '../../../engine/settings/retention-policy-format.js';
import { parseSize } from '../../../engine/settings/size.js';
import { formatSocketAddress } from '../../../protocol/config/socket-address.js';
import { parseListenAddress } from '../../../engine/settings/socket-address.js';

describe('sizes', () => {
  it('reads binary units in any case, with or without a trailing b', () => {
    assert.equal(parseSize('65536'), 65536);
    assert.equal(parseSize('64k'), 64 * 1024);
    assert.equal(parseSize('64K'), 64 * 1024);
    assert.equal(parseSize('512m'), 512 * 1024 ** 2);
    assert.equal(parseSize('250M'), 250 * 1024 ** 2);
    assert.equal(parseSize('4g'), 4 * 1024 ** 3);
    assert.equal(parseSize('100MB'), 100 * 1024 ** 2);
    assert.equal(parseSize('64kb'), 64 * 1024);
    assert.equal(parseSize('10b'), 10);
  });

  it('refuses what is not a whole number of a known unit', () => {
    for (const bad of ['', '64q', '1.5g', '-1m', 'm', '4 gigabytes', '4t', '99999999999999999g']) {
      assert.equal(parseSize(bad), undefined, bad);
    }
  });
});

describe('durations', () => {
  it('reads short units and the long words, with or without a space', () => {
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('4s'), 4000);
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('1h'), 3_600_000);
    assert.equal(parseDuration('7d'), 7 * 86_400_000);
    assert.equal(parseDuration('7 days'), 7 * 86_400_000);
    assert.equal(parseDuration('1 hours'), 3_600_000);
    assert.equal(parseDuration('1 day'), 86_400_000);
    assert.equal(parseDuration('90 seconds'), 90_000);
    assert.equal(parseDuration('2 minutes'), 120_000);
    assert.equal(parseDuration('5 milliseconds'), 5);
    assert.equal(parseDuration('0s'), 0);
  });

  it('refuses a bare number, unknown units and fractions', () => {
    for (const bad of ['', '60', '4 fortnights', '1.5s', 's', '4S', '-1s', 'off']) {
      assert.equal(parseDuration(bad), undefined, bad);
    }
  });

  it('writes a duration in its largest whole unit', () => {
    assert.equal(formatDuration(2000), '2s');
    assert.equal(formatDuration(1500), '1500ms');
    assert.equal(formatDuration(900_000), '15m');
    assert.equal(formatDuration(0), '0ms');
  });
});

describe('counts', () => {
  it('reads decimal k and m', () => {
    assert.equal(parseCount('200'), 200);
    assert.equal(parseCount('200k'), 200_000);
    assert.equal(parseCount('2M'), 2_000_000);
    assert.equal(parseCount('2g'), undefined);
    assert.equal(parseCount('k'), undefined);
  });
});

describe('socket addresses', () => {
  it('reads host:port, bracketed IPv6 and an empty host', () => {
    assert.deepEqual(parseListenAddress('127.0.0.1:7474'), { host: '127.0.0.1', port: 7474 });
    assert.deepEqual(parseListenAddress('db-1.example.com:7687'), { host: 'db-1.example.com', port: 7687 });
    assert.deepEqual(parseListenAddress('[::1]:7474'), { host: '::1', port: 7474 });
    assert.deepEqual(parseListenAddress(':7474'), { host: '127.0.0.1', port: 7474 });
    assert.deepEqual(parseListenAddress('0.0.0.0:0'), { host: '0.0.0.0', port: 0 });
  });

  it('refuses a missing port, a port above 65535 and unbracketed IPv6', () => {
    for (const bad of ['127.0.0.1', '127.0.0.1:', 'host:65536', '::1:7474', 'a b:1', 'host:port']) {
      assert.equal(parseListenAddress(bad), undefined, bad);
    }
  });

  it('writes IPv6 hosts in brackets', () => {
    assert.equal(formatSocketAddress({ host: '::1', port: 7474 }), '[::1]:7474');
    assert.equal(formatSocketAddress({ host: '127.0.0.1', port: 7474 }), '127.0.0.1:7474');
  });
});

describe('retention policies', () => {
  it('reads every form', () => {
    assert.deepEqual(parseRetentionPolicy('true'), { kind: 'all' });
    assert.deepEqual(parseRetentionPolicy('keep_all'), { kind: 'all' });
    assert.deepEqual(parseRetentionPolicy('false'), { kind: 'none' });
    assert.deepEqual(parseRetentionPolicy('keep_none'), { kind: 'none' });
    assert.deepEqual(parseRetentionPolicy('10 files'), { kind: 'files', count: 10 });
    assert.deepEqual(parseRetentionPolicy('100M size'), { kind: 'size', bytes: 100 * 1024 ** 2 });
    assert.deepEqual(parseRetentionPolicy('200k txs'), { kind: 'txs', count: 200_000 });
    assert.deepEqual(parseRetentionPolicy('500 txs'), { kind: 'txs', count: 500 });
    assert.deepEqual(parseRetentionPolicy('1 hours'), { kind: 'age', milliseconds: 3_600_000 });
    assert.deepEqual(parseRetentionPolicy('7 days'), { kind: 'age', milliseconds: 7 * 86_400_000 });
  });

  it('refuses unknown kinds, zero amounts and missing spaces', () => {
    for (const bad of ['', 'yes', '7days', '7 weeks', '0 files', '0 days', 'x txs', '1.5 days', '10k days', 'size']) {
      assert.equal(parseRetentionPolicy(bad), undefined, bad);
    }
  });
});
