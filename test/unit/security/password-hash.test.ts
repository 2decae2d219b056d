import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { formatPasswordHash, hashPassword, parsePasswordHash, verifyPassword, type PasswordHash } from '../../../engine/security/password-hash.js';

function parsed(text: string): PasswordHash {
  const hash = parsePasswordHash(text);
  assert.ok(typeof hash !== 'string', `expected ${text} to parse, got: ${String(hash)}`);
  return hash;
}

describe('password hashes', () => {
  it('verify the password they were made from and no other', () => {
    const hash = hashPassword('correct horse ÄÖÜ 漢字');
    assert.equal(verifyPassword(hash, 'correct horse ÄÖÜ 漢字'), true);
    assert.equal(verifyPassword(hash, 'correct horse ÄÖÜ 漢'), false);
    assert.equal(verifyPassword(hash, ''), false);
  });

  it('use scrypt N=16384 r=8 p=1 with a fresh 16-byte salt and a 32-byte key', () => {
    const first = hashPassword('secret');
    const second = hashPassword('secret');
    assert.deepEqual([first.cost, first.blockSize, first.parallelization, first.salt.length, first.key.length], [16384, 8, 1, 16, 32]);
    assert.notDeepEqual(first.salt, second.salt);
    assert.notDeepEqual(first.key, second.key);
  });

  it('survive formatting and parsing', () => {
    const hash = hashPassword('secret');
    const text = formatPasswordHash(hash);
    assert.match(text, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    const again = parsed(text);
    assert.deepEqual(again, hash);
    assert.equal(verifyPassword(again, 'secret'), true);
  });

  it('are checked with the parameters written in them', () => {
    const salt = Buffer.alloc(12, 7);
    const key = crypto.scryptSync('old', salt, 24, { N: 1024, r: 4, p: 2 });
    const hash = parsed(`scrypt$1024$4$2$${salt.toString('base64')}$${key.toString('base64')}`);
    assert.equal(verifyPassword(hash, 'old'), true);
    assert.equal(verifyPassword(hash, 'new'), false);

    const tinyKey = crypto.scryptSync('old', salt, 16, { N: 2, r: 1, p: 16 });
    assert.equal(verifyPassword(parsed(`scrypt$2$1$16$${salt.toString('base64')}$${tinyKey.toString('base64')}`), 'old'), true);
  });

  it('refuse tokens that are not scrypt$N$r$p$salt$key, saying what is wrong', () => {
    const salt = Buffer.alloc(16, 1).toString('base64');
    const key = Buffer.alloc(32, 2).toString('base64');
    const cases: [string, RegExp][] = [
      [`bcrypt$16384$8$1$${salt}$${key}`, /is not scrypt\$<N>\$<r>\$<p>\$<salt base64>\$<key base64>/],
      [`scrypt$16384$8$1$${salt}`, /is not scrypt\$/],
      [`scrypt$1000$8$1$${salt}$${key}`, /cost N "1000" is not a power of two from 2 to 1048576/],
      [`scrypt$2097152$1$1$${salt}$${key}`, /cost N "2097152" is not a power of two/],
      [`scrypt$16384$0$1$${salt}$${key}`, /block size r "0" is not a whole number from 1 to 32/],
      [`scrypt$16384$8$x$${salt}$${key}`, /parallelization p "x" is not a whole number from 1 to 16/],
      [`scrypt$1048576$8$1$${salt}$${key}`, /need more than 256 MiB per login/],
      [`scrypt$16384$8$1$not*base64$${key}`, /the salt is not base64 of 8 to 64 bytes/],
      [`scrypt$16384$8$1$${salt}$${Buffer.alloc(8).toString('base64')}`, /the key is not base64 of 16 to 64 bytes/],
      [`scrypt$16384$8$1$${salt}$${key.slice(0, -2)}`, /the key is not base64/],
    ];
    for (const [text, problem] of cases) {
      const result = parsePasswordHash(text);
      assert.equal(typeof result, 'string', `${text} is refused`);
      assert.match(result as string, problem);
    }
  });
});
