/**
 * `graphlb set-initial-password <password> [--conf FILE]`: the first password of the
 * user neo4j, set before the instance starts, as `neo4j-admin set-initial-password`.
 * The users live in <dbms.directories.data>/dbms/auth; a relative data directory is
 * relative to the current directory, as for `graphlb engine --conf FILE`.
 *
 * Exit codes: 0 set (or already that password); 1 refused because a password was chosen
 * already, or the auth file is unreadable, corrupt or cannot be written; 2 bad arguments
 * or a wrong settings file.
 */
import { InvalidArgumentError, type Command } from 'commander';
import path from 'node:path';
import { AuthFileError } from '../engine/security/auth-file-error.js';
import { setInitialPassword } from '../engine/security/initial-password.js';
import { defaultUserName } from '../engine/security/user-record.js';
import { readSettingsFile } from '../engine/settings/load-settings.js';
import { settingDefinitions } from '../engine/settings/setting-definitions.js';
import { SettingsError } from '../engine/settings/settings-error.js';

export function registerSetInitialPasswordCommand(program: Command): void {
  program
    .command('set-initial-password')
    .description(`set the password of the user ${defaultUserName} before an instance first starts (as neo4j-admin set-initial-password); refused once a password was chosen`)
    .argument('<password>', `the password of ${defaultUserName}`, parsePassword)
    .option('--conf <file>', 'the instance\'s neo4j.conf-style settings file, for dbms.directories.data (default: data in the current directory)')
    .action((password: string, options: { conf?: string }) => {
      process.exitCode = runSetInitialPassword(password, options.conf);
    });
}

/** Commander's check of a password flag or argument: a password cannot be empty (Neo4j's rule). */
export function parsePassword(text: string): string {
  if (text === '') throw new InvalidArgumentError('a password cannot be empty');
  return text;
}

function runSetInitialPassword(password: string, confFile: string | undefined): number {
  let dataDir: string;
  try {
    dataDir = path.resolve(
      confFile === undefined ? settingDefinitions['dbms.directories.data'].defaultValue : readSettingsFile(confFile).values['dbms.directories.data'],
    );
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    complain(`graphlb set-initial-password: ${error.message}`);
    return 2;
  }

  try {
    const result = setInitialPassword(dataDir, password);
    switch (result.outcome) {
      case 'set':
        say(`Changed password for user '${defaultUserName}' in ${result.file}.`);
        return 0;
      case 'unchanged':
        say(`The password of user '${defaultUserName}' in ${result.file} is already the given one; nothing changed.`);
        return 0;
      case 'refused':
        complain(
          `graphlb set-initial-password: the initial password was not set: ${result.file} holds users whose password was chosen already, ` +
            `and an initial password is only set once (as in Neo4j); expected no auth file, or only the default user ${defaultUserName} with its default password; ` +
            `change the password with POST /user/${defaultUserName}/password, or stop the instance and remove ${result.file} to start over`,
        );
        return 1;
    }
  } catch (error) {
    if (!(error instanceof AuthFileError)) throw error;
    complain(`graphlb set-initial-password: ${error.message}`);
    return 1;
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}
