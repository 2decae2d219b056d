/**
 * `graphlb monitor --config FILE`: the monitoring daemon in the foreground
 * (monitor/monitor-process.ts). SIGHUP reloads FILE (a refused file keeps the
 * configuration in force and the monitor running); SIGTERM or Ctrl-C stops it.
 *
 * Exit codes: 0 stopped; 1 it could not listen; 2 the configuration is refused (one line,
 * file:line:col).
 */
import type { Command } from 'commander';
import type { RunningMonitor } from '../monitor/monitor-process.js';

export function registerMonitorCommand(program: Command): void {
  program
    .command('monitor')
    .description('run the monitoring daemon in the foreground: status page, /metrics, /api/cluster and alerts; SIGHUP reloads the config, SIGTERM or Ctrl-C stops it')
    .requiredOption('--config <file>', 'the monitor\'s YAML configuration (every setting is documented in conf/monitor.yaml)')
    .action(async (options: { config: string }) => {
      // Loaded here, not at the top: the other commands need none of the monitor.
      const { loadMonitorConfig } = await import('../monitor/config/load-monitor-config.js');
      const { MonitorConfigError } = await import('../monitor/config/monitor-config-error.js');
      const { runMonitor, MonitorListenError } = await import('../monitor/monitor-process.js');
      const { createJsonLogger } = await import('../protocol/log/json-logger.js');
      let config;
      try {
        config = loadMonitorConfig(options.config, process.env);
      } catch (error) {
        if (!(error instanceof MonitorConfigError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      const logger = createJsonLogger();
      let monitor: RunningMonitor | undefined;
      let stopping = false;
      // Installed before the monitor starts: SIGHUP's default action would end the process.
      const onHangUp = (): void => {
        if (monitor === undefined || stopping) {
          logger.warn({ event: 'signal_ignored', signal: 'SIGHUP' }, `SIGHUP ignored: the monitor is ${stopping ? 'stopping' : 'not running yet'}`);
        } else {
          void monitor.reload();
        }
      };
      process.on('SIGHUP', onHangUp);
      try {
        try {
          monitor = await runMonitor({ config, configFile: options.config, env: process.env, logger });
        } catch (error) {
          if (!(error instanceof MonitorListenError)) throw error;
          process.stderr.write(`${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        const running = monitor;
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            stopping = true;
            void running.close().then(resolve);
          };
          process.on('SIGTERM', stop);
          process.on('SIGINT', stop);
        });
      } finally {
        process.off('SIGHUP', onHangUp);
      }
      process.exitCode = 0;
    });
}
