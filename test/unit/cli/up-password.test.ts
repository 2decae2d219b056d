import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveUpPassword, UpPasswordError } from '../../../cli/up-password.js';
import { authFilePath, writeAuthFile } from '../../../engine/security/auth-file.js';
import { setInitialPassword } from '../../../engine/security/initial-password.js';
import { hashPassword } from '../../../engine/security/password-hash.js';
import { makeTempDir } from '../../support/temp-dir.js';

describe('the password graphlb up uses', () => {
  const temp = makeTempDir('up-password');
  after(() => temp.remove());
  let dirs = 0;
  const fresh = (): { data: string; instances: string[] } => {
    const data = path.join(temp.dir, `data${++dirs}`);
    return { data, instances: [1, 2, 3].map((n) => path.join(data, `instance${n}`, 'data')) };
  };

  it('is the given one, whatever <data>/password holds', () => {
    const { data, instances } = fresh();
    fs.mkdirSync(data, { recursive: true });
    fs.writeFileSync(path.join(data, 'password'), 'kept\n');
    assert.deepEqual(resolveUpPassword(data, 'given', instances), { source: 'given', password: 'given' });
  });

  it('is generated once into <data>/password (mode 0600) for fresh instances, then read from there', () => {
    const { data, instances } = fresh();
    // An instance started once without a password holds neo4j/neo4j: still fresh.
    writeAuthFile(authFilePath(instances[0]!), [{ name: 'neo4j', credentials: hashPassword('neo4j'), passwordChangeRequired: true }]);
    const generated = resolveUpPassword(data, undefined, instances);
    assert.equal(generated.source, 'generated');
    const file = path.join(data, 'password');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(file, 'utf8'), `${generated.password}\n`);
    assert.match(generated.password ?? '', /^[A-Za-z0-9_-]{24}$/);
    assert.deepEqual(resolveUpPassword(data, undefined, instances), { source: 'file', password: generated.password, file });
    assert.notEqual(resolveUpPassword(fresh().data, undefined, []).password, generated.password, 'each data directory gets its own');
  });

  it('is unknown, and nothing is written, when an instance holds a password someone chose', () => {
    const { data, instances } = fresh();
    assert.equal(setInitialPassword(instances[2]!, 'chosen elsewhere').outcome, 'set');
    assert.deepEqual(resolveUpPassword(data, undefined, instances), { source: 'unknown', password: undefined });
    assert.equal(fs.existsSync(path.join(data, 'password')), false);
  });

  it('refuses an empty <data>/password, saying what to do', () => {
    const { data, instances } = fresh();
    fs.mkdirSync(data, { recursive: true });
    fs.writeFileSync(path.join(data, 'password'), '\n');
    assert.throws(() => resolveUpPassword(data, undefined, instances), (error: unknown) => {
      assert.ok(error instanceof UpPasswordError);
      assert.equal(error.message, `${path.join(data, 'password')} is empty; expected the password of user 'neo4j' on its first line, or remove the file together with the instances' data to start over`);
      return true;
    });
  });
});
