import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.js';
import * as userCallLogOrder from './002-user-call-log-order.js';
import * as presencePreferences from './003-presence-preferences.js';

/** Migrations are compiled into the program (no folder scanning): the build is the whole truth. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-user-call-log-order': userCallLogOrder,
  '003-presence-preferences': presencePreferences,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
