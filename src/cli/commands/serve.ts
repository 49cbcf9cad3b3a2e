import type { Command } from 'commander';
import { createLogger } from '../../app/logger.js';
import { startServer } from '../../server/serve.js';
import { cliConfig, type GlobalOptions } from '../context.js';

export function registerServeCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('run the Switchboard server (API, WebSocket, webhooks)')
    .action(async () => {
      const config = cliConfig(globals());
      const log = createLogger(config.log.level);
      const server = await startServer(config, log);
      const shutdown = (signal: string) => {
        log.info({ signal }, 'signal received');
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            log.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.on('uncaughtException', (error) => log.fatal({ err: error }, 'uncaught exception'));
      process.on('unhandledRejection', (error) => log.error({ err: error }, 'unhandled promise rejection'));
    });
}
