/**
 * `graphlb proxy --config FILE`: the routing proxy in the foreground (proxy/proxy-process.ts).
 * SIGHUP reloads FILE; SIGTERM or Ctrl-C stops it after the requests in flight.
 */
import type { Command } from 'commander';

export function registerProxyCommand(program: Command): void {
  program
    .command('proxy')
    .description('run the routing proxy in the foreground: one HTTP address for the whole cluster; SIGHUP reloads the config, SIGTERM or Ctrl-C stops it')
    .requiredOption('--config <file>', 'the proxy\'s YAML configuration (every setting is documented in conf/proxy.yaml)')
    .action(async (options: { config: string }) => {
      // Loaded here, not at the top: the other commands need none of the proxy.
      const { runProxy } = await import('../proxy/proxy-process.js');
      const { createJsonLogger } = await import('../protocol/log/json-logger.js');
      process.exitCode = await runProxy({ configFile: options.config, env: process.env, logger: createJsonLogger() });
    });
}
