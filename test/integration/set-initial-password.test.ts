/**
 * `graphlb set-initial-password` as a real process: it writes the auth file of the
 * instance its --conf names, refuses once a password was chosen, and names a corrupt file.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { authFilePath, readAuthFile } from '../../engine/security/auth-file.js';
import { verifyPassword } from '../../engine/security/password-hash.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TestProcess } from '../support/test-process.js';

const exitMs = 30_000;

describe('graphlb set-initial-password', () => {
  const temp = makeTempDir('set-initial-password');
  const dataDir = path.join(temp.dir, 'data');
  const conf = path.join(temp.dir, 'neo4j.conf');
  const authFile = authFilePath(dataDir);
  fs.writeFileSync(conf, `dbms.directories.data=${dataDir}\n`);

  after(async () => {
    await TestProcess.killAll();
    temp.remove();
  });

  async function run(args: readonly string[]): Promise<TestProcess> {
    const command = TestProcess.cli(['set-initial-password', ...args]);
    await command.exit(exitMs);
    return command;
  }

  it("writes neo4j's password into <dbms.directories.data>/dbms/auth, mode 0600", async () => {
    const command = await run(['s3cret:with colon', '--conf', conf]);
    assert.equal((await command.exit(exitMs)).code, 0, command.describe());
    assert.deepEqual(command.lines.stdout, [`Changed password for user 'neo4j' in ${authFile}.`]);
    assert.equal(fs.statSync(authFile).mode & 0o777, 0o600);
    const users = readAuthFile(authFile);
    assert.equal(users?.length, 1);
    assert.equal(users[0]!.name, 'neo4j');
    assert.equal(users[0]!.passwordChangeRequired, false);
    assert.equal(verifyPassword(users[0]!.credentials, 's3cret:with colon'), true);
  });

  it('refuses another password once one was chosen, with exit code 1, leaving the file', async () => {
    const before = fs.readFileSync(authFile, 'utf8');
    const command = await run(['other', '--conf', conf]);
    assert.equal((await command.exit(exitMs)).code, 1, command.describe());
    assert.equal(command.lines.stderr.length, 1, command.describe());
    assert.match(
      command.lines.stderr[0]!,
      new RegExp(`^graphlb set-initial-password: the initial password was not set: ${authFile} holds users whose password was chosen already`),
    );
    assert.equal(fs.readFileSync(authFile, 'utf8'), before);
  });

  it('names the file and line of a corrupt auth file, with exit code 1', async () => {
    fs.writeFileSync(authFile, 'neo4j:scrypt$1$2$3:\n');
    const command = await run(['secret', '--conf', conf]);
    assert.equal((await command.exit(exitMs)).code, 1, command.describe());
    assert.match(command.lines.stderr.join('\n'), new RegExp(`^graphlb set-initial-password: ${authFile}:1: the password hash is not scrypt`));
  });

  it('refuses an empty password and a wrong settings file with exit code 2', async () => {
    const empty = await run(['', '--conf', conf]);
    assert.equal((await empty.exit(exitMs)).code, 2, empty.describe());
    assert.match(empty.lines.stderr.join('\n'), /a password cannot be empty/);

    const missing = path.join(temp.dir, 'missing.conf');
    const badConf = await run(['secret', '--conf', missing]);
    assert.equal((await badConf.exit(exitMs)).code, 2, badConf.describe());
    assert.match(badConf.lines.stderr.join('\n'), new RegExp(`^graphlb set-initial-password: ${missing}: cannot read the file`));
  });
});
