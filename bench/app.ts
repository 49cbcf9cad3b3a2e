import { fromDist } from './paths.js';

/** The parts of the built server the bench drives in-process (setup and lookup timing). */
export async function loadApp() {
  const [switchboard, load, logger, secrets] = await Promise.all([
    fromDist<typeof import('../src/app/switchboard.js')>('app/switchboard.js'),
    fromDist<typeof import('../src/config/load.js')>('config/load.js'),
    fromDist<typeof import('../src/app/logger.js')>('app/logger.js'),
    fromDist<typeof import('../src/server/auth/secrets.js')>('server/auth/secrets.js'),
  ]);
  return {
    createSwitchboard: switchboard.createSwitchboard,
    loadConfig: load.loadConfig,
    createLogger: logger.createLogger,
    hashPassword: secrets.hashPassword,
  };
}

export type App = Awaited<ReturnType<typeof loadApp>>;
export type Switchboard = import('../src/app/switchboard.js').Switchboard;

/**
 * Opens the bench data folder the way the server does, logging only warnings to stderr. The
 * directory's answer cache is off: in-process lookups are timed against the database every time.
 */
export async function openSwitchboard(app: App, dataDir: string): Promise<Switchboard> {
  const env = { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_LOG_LEVEL: 'warn', SWITCHBOARD_IDENTIFY_CACHE_SECONDS: '0' };
  const { config } = app.loadConfig({ env, cwd: dataDir });
  return app.createSwitchboard(config, app.createLogger('warn', 2));
}
