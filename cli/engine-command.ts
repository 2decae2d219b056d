/**
 * `graphlb engine --conf FILE`: one engine instance in the foreground.
 */
import type { Command } from 'commander';

export function registerEngineCommand(program: Command): void {
  program
    .command('engine')
    .description('run one engine instance in the foreground; stops cleanly on SIGTERM or Ctrl-C')
    .requiredOption('--conf <file>', 'neo4j.conf-style settings file (every setting is documented in conf/neo4j.conf)')
    .action(async (options: { conf: string }) => {
      // Loaded here, not at the top: the other commands need none of the engine.
      const { runEngine } = await import('../engine/server/run-engine.js');
      process.exitCode = await runEngine(options.conf);
    });
}
