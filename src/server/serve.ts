import type { Logger } from 'pino';
import { ensureAdmin } from '../app/bootstrap.js';
import { createSwitchboard, type Switchboard } from '../app/switchboard.js';
import type { Config } from '../config/schema.js';
import { runCleanup } from '../jobs/cleanup.js';
import { scheduleDaily } from '../jobs/daily.js';
import { baseUrl } from '../sources/source-service.js';
import { buildServer } from './app.js';

const SWEEP_INTERVAL_MS = 5_000;

export interface RunningServer {
  sb: Switchboard;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts everything `switchboard serve` runs, and returns how to stop it cleanly. */
export async function startServer(config: Config, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const sb = await createSwitchboard(config, log);
  await ensureAdmin(sb, env, (line) => process.stdout.write(`${line}\n`));
  const resumed = await sb.calls.restore();
  if (resumed > 0) log.info({ calls: resumed }, 'resumed calls that were open at the last stop');

  const { app, gateway } = await buildServer(sb);
  await app.listen({ host: config.server.host, port: config.server.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const url = baseUrl({ ...config, server: { ...config.server, port } });

  const sweeper = setInterval(() => {
    sb.calls.sweep().catch((error: unknown) => log.error({ err: error }, 'closing stale calls failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  // The CLI writes to the same database (users, contacts): when another connection changed it,
  // forget what was cached.
  const dataVersion = sb.store.sqlite.prepare('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get();
  const watcher = setInterval(() => {
    const version = dataVersion.get();
    if (version === seenVersion) return;
    seenVersion = version;
    sb.bus.publish('users.changed', {});
    sb.bus.publish('contacts.changed', { count: 0 });
  }, 1_000);
  watcher.unref();
  const stopDaily = scheduleDaily(
    config.calls.cleanupAt,
    async () => void (await runCleanup(sb)),
    (error) => log.error({ err: error }, 'daily clean-up failed'),
  );
  log.info({ url, dataDir: config.dataDir }, 'Switchboard is listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down');
      clearInterval(sweeper);
      clearInterval(watcher);
      stopDaily();
      gateway.close();
      // Finishes requests in flight (their events are written before they are answered)…
      await app.close();
      // …and the identification work they started.
      await sb.calls.drain();
      await sb.close();
      log.info('stopped');
    })());
  return { sb, url, port, stop };
}
