import type { Logger } from 'pino';
import { ensureAdmin } from '../app/bootstrap.js';
import { createSwitchboard, type Switchboard } from '../app/switchboard.js';
import type { Config } from '../config/schema.js';
import { runCleanup } from '../jobs/cleanup.js';
import { scheduleDaily } from '../jobs/daily.js';
import { baseUrl } from '../sources/source-service.js';
import { buildServer } from './app.js';

/** Often enough that a call is closed soon after maxRingSeconds, even when that is short. */
const sweepIntervalMs = (config: Config): number => Math.min(5_000, (config.calls.maxRingSeconds * 1000) / 2);

export interface RunningServer {
  sb: Switchboard;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts everything `switchboard serve` runs, and returns how to stop it cleanly. */
export async function startServer(config: Config, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const sb = await createSwitchboard(config, log, { backgroundCheckpoints: true });
  await ensureAdmin(sb, env, (line) => process.stdout.write(`${line}\n`));
  const resumed = await sb.calls.restore();
  if (resumed > 0) log.info({ calls: resumed }, 'resumed calls that were open at the last stop');

  await sb.ami.start();

  const { app, gateway } = await buildServer(sb);
  await app.listen({ host: config.server.host, port: config.server.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  // Port 0 asked for any free port: the URLs we hand out (webhook URLs, replies) need the real one.
  if (config.server.port === 0) config.server.port = port;
  const url = baseUrl(config);

  const sweeper = setInterval(() => {
    sb.calls.sweep().catch((error: unknown) => log.error({ err: error }, 'closing stale calls failed'));
  }, sweepIntervalMs(config));
  sweeper.unref();
  // The CLI writes to the same database (users, contacts, numbering): every request takes its
  // changes up first (see app.ts); this catches them between requests too.
  const watcher = setInterval(() => void sb.syncExternalChanges(), 1_000);
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
      // No new PBX events once we are stopping; those already taken are written below.
      await sb.ami.close();
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
