/**
 * `graphlb monitor --config FILE`: the monitoring daemon in the foreground
 * (monitor/monitor-process.ts). SIGTERM or Ctrl-C stops it.
 *
 * Exit codes: 0 stopped; 1 it could not listen; 2 the configuration is refused (one line,
 * file:line:col).
 */
import type { Command } from 'commander';

export function registerMonitorCommand(program: Command): void {
  program
    .command('monitor')
    .description('run the monitoring daemon in the foreground: status page, /metrics, /api/cluster and alerts; SIGTERM or Ctrl-C stops it')
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
      let monitor;
      try {
        monitor = await runMonitor({ config, logger });
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
          void running.close().then(resolve);
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
      process.exitCode = 0;
    });
}
