#!/usr/bin/env node
/**
 * graphlb: the command. One file per subcommand; this one only assembles them.
 * Exit codes: 0 done, 1 failed while running, 2 bad flags or bad configuration.
 */
import { Command, CommanderError } from 'commander';
import { graphlbVersion } from '../engine/server/version.js';
import { registerEngineCommand } from './engine-command.js';
import { registerMonitorCommand } from './monitor-command.js';
import { registerProxyCommand } from './proxy-command.js';
import { registerSetInitialPasswordCommand } from './set-initial-password-command.js';
import { registerStatusCommand } from './status-command.js';
import { registerUpCommand } from './up-command.js';

const program = new Command('graphlb')
  .description('HA routing proxy and monitoring stack for master/slave graph-database clusters, with a bundled graph engine')
  .version(graphlbVersion)
  // Settings made before .command() are inherited by every subcommand.
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (see --help)\n`) });

registerEngineCommand(program);
registerProxyCommand(program);
registerMonitorCommand(program);
registerStatusCommand(program);
registerUpCommand(program);
registerSetInitialPasswordCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  // Commander has printed its one line already; --help and --version end with 0.
  process.exitCode = error.exitCode === 0 ? 0 : 2;
}
